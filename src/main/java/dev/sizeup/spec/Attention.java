package dev.sizeup.spec;

import static java.lang.Math.multiplyExact;

/**
 * The attention block of every layer.
 *
 * @param heads    query heads
 * @param kvHeads  key/value heads; fewer than heads is grouped-query attention and 1 is multi-query
 *                 attention (Ainslie et al. 2023; Shazeer 2019)
 * @param headDim  width of one head; heads · headDim need not equal d_model
 * @param qkvBias  biases on the query, key and value projections
 * @param outBias  bias on the output projection
 */
public record Attention(long heads, long kvHeads, long headDim, boolean qkvBias, boolean outBias) {
  public Attention {
    Checks.positive("architecture.heads", heads);
    Checks.positive("architecture.kv_heads", kvHeads);
    Checks.positive("architecture.head_dim", headDim);
    if (kvHeads > heads) {
      throw new InvalidValueException(
          "architecture.kv_heads", "kv_heads (" + kvHeads + ") cannot exceed heads (" + heads + ")");
    }
    if (heads % kvHeads != 0) {
      throw new InvalidValueException("architecture.kv_heads", "kv_heads (" + kvHeads + ") must divide heads ("
          + heads + ") so that each key/value head serves whole query groups");
    }
  }

  /** Width of all query heads together (Kaplan et al. 2020's d_attn). */
  public long queryDim() {
    return multiplyExact(heads, headDim);
  }

  /** Width of all key (or value) heads together. */
  public long kvDim() {
    return multiplyExact(kvHeads, headDim);
  }
}
