package dev.sizeup.analysis;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.memory.InferenceMemory;
import dev.sizeup.memory.InferenceSetup;
import dev.sizeup.memory.KvFormat;
import dev.sizeup.memory.LayoutSearch;
import dev.sizeup.memory.MemoryPlanner;
import dev.sizeup.memory.MemoryReport;
import dev.sizeup.memory.MemoryRequest;
import dev.sizeup.memory.WeightFormat;
import dev.sizeup.plan.Budget;
import dev.sizeup.plan.Plan;
import dev.sizeup.plan.PlanRequest;
import dev.sizeup.plan.Planner;
import dev.sizeup.scaling.Chinchilla;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Presets;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The library entry point behind {@code sizeup report}: everything a sizing report states about a spec. */
public final class Sizer {
  private Sizer() {}

  /** The serving formats whose weight sizes a report lists. */
  public static final List<WeightFormat> WEIGHT_FORMATS =
      List.of(WeightFormat.BF16, WeightFormat.FP8, WeightFormat.INT8, WeightFormat.INT4);

  /**
   * Sizings in input order, one diagnostic for each input that could not be sized, and the published
   * models (the presets with training tokens) that reports compare with.
   */
  public record Batch(List<Sizing> sizings, List<SpecException> errors, List<Sizing.Reference> references) {
    public Batch {
      sizings = List.copyOf(sizings);
      errors = List.copyOf(errors);
      references = List.copyOf(references);
    }
  }

  /** Loads and sizes every input; a bad one does not stop the others. */
  public static Batch sizeAll(List<Inputs.Input> inputs, InputStream stdin, SizingRequest request) {
    List<Sizing> sizings = new ArrayList<>();
    List<SpecException> errors = new ArrayList<>();
    for (Inputs.Input input : inputs) {
      try {
        sizings.add(size(SpecLoader.load(Inputs.read(input, stdin), request.analysis().name()), request));
      } catch (SpecException e) {
        errors.add(e);
      }
    }
    return new Batch(sizings, errors, references());
  }

  /** One spec's sizing. */
  public static Sizing size(Spec spec, SizingRequest r) throws SpecException {
    Spec s = r.analysis().tokens() != null ? spec.withTokens(r.analysis().tokens()) : spec;
    boolean assumed = s.tokens() == null;
    if (assumed) {
      try {
        long n = ParameterCounter.count(s.architecture()).active();
        s = s.withTokens(Math.multiplyExact(Chinchilla.TOKENS_PER_PARAMETER, n));
      } catch (ArithmeticException e) {
        throw s.error("architecture", "sizes too large: the parameter count overflows a 64-bit integer (over 9.2e18)");
      }
    }
    Analysis analysis = Analyzer.analyze(s, new Analyzer.Options(null, r.analysis().bands(), r.analysis().law(),
        r.analysis().seqLen(), null));
    SizingRequest.CostAssumptions c = r.cost();
    Plan plan = Planner.plan(new PlanRequest(new Budget.Compute(analysis.chinchilla().trainingFlops()),
        r.analysis().law(), c.gpu(), c.precision(), c.mfu(), c.gpus(), c.usdPerGpuHour(), null));
    MemoryRequest m = r.memory();
    // training only: serving is sized below, on the fewest GPUs that hold the model
    MemoryReport memory = MemoryPlanner.plan(s, new MemoryRequest(m.training(), m.seqLen(), m.gpus(), m.tp(), m.pp(),
        m.ep(), m.zero(), m.sequenceParallel(), m.device(), m.limits(), m.inference(), MemoryRequest.Sections.TRAINING));
    MemoryRequest.Serving sv = m.inference();
    long context = sv.context() != null ? sv.context() : memory.training().setup().activations().seqLen();
    try {
      InferenceMemory serving = LayoutSearch.smallestServing(s.architecture(),
          new InferenceSetup(sv.weights(), sv.group(), sv.kv(), sv.batch(), context, 1), r.memory().device(),
          r.memory().limits().maxTp());
      List<Sizing.Weights> weights = new ArrayList<>();
      for (WeightFormat f : WEIGHT_FORMATS) {
        weights.add(new Sizing.Weights(f, InferenceMemory.of(s.architecture(),
            new InferenceSetup(f, sv.group(), KvFormat.BF16, 1, context, 1), r.memory().device()).weights()));
      }
      return new Sizing(analysis, assumed, plan, memory, serving, weights, r.memory().device(),
          r.analysis().bands());
    } catch (ArithmeticException e) {
      throw s.error("architecture", "sizes too large: a memory size overflows a 64-bit integer (over 9.2e18 bytes)");
    }
  }

  /** The shipped presets that give training tokens, in name order. */
  public static List<Sizing.Reference> references() {
    List<Sizing.Reference> out = new ArrayList<>();
    for (String name : Presets.names()) {
      try {
        Spec p = SpecLoader.load(Inputs.read(Inputs.preset(name), InputStream.nullInputStream()), null);
        if (p.tokens() != null) {
          ParameterCount n = ParameterCounter.count(p.architecture());
          out.add(new Sizing.Reference(p.name(), n, p.tokens()));
        }
      } catch (SpecException e) {
        throw new IllegalStateException("shipped preset " + name + " does not load: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
