package dev.sizeup.analysis;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.flops.FlopsCounter;
import dev.sizeup.memory.KvCache;
import dev.sizeup.scaling.Chinchilla;
import dev.sizeup.scaling.ScalingAssessment;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.scaling.VerdictBands;
import dev.sizeup.spec.Bounds;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The library entry point behind {@code sizeup analyze} and {@code sizeup validate}. */
public final class Analyzer {
  private Analyzer() {}

  /** The longest sequence a FLOP count is taken at (2^27, far beyond any model's context). */
  public static final long MAX_SEQ_LEN = 1L << 27;

  /**
   * Options that apply to every input of a run.
   *
   * @param tokens training tokens, replacing each spec's; null to keep them
   * @param bands  the Chinchilla verdict's thresholds
   * @param law    the law for the allocation and compute efficiency
   * @param seqLen the sequence length of the matmul FLOP count; null for each spec's context
   * @param name   the model's name, for a single input; null to keep or derive it
   */
  public record Options(Long tokens, VerdictBands bands, ScalingLaw law, Long seqLen, String name) {
    public static final Options DEFAULT = new Options(null, VerdictBands.DEFAULT, ScalingLaws.DEFAULT, null, null);

    public Options {
      if (tokens != null) {
        Bounds.check("tokens", tokens, 1, Long.MAX_VALUE, "");
      }
      if (seqLen != null) {
        Bounds.check("seq_len", seqLen, 1, MAX_SEQ_LEN, "tokens");
      }
      bands = bands == null ? VerdictBands.DEFAULT : bands;
      law = law == null ? ScalingLaws.DEFAULT : law;
    }
  }

  /** Results in input order, and one diagnostic for each input that could not be analysed. */
  public record Batch(List<Analysis> analyses, List<SpecException> errors) {
    public Batch {
      analyses = List.copyOf(analyses);
      errors = List.copyOf(errors);
    }
  }

  /** Loads and analyses every input; a bad one does not stop the others. */
  public static Batch analyzeAll(List<Inputs.Input> inputs, InputStream stdin, Options options) {
    List<Analysis> analyses = new ArrayList<>();
    List<SpecException> errors = new ArrayList<>();
    for (Inputs.Input input : inputs) {
      try {
        analyses.add(analyze(SpecLoader.load(Inputs.read(input, stdin), options.name()), options));
      } catch (SpecException e) {
        errors.add(e);
      }
    }
    return new Batch(analyses, errors);
  }

  /** {@link #analyzeAll} on command-line style arguments (paths, directories, preset names, "-"). */
  public static Batch analyzeAll(List<String> args, Options options) {
    return analyzeAll(Inputs.expand(args), InputStream.nullInputStream(), options);
  }

  public static Analysis analyze(Spec spec, Options options) throws SpecException {
    Spec s = options.tokens() != null ? spec.withTokens(options.tokens()) : spec;
    try {
      ParameterCount n = ParameterCounter.count(s.architecture());
      return new Analysis(s, n, FlopsCounter.perToken(s.architecture(), n, options.seqLen()),
          KvCache.of(s.architecture()),
          Chinchilla.assess(n.active(), s.tokens(), options.bands()),
          s.tokens() == null ? null : ScalingAssessment.of(n, s.tokens(), options.law()));
    } catch (ArithmeticException e) {
      throw s.error("architecture",
          "sizes too large: the parameter count overflows a 64-bit integer (over 9.2e18)");
    }
  }
}
