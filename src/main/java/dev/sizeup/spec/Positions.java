package dev.sizeup.spec;

import java.util.List;

/**
 * How a model encodes token positions. Two kinds have parameters: a {@link #LEARNED} table of
 * (context + offset) × d_model, and {@link #RELATIVE} Transformer-XL encodings with per-layer weights.
 */
public enum Positions implements SpecEnum {
  /** A learned absolute table, one d_model row per position (GPT-2, OPT). */
  LEARNED(List.of()),
  /** Rotary embeddings (Su et al. 2021): no parameters. */
  ROTARY(List.of("rope")),
  /** Attention biases linear in distance (Press et al. 2022): no parameters. */
  ALIBI(List.of()),
  /** Fixed sinusoids (Vaswani et al. 2017): no parameters. */
  SINUSOIDAL(List.of()),
  /**
   * Transformer-XL relative encodings (Dai et al. 2019, §3.3, eq. 4), as in Gopher and Chinchilla
   * (Rae et al. 2021, §2): per layer a projection W_{k,R} of the sinusoidal relative embeddings,
   * d_model × heads·head_dim, and the two global biases u and v, heads·head_dim each.
   */
  RELATIVE(List.of()),
  /** No position encoding (NoPE, Kazemnejad et al. 2023). */
  NONE(List.of("nope"));

  private final List<String> aliases;

  Positions(List<String> aliases) {
    this.aliases = aliases;
  }

  /** True when the encoding is a table with one row per position (needs a context length). */
  public boolean isTable() {
    return this == LEARNED;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }
}
