package dev.sizeup.memory;

import dev.sizeup.spec.SpecEnum;

/**
 * The number format of training: fp32 throughout, or mixed precision (Micikevicius et al. 2018), where
 * the weights, gradients and activations are 16-bit and the optimizer keeps fp32 master weights.
 */
public enum TrainingPrecision implements SpecEnum {
  FP32(4, false),
  BF16(2, true),
  FP16(2, true);

  private final long bytes;
  private final boolean mixed;

  TrainingPrecision(long bytes, boolean mixed) {
    this.bytes = bytes;
    this.mixed = mixed;
  }

  /** Bytes of a weight, a gradient and an activation value. */
  public long bytes() {
    return bytes;
  }

  /** True when the optimizer keeps fp32 master weights. */
  public boolean mixed() {
    return mixed;
  }

  /** By name, ignoring case; an unknown one is the user's error, with a "did you mean". */
  public static TrainingPrecision parse(String text) {
    try {
      return SpecEnum.option(TrainingPrecision.class, text, "precision", "training precision");
    } catch (dev.sizeup.spec.InvalidValueException e) {
      throw new dev.sizeup.spec.InvalidValueException(e.key(), e.detail() + " (fp8 training keeps bf16 weights: use bf16)");
    }
  }
}
