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
  Architecture llama70b;
  Architecture deepseek;
  dev.sizeup.memory.TrainingSetup training;
  dev.sizeup.memory.Device h100;

  @Setup
  public void setUp() throws IOException, SpecException {
    gpt3Yaml = Files.readString(Path.of("architectures/gpt3-175b.yaml"));
    mixtralConfig = Files.readString(Path.of("src/test/resources/hf/mixtral-8x7b-v0.1/config.json"));
    mixtral = SpecLoader.load(Path.of("architectures/mixtral-8x7b.yaml")).architecture();
    plan = new PlanRequest(new Budget.Compute(5.76e23), ScalingLaws.DEFAULT, GpuCatalog.builtIn().find("h100"),
        Precision.BF16, 0.4, 2048L, 2.0, 1e13);
    llama70b = SpecLoader.load(Path.of("architectures/llama2-70b.yaml")).architecture();
    deepseek = SpecLoader.load(Path.of("architectures/deepseek-v3.yaml")).architecture();
    var bf16 = dev.sizeup.memory.TrainingPrecision.BF16;
    training = new dev.sizeup.memory.TrainingSetup(bf16, dev.sizeup.memory.Optimizer.ADAMW,
        dev.sizeup.memory.Optimizer.ADAMW.states(bf16),
        new dev.sizeup.memory.ActivationSetup(1, 4096, dev.sizeup.memory.Recompute.NONE, true, true));
    h100 = dev.sizeup.memory.Device.of(GpuCatalog.builtIn().find("h100"), dev.sizeup.memory.Reserve.DEFAULT);
  }

  /** The smallest training layout of Llama 2 70B on H100s (80 layers: 10 pipeline degrees, 4 tensor degrees, 4 ZeRO stages). */
  @Benchmark
  public Object smallestLayoutLlama2_70b() {
    return dev.sizeup.memory.LayoutSearch.smallest(llama70b, training, h100, dev.sizeup.memory.LayoutSearch.Limits.DEFAULT, true);
  }

  /** The smallest training layout of DeepSeek-V3 (671B, 61 layers in two groups, 256 experts). */
  @Benchmark
  public Object smallestLayoutDeepseekV3() {
    return dev.sizeup.memory.LayoutSearch.smallest(deepseek, training, h100, dev.sizeup.memory.LayoutSearch.Limits.DEFAULT, true);
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
