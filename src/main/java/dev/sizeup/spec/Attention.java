package dev.sizeup.spec;

import static java.lang.Math.multiplyExact;

/**
 * The attention block of a layer.
 *
 * @param heads    query heads
 * @param kvHeads  key/value heads; fewer than heads is grouped-query attention and 1 is multi-query
 *                 attention (Ainslie et al. 2023; Shazeer 2019)
 * @param headDim  width of one head; heads · headDim need not equal d_model
 * @param bias     biases on the projections
 * @param qk       normalisation of the queries and keys
 * @param sinks    a learned attention sink per head (gpt-oss: one logit per head that takes part in the
 *                 softmax; OpenAI 2025, gpt-oss model card, §2)
 * @param latent   multi-head latent attention; null for the usual projections
 * @param window   sliding-window attention: each token attends to at most this many tokens, and the KV
 *                 cache keeps no more (Beltagy et al. 2020; Mistral 7B, Jiang et al. 2023, §2); null for
 *                 attention over the whole context. It changes no parameter count
 */
public record Attention(long heads, long kvHeads, long headDim, Bias bias, QkNorms qk, boolean sinks,
    Latent latent, Long window) {

  /** Attention over the whole context. */
  public Attention(long heads, long kvHeads, long headDim, Bias bias, QkNorms qk, boolean sinks, Latent latent) {
    this(heads, kvHeads, headDim, bias, qk, sinks, latent, null);
  }

  /** The tokens a query attends to, or the KV cache holds, at position {@code context}: min(context, window). */
  public long attended(long context) {
    return window == null ? context : Math.min(context, window);
  }

  /**
   * Normalisation of the queries and keys.
   *
   * @param layout what the norms span (none, one head's width, the whole projection)
   * @param kind   their kind; null for the model's norm. StableLM 2 uses LayerNorms without bias on
   *               the queries and keys in a model whose other norms have biases
   */
  public record QkNorms(QkNorm layout, Norm kind) {
    public static final QkNorms NONE = new QkNorms(QkNorm.NONE, null);

    public QkNorms {
      Checks.present("architecture.qk_norm", layout);
      if (layout == QkNorm.NONE && kind != null) {
        throw new InvalidValueException("architecture.qk_norm_kind", "qk_norm_kind is set, but qk_norm is none");
      }
    }

    /** The kind the norms are, given the model's. */
    public Norm kindIn(Norm model) {
      return kind == null ? model : kind;
    }
  }

  /** What the query and key norms span. */
  public QkNorm qkNorm() {
    return qk.layout();
  }

  /**
   * Biases on the attention projections.
   *
   * @param qkv biases on the query, key and value projections
   * @param out a bias on the output projection
   */
  public record Bias(boolean qkv, boolean out) {}

  public Attention {
    Checks.positive("architecture.heads", heads);
    Checks.positive("architecture.kv_heads", kvHeads);
    Checks.positive("architecture.head_dim", headDim);
    Checks.present("architecture.qkv_bias", bias);
    Checks.present("architecture.qk_norm", qk);
    if (window != null) {
      Checks.positive("architecture.sliding_window", window);
    }
    if (kvHeads > heads) {
      throw new InvalidValueException(
          "architecture.kv_heads", "kv_heads (" + kvHeads + ") cannot exceed heads (" + heads + ")");
    }
    if (heads % kvHeads != 0) {
      throw new InvalidValueException("architecture.kv_heads", "kv_heads (" + kvHeads + ") must divide heads ("
          + heads + ") so that each key/value head serves whole query groups");
    }
    if (latent != null && kvHeads != heads) {
      throw new InvalidValueException("architecture.kv_heads", "latent attention projects the latent back up to "
          + "every head: kv_heads must equal heads (" + heads + "), got " + kvHeads);
    }
    if (latent != null && qk.layout() != QkNorm.NONE) {
      throw new InvalidValueException("architecture.qk_norm", "latent attention has its own norms on the latents;"
          + " a q/k norm is not modelled with it");
    }
  }

  /** Width of all query heads together (Kaplan et al. 2020's d_attn); for latent attention, of the query and key heads. */
  public long queryDim() {
    return multiplyExact(heads, latent == null ? headDim : latent.qkHeadDim());
  }

  /** Width of all value heads together. */
  public long valueDim() {
    return multiplyExact(heads, latent == null ? headDim : latent.vHeadDim());
  }

  /** Width of all key (or value) heads together. */
  public long kvDim() {
    return multiplyExact(kvHeads, headDim);
  }
}
