package dev.sizeup.memory;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Suggestions;
import java.util.Arrays;
import java.util.Locale;

/** Activation recomputation (Korthikanti et al. 2022, §5; Chen et al. 2016 for full recomputation). */
public enum Recompute {
  /** Every activation the backward pass needs is stored. */
  NONE,
  /**
   * The attention core (QKᵀ, softmax, dropout, the product with V) is recomputed in the backward pass,
   * so its sequence-squared tensors are never stored (Korthikanti et al. 2022, §5).
   */
  SELECTIVE,
  /** Only each layer's input is stored; the whole layer's forward is run again in the backward pass. */
  FULL;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Recompute parse(String text) {
    for (Recompute r : values()) {
      if (r.key().equalsIgnoreCase(text.strip())) {
        return r;
      }
    }
    throw new InvalidValueException("recompute", Suggestions.unknown("recomputation '" + text + "'", text,
        Arrays.stream(values()).map(Recompute::key).toList()));
  }
}
