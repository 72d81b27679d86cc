package dev.sizeup.scaling;

import dev.sizeup.spec.InvalidValueException;

/**
 * Thresholds on ratio = D / (20·N): below {@code severelyBelow} is severely under-trained, below
 * {@code underBelow} under-trained, up to and including {@code overAbove} compute-optimal, above it
 * over-trained. The defaults 0.2, 0.8 and 1.25 are this tool's convention (a factor of 1.25 either
 * side of the rule), not a published band; users change them.
 */
public record VerdictBands(double severelyBelow, double underBelow, double overAbove) {
  public static final VerdictBands DEFAULT = new VerdictBands(0.2, 0.8, 1.25);

  public VerdictBands {
    if (!(severelyBelow > 0) || !(underBelow > severelyBelow) || !(overAbove >= underBelow)
        || Double.isInfinite(overAbove)) {
      throw new InvalidValueException("verdict_bands",
          "verdict bands must be three finite numbers 0 < severe < under <= over, got "
              + severelyBelow + "," + underBelow + "," + overAbove);
    }
  }

  public Verdict classify(double ratioToOptimal) {
    if (ratioToOptimal < severelyBelow) {
      return Verdict.SEVERELY_UNDER_TRAINED;
    }
    if (ratioToOptimal < underBelow) {
      return Verdict.UNDER_TRAINED;
    }
    if (ratioToOptimal <= overAbove) {
      return Verdict.COMPUTE_OPTIMAL;
    }
    return Verdict.OVER_TRAINED;
  }
}
