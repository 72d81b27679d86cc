package dev.sizeup.bench;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.plan.Budget;
import dev.sizeup.plan.GpuCatalog;
import dev.sizeup.plan.Plan;
import dev.sizeup.plan.PlanRequest;
import dev.sizeup.plan.Planner;
import dev.sizeup.plan.Precision;
import dev.sizeup.scaling.Parametric;
import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.scaling.Solver;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the library's hot paths. Run with {@code mvn -B -q test-compile exec:exec@bench}
 * (see README, "Performance"). Not a test: nothing here asserts a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SizingBenchmark {
  String gpt3Yaml;
  String mixtralConfig;
  Architecture mixtral;
  PlanRequest plan;

  @Setup
  public void setUp() throws IOException, SpecException {
    gpt3Yaml = Files.readString(Path.of("architectures/gpt3-175b.yaml"));
    mixtralConfig = Files.readString(Path.of("src/test/resources/hf/mixtral-8x7b-v0.1/config.json"));
    mixtral = SpecLoader.load(Path.of("architectures/mixtral-8x7b.yaml")).architecture();
    plan = new PlanRequest(new Budget.Compute(5.76e23), ScalingLaws.DEFAULT, GpuCatalog.builtIn().find("h100"),
        Precision.BF16, 0.4, 2048L, 2.0, 1e13);
  }

  /** Parse, resolve and analyse one spec end to end (parameters, FLOPs, Chinchilla, scaling laws). */
  @Benchmark
  public Object analyzeYamlSpec() throws SpecException {
    Spec spec = SpecLoader.parse(gpt3Yaml, "gpt3-175b.yaml");
    return Analyzer.analyze(spec, Analyzer.Options.DEFAULT);
  }

  /** Import a Hugging Face config.json. */
  @Benchmark
  public Object importHuggingFaceConfig() throws SpecException {
    return SpecLoader.parse(mixtralConfig, "config.json");
  }

  /** The exact parameter count alone. */
  @Benchmark
  public ParameterCount countParameters() {
    return ParameterCounter.count(mixtral);
  }

  /** Root-finding for GPT-3's compute efficiency under chinchilla. */
  @Benchmark
  public double computeEfficiency() {
    return Solver.computeEfficiency(Parametric.CHINCHILLA, 174_604_259_328.0, 300e9);
  }

  /** A full plan: four laws, cost and inference-aware sizing. */
  @Benchmark
  public Plan planWithInference() {
    return Planner.plan(plan);
  }
}
