package dev.sizeup.memory;

import dev.sizeup.spec.SpecEnum;

/** Activation recomputation (Korthikanti et al. 2022, §5; Chen et al. 2016 for full recomputation). */
public enum Recompute implements SpecEnum {
  /** Every activation the backward pass needs is stored. */
  NONE,
  /**
   * The attention core (QKᵀ, softmax, dropout, the product with V) is recomputed in the backward pass,
   * so its sequence-squared tensors are never stored (Korthikanti et al. 2022, §5).
   */
  SELECTIVE,
  /** Only each layer's input is stored; the whole layer's forward is run again in the backward pass. */
  FULL;

  public static Recompute parse(String text) {
    return SpecEnum.option(Recompute.class, text, "recompute", "recomputation");
  }
}
