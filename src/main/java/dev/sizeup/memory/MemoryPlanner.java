package dev.sizeup.memory;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The library entry point behind {@code sizeup memory}. */
public final class MemoryPlanner {
  private MemoryPlanner() {}

  /** Results in input order, and one diagnostic for each input that could not be sized. */
  public record Batch(List<MemoryReport> reports, List<SpecException> errors) {
    public Batch {
      reports = List.copyOf(reports);
      errors = List.copyOf(errors);
    }
  }

  /** Loads and sizes every input; a bad one does not stop the others. */
  public static Batch planAll(List<Inputs.Input> inputs, InputStream stdin, MemoryRequest request, String name) {
    List<MemoryReport> reports = new ArrayList<>();
    List<SpecException> errors = new ArrayList<>();
    for (Inputs.Input input : inputs) {
      try {
        reports.add(plan(SpecLoader.load(Inputs.read(input, stdin), name), request));
      } catch (SpecException e) {
        errors.add(e);
      }
    }
    return new Batch(reports, errors);
  }

  /** Training and serving memory of one spec. */
  public static MemoryReport plan(Spec spec, MemoryRequest r) throws SpecException {
    var a = spec.architecture();
    long seq = r.seqLen() != null ? r.seqLen() : a.context() != null ? a.context() : MemoryRequest.FALLBACK_SEQ_LEN;
    String seqSource = r.seqLen() != null ? "chosen" : a.context() != null ? "context" : "default";
    if (a.embeddings().positions() == dev.sizeup.spec.Positions.LEARNED) {
      long rows = a.context() + a.embeddings().positionOffset();
      long longest = Math.max(r.sections().training() ? seq : 0,
          r.sections().inference() && r.inference().context() != null ? r.inference().context() : seq);
      if (longest > rows) {
        throw spec.error("architecture.context", "learned positions cover " + rows + " tokens; a sequence of "
            + longest + " tokens has no position embedding");
      }
    }
    try {
      ParameterCount n = ParameterCounter.count(a);
      MemoryReport.Training training = r.sections().training() ? training(spec, r, seq, seqSource) : null;
      InferenceMemory inference = r.sections().inference() ? inference(spec, r, seq) : null;
      return new MemoryReport(spec, n, training, inference);
    } catch (ArithmeticException e) {
      throw spec.error("architecture", "sizes too large: with this micro-batch, sequence length, batch and context a "
          + "memory size overflows a 64-bit integer (over 9.2e18 bytes)");
    }
  }

  private static MemoryReport.Training training(Spec spec, MemoryRequest r, long seq, String seqSource)
      throws SpecException {
    var a = spec.architecture();
    Layout layout = new Layout(r.dp(), r.tp(), r.pp(), r.ep(), r.zero(), r.sequenceParallel());
    try {
      layout.checkFits(a);
    } catch (InvalidValueException e) {
      throw spec.error(switch (e.key()) {
        case "pp" -> "architecture.layers";
        case "ep" -> "architecture.moe";
        default -> "architecture.heads";
      }, e.detail());
    }
    ActivationSetup act0 = r.training().activations();
    TrainingSetup setup = new TrainingSetup(r.training().precision(), r.training().optimizer(), r.training().states(),
        new ActivationSetup(act0.microBatch(), seq, act0.recompute(), act0.flash(), act0.dropout()));
    StageMemory largest = TrainingMemory.largest(a, setup, layout);
    Layout smallest = LayoutSearch.smallest(a, setup, r.device(), r.limits(), r.sequenceParallel());
    return new MemoryReport.Training(setup, seqSource, new MemoryReport.Fit(layout, largest), r.device().usable(),
        smallest == null ? null : new MemoryReport.Fit(smallest, TrainingMemory.largest(a, setup, smallest)));
  }

  private static InferenceMemory inference(Spec spec, MemoryRequest r, long seq) throws SpecException {
    MemoryRequest.Serving sv = r.inference();
    InferenceSetup serving = new InferenceSetup(sv.weights(), sv.group(), sv.kv(), sv.batch(),
        sv.context() != null ? sv.context() : seq, r.tp());
    try {
      return InferenceMemory.of(spec.architecture(), serving, r.device());
    } catch (InvalidValueException e) {
      if (!e.key().equals("tp")) {
        throw e;
      }
      throw spec.error(e.detail().contains("key/value heads") ? "architecture.kv_heads" : "architecture.heads",
          e.detail());
    }
  }
}
