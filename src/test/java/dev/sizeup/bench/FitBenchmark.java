package dev.sizeup.bench;

import dev.sizeup.scaling.ApproachThreeFit;
import dev.sizeup.scaling.HuberObjective;
import dev.sizeup.scaling.TrainingRuns;
import dev.sizeup.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Approach-3 fit on the test ladder (35 runs): one start from the grid's far corner, one evaluation of
 * the objective, its gradient and its Hessian, and the whole 4,500-start grid (on all cores). Run with
 * {@code mvn -B -q test-compile exec:exec@bench}. Not a test: nothing here asserts a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FitBenchmark {
  HuberObjective ladder;
  double[] corner = {25, 25, 1, 2, 2};
  double[] theta = {6.2, 7.6, 0.6, 0.35, 0.37};
  double[] out = new double[21];
  List<double[]> grid = ApproachThreeFit.grid();

  HuberObjective.Workspace workspace;

  @Setup
  public void setUp() throws SpecException {
    ladder = TrainingRuns.read(Path.of("src/test/resources/runs/epoch-ladder.csv"), "ladder",
        TrainingRuns.Columns.AUTO, TrainingRuns.Filters.NONE).objective(HuberObjective.DEFAULT_DELTA);
    workspace = ladder.workspace();
  }

  @Benchmark
  public double[] newton() {
    ladder.newton(theta, out, workspace);
    return out;
  }

  @Benchmark
  public ApproachThreeFit.End oneStart() {
    return ApproachThreeFit.minimize(ladder, corner);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ApproachThreeFit.Result wholeGrid() {
    return ApproachThreeFit.fit(ladder);
  }
}
