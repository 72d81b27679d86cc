package dev.sizeup.plan;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Suggestions;
import java.util.Arrays;
import java.util.Locale;

/** Number formats an accelerator's peak throughput is quoted for. */
public enum Precision {
  FP32,
  TF32,
  BF16,
  FP16,
  FP8,
  FP4,
  INT8;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** By name, ignoring case. */
  public static Precision parse(String text) {
    for (Precision p : values()) {
      if (p.key().equalsIgnoreCase(text.strip())) {
        return p;
      }
    }
    throw new InvalidValueException("precision", Suggestions.unknown("precision '" + text + "'", text,
        Arrays.stream(values()).map(Precision::key).toList()));
  }
}
