package dev.sizeup.spec;

import static java.lang.Math.multiplyExact;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved decoder-only transformer: every default applied, every cross-field rule
 * checked. {@link #KEYS} describes each spec key once (docs/spec.md is the reference); loading,
 * the defaults report, the echo in every output format and {@code import} are driven by it.
 *
 * @param layers      number of transformer blocks
 * @param dModel      residual stream width
 * @param vocab       vocabulary size (rows of the token embedding)
 * @param context     maximum sequence length; null when not given
 * @param attention   the attention block
 * @param ffn         the feed-forward block (of one expert, for a mixture of experts)
 * @param norms       the normalisation layers
 * @param embeddings  position encoding and output head
 * @param moe         mixture-of-experts settings; null for a dense model
 */
public record Architecture(
    long layers,
    long dModel,
    long vocab,
    Long context,
    Attention attention,
    FeedForward ffn,
    Norms norms,
    Embeddings embeddings,
    Moe moe) {

  public Architecture {
    Checks.positive("architecture.layers", layers);
    Checks.positive("architecture.d_model", dModel);
    Checks.positive("architecture.vocab", vocab);
    if (context != null) {
      Checks.positive("architecture.context", context);
    }
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(ffn, "ffn");
    Objects.requireNonNull(norms, "norms");
    Objects.requireNonNull(embeddings, "embeddings");
    if (embeddings.positions().isTable() && context == null) {
      throw new InvalidValueException("architecture.context",
          "learned positions need a context length (the table has context × d_model parameters)");
    }
  }

  public boolean isMoe() {
    return moe != null;
  }

  /** The resolved architecture as spec keys and values, in {@link #KEYS} order (see {@link Key.Type#echo}). */
  public Map<String, Object> fields() {
    return Keys.echo(this, KEYS);
  }

  // ---- the spec keys ------------------------------------------------------------------------------

  private static final Key.Size POSITIVE = Key.Size.POSITIVE;
  private static final Key.Size NON_NEGATIVE = Key.Size.NON_NEGATIVE;
  private static final Key.Flag FLAG = Key.Flag.INSTANCE;

  public static final Key<Architecture, Long> LAYERS = Key.of("layers", POSITIVE, Key.required(),
      Architecture::layers, "transformer blocks");
  public static final Key<Architecture, Long> D_MODEL = Key.of("d_model", POSITIVE, Key.required(),
      Architecture::dModel, "residual stream width");
  public static final Key<Architecture, Long> HEADS = Key.of("heads", POSITIVE, Key.required(),
      a -> a.attention().heads(), "query heads");
  public static final Key<Architecture, Long> KV_HEADS = Key.of("kv_heads", POSITIVE,
      v -> new Key.Default<>(v.get(HEADS), "heads"), a -> a.attention().kvHeads(),
      "key/value heads: fewer than heads is grouped-query attention, 1 is multi-query; must divide heads");
  public static final Key<Architecture, Long> HEAD_DIM = Key.of("head_dim", POSITIVE, Architecture::headDimDefault,
      a -> a.attention().headDim(), "width of one head; needed when heads does not divide d_model");
  public static final Key<Architecture, Long> VOCAB = Key.of("vocab", POSITIVE, Key.required(),
      Architecture::vocab, "vocabulary size");
  public static final Key<Architecture, Long> D_FF = Key.of("d_ff", POSITIVE, Architecture::dFfDefault,
      a -> a.ffn().dFf(), "feed-forward hidden width (per expert for a mixture of experts)");
  public static final Key<Architecture, Long> CONTEXT = Key.feature("context", POSITIVE,
      v -> new Key.Default<>(null, null), null, Architecture::context,
      "maximum sequence length; sizes a learned position table and is the default sequence length of the matmul FLOP count");
  public static final Key<Architecture, Positions> POSITIONS = Key.of("positions", new Key.Choice<>(Positions.class),
      Architecture::positionsDefault, a -> a.embeddings().positions(),
      "position encoding; learned and relative have parameters");
  public static final Key<Architecture, Long> POSITION_OFFSET = Key.feature("position_offset", NON_NEGATIVE,
      Key.fixed(0L, "none"), 0L, a -> a.embeddings().positionOffset(),
      "extra rows in a learned position table (OPT keeps 2)");
  public static final Key<Architecture, FfnKind> FFN = Key.of("ffn", new Key.Choice<>(FfnKind.class),
      Key.fixed(FfnKind.MLP, "mlp"), a -> a.ffn().kind(), "mlp (2 matrices) or gated (SwiGLU/GeGLU: 3)");
  public static final Key<Architecture, Norm> NORM = Key.of("norm", new Key.Choice<>(Norm.class),
      Key.fixed(Norm.LAYERNORM, "layernorm"), a -> a.norms().kind(),
      "layernorm (weight and bias), rmsnorm (weight) or nonparametric (none)");
  public static final Key<Architecture, Long> NORMS_PER_LAYER = Key.of("norms_per_layer", NON_NEGATIVE,
      Key.fixed(2L, "pre-LN: one before attention, one before the feed-forward"), a -> a.norms().perLayer(),
      "norms in each block: 2 pre-LN, 1 parallel attention, 4 sandwich");
  public static final Key<Architecture, Boolean> FINAL_NORM = Key.of("final_norm", FLAG, Key.fixed(true, "true"),
      a -> a.norms().finalNorm(), "a norm after the last block");
  public static final Key<Architecture, Boolean> EMBEDDING_NORM = Key.feature("embedding_norm", FLAG,
      Key.fixed(false, "false"), false, a -> a.norms().embeddingNorm(), "a norm right after the token embedding");
  public static final Key<Architecture, Boolean> BIAS = Key.shorthand("bias", FLAG, Key.fixed(true, "true"),
      "the default for qkv_bias, attn_out_bias and ffn_bias");
  public static final Key<Architecture, Boolean> QKV_BIAS = Key.of("qkv_bias", FLAG,
      v -> new Key.Default<>(v.get(BIAS), "bias"), a -> a.attention().qkvBias(), "biases on the Q, K and V projections");
  public static final Key<Architecture, Boolean> ATTN_OUT_BIAS = Key.of("attn_out_bias", FLAG,
      v -> new Key.Default<>(v.get(BIAS), "bias"), a -> a.attention().outBias(), "a bias on the attention output");
  public static final Key<Architecture, Boolean> FFN_BIAS = Key.of("ffn_bias", FLAG,
      v -> new Key.Default<>(v.get(BIAS), "bias"), a -> a.ffn().bias(), "biases in the feed-forward block");
  public static final Key<Architecture, Boolean> OUTPUT_BIAS = Key.feature("output_bias", FLAG,
      Key.fixed(false, "false"), false, a -> a.embeddings().outputBias(), "a bias on the output head");
  public static final Key<Architecture, Boolean> TIED_EMBEDDINGS = Key.of("tied_embeddings", FLAG,
      Key.fixed(true, "true"), a -> a.embeddings().tied(),
      "the output head shares the embedding matrix; false adds a vocab × d_model head");
  public static final Key<Architecture, Moe> MOE = Key.feature("moe", new Key.Group<>(Moe.KEYS, Moe::from),
      v -> new Key.Default<>(null, null), null, Architecture::moe,
      "mixture of experts: experts, top_k, shared_experts");

  /** Every architecture key, in the order the resolved architecture is echoed. */
  public static final List<Key<Architecture, ?>> KEYS = List.of(LAYERS, D_MODEL, HEADS, KV_HEADS, HEAD_DIM, VOCAB,
      D_FF, CONTEXT, POSITIONS, POSITION_OFFSET, FFN, NORM, NORMS_PER_LAYER, FINAL_NORM, EMBEDDING_NORM, BIAS,
      QKV_BIAS, ATTN_OUT_BIAS, FFN_BIAS, OUTPUT_BIAS, TIED_EMBEDDINGS, MOE);

  /** Builds the architecture from resolved values; each record checks its own rules. */
  static Architecture from(Key.Values v) {
    return new Architecture(v.get(LAYERS), v.get(D_MODEL), v.get(VOCAB), v.get(CONTEXT),
        new Attention(v.get(HEADS), v.get(KV_HEADS), v.get(HEAD_DIM), v.get(QKV_BIAS), v.get(ATTN_OUT_BIAS)),
        new FeedForward(v.get(FFN), v.get(D_FF), v.get(FFN_BIAS)),
        new Norms(v.get(NORM), v.get(NORMS_PER_LAYER), v.get(FINAL_NORM), v.get(EMBEDDING_NORM)),
        new Embeddings(v.get(POSITIONS), v.get(POSITION_OFFSET), v.get(TIED_EMBEDDINGS), v.get(OUTPUT_BIAS)),
        v.get(MOE));
  }

  // ---- default rules ------------------------------------------------------------------------------

  private static Key.Default<Long> headDimDefault(Key.Values v) {
    long dModel = v.get(D_MODEL);
    long heads = v.get(HEADS);
    if (dModel % heads != 0) {
      throw new InvalidValueException("architecture.heads", "heads (" + heads + ") does not divide d_model ("
          + dModel + "); set head_dim explicitly (e.g. GPT-3 13B: 40 heads of head_dim 128)");
    }
    return new Key.Default<>(dModel / heads, "d_model / heads");
  }

  private static Key.Default<Long> dFfDefault(Key.Values v) {
    long dModel = v.get(D_MODEL);
    if (v.get(FFN) == FfnKind.GATED) {
      return new Key.Default<>(llamaHidden(dModel),
          "LLaMA rule: 2/3 · 4 · d_model rounded up to a multiple of 256");
    }
    return new Key.Default<>(multiplyExact(4L, dModel), "4 · d_model");
  }

  /**
   * A learned table needs a context to be sized, so positions are learned (the GPT-2 and GPT-3
   * design) only when a context is given; otherwise rotary is assumed, the parameter-free encoding of
   * most current models. Rotary, ALiBi, sinusoidal and none have no parameters, so which of them is
   * assumed changes no count.
   */
  private static Key.Default<Positions> positionsDefault(Key.Values v) {
    if (v.get(CONTEXT) != null) {
      return new Key.Default<>(Positions.LEARNED, "learned, since a context is given");
    }
    return new Key.Default<>(Positions.ROTARY,
        "rotary, since no context is given to size a learned table (no parameters, like alibi, sinusoidal or none)");
  }

  /**
   * The LLaMA feed-forward width: {@code int(2 · 4d / 3)} rounded up to a multiple of 256
   * (Touvron et al. 2023, §2.2; {@code FeedForward.__init__} in Meta's llama/model.py).
   */
  static long llamaHidden(long dModel) {
    long hidden = multiplyExact(8L, dModel) / 3;
    return multiplyExact(256L, (hidden + 255) / 256);
  }
}
