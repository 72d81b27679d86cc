package dev.sizeup.memory;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Suggestions;
import java.util.Arrays;
import java.util.Locale;

/**
 * The number format of training: fp32 throughout, or mixed precision (Micikevicius et al. 2018), where
 * the weights, gradients and activations are 16-bit and the optimizer keeps fp32 master weights.
 */
public enum TrainingPrecision {
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

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TrainingPrecision parse(String text) {
    for (TrainingPrecision p : values()) {
      if (p.key().equalsIgnoreCase(text.strip())) {
        return p;
      }
    }
    throw new InvalidValueException("precision", Suggestions.unknown("training precision '" + text + "'", text,
        Arrays.stream(values()).map(TrainingPrecision::key).toList())
        + " (fp8 training keeps bf16 weights: use bf16)");
  }
}
