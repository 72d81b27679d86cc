package dev.sizeup.spec;

import static java.lang.Math.multiplyExact;

import java.util.List;

/**
 * One transformer layer: its attention, its feed-forward (or mixture of experts) and how many norms
 * it has. An architecture has one block, which every layer shares unless {@code groups} say otherwise.
 * Every key here is a block key: a group may override it.
 *
 * @param attention     the attention block
 * @param ffn           the feed-forward block (the dense one; a mixture of experts has its own widths)
 * @param normsPerLayer norms in the block (2 pre-LN, 1 parallel attention, 4 sandwich)
 * @param moe           the mixture of experts; null for a dense block
 */
public record Block(Attention attention, FeedForward ffn, long normsPerLayer, Moe moe) {
  public Block {
    Checks.present("architecture.heads", attention);
    Checks.present("architecture.ffn", ffn);
    Checks.atLeastZero("architecture.norms_per_layer", normsPerLayer);
  }

  /** The same block with its attention in a sliding window of {@code window} tokens. */
  public Block withWindow(Long window) {
    Attention a = attention;
    return new Block(new Attention(a.heads(), a.kvHeads(), a.headDim(), a.bias(), a.qk(), a.sinks(), a.latent(), window),
        ffn, normsPerLayer, moe);
  }

  private static final Key.Size POSITIVE = Key.Size.POSITIVE;
  private static final Key.Flag FLAG = Key.Flag.INSTANCE;

  public static final Key<Block, Long> HEADS = Key.of("heads", POSITIVE, Key.required(),
      b -> b.attention().heads(), "query heads");
  public static final Key<Block, Long> KV_HEADS = Key.of("kv_heads", POSITIVE,
      v -> new Key.Default<>(v.get(HEADS), "heads"), b -> b.attention().kvHeads(),
      "key/value heads: fewer than heads is grouped-query attention, 1 is multi-query; must divide heads");
  public static final Key<Block, Latent> LATENT = Key.feature("latent", new Key.Nested<>(Latent.KEYS, Latent::from),
      v -> new Key.Default<>(null, null), null, b -> b.attention().latent(),
      "multi-head latent attention: q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim");
  public static final Key<Block, Long> HEAD_DIM = Key.of("head_dim", POSITIVE, Block::headDimDefault,
      b -> b.attention().headDim(), "width of one head; needed when heads does not divide d_model");
  public static final Key<Block, FfnKind> FFN = Key.of("ffn", new Key.Choice<>(FfnKind.class),
      Key.fixed(FfnKind.MLP, "mlp"), b -> b.ffn().kind(), "mlp (2 matrices) or gated (SwiGLU/GeGLU: 3)");
  public static final Key<Block, Long> D_FF = Key.of("d_ff", POSITIVE, Block::dFfDefault,
      b -> b.ffn().dFf(), "feed-forward hidden width");
  public static final Key<Block, Long> NORMS_PER_LAYER = Key.of("norms_per_layer", Key.Size.NON_NEGATIVE,
      Key.fixed(2L, "pre-LN: one before attention, one before the feed-forward"), Block::normsPerLayer,
      "norms in each block: 2 pre-LN, 1 parallel attention, 4 sandwich");
  public static final Key<Block, Boolean> BIAS = Key.shorthand("bias", FLAG, Key.fixed(true, "true"),
      "the default for qkv_bias, attn_out_bias and ffn_bias");
  public static final Key<Block, Boolean> QKV_BIAS = Key.of("qkv_bias", FLAG,
      v -> new Key.Default<>(v.get(BIAS), "bias"), b -> b.attention().bias().qkv(), "biases on the Q, K and V projections");
  public static final Key<Block, Boolean> ATTN_OUT_BIAS = Key.of("attn_out_bias", FLAG,
      v -> new Key.Default<>(v.get(BIAS), "bias"), b -> b.attention().bias().out(), "a bias on the attention output");
  public static final Key<Block, Boolean> FFN_BIAS = Key.of("ffn_bias", FLAG,
      v -> new Key.Default<>(v.get(BIAS), "bias"), b -> b.ffn().bias(), "biases in the feed-forward block (and experts)");
  public static final Key<Block, Moe> MOE = Key.feature("moe", new Key.Nested<>(Moe.KEYS, Moe::from),
      v -> new Key.Default<>(null, null), null, Block::moe,
      "a mixture of experts: experts, top_k, shared_experts, d_ff, shared_d_ff, shared_gate, router_bias");
  public static final Key<Block, QkNorm> QK_NORM = Key.feature("qk_norm", new Key.Choice<>(QkNorm.class),
      Key.fixed(QkNorm.NONE, "none"), QkNorm.NONE, b -> b.attention().qkNorm(),
      "q/k normalisation: none, per-head (over head_dim) or full (over the projection width)");
  public static final Key<Block, Norm> QK_NORM_KIND = Key.feature("qk_norm_kind", new Key.Choice<>(Norm.class),
      v -> new Key.Default<>(null, null), null, b -> b.attention().qk().kind(),
      "the q/k norms' kind when it differs from norm (StableLM 2: layernorm-no-bias beside layernorm)");
  public static final Key<Block, Boolean> ATTENTION_SINKS = Key.feature("attention_sinks", FLAG,
      Key.fixed(false, "false"), false, b -> b.attention().sinks(), "a learned attention sink per head (gpt-oss)");

  public static final Key<Block, Long> SLIDING_WINDOW = Key.feature("sliding_window", POSITIVE,
      v -> new Key.Default<>(null, null), null, b -> b.attention().window(),
      "sliding-window attention: tokens a query attends to and the KV cache keeps; changes no count");

  /** Every block key, in the order they are resolved and echoed. */
  public static final List<Key<Block, ?>> KEYS = List.of(HEADS, KV_HEADS, HEAD_DIM, D_FF, FFN, NORMS_PER_LAYER, BIAS,
      QKV_BIAS, ATTN_OUT_BIAS, FFN_BIAS, MOE, QK_NORM, QK_NORM_KIND, ATTENTION_SINKS, LATENT, SLIDING_WINDOW);

  static Block from(Key.Values v) {
    return new Block(
        new Attention(v.get(HEADS), v.get(KV_HEADS), v.get(HEAD_DIM),
            new Attention.Bias(v.get(QKV_BIAS), v.get(ATTN_OUT_BIAS)),
            new Attention.QkNorms(v.get(QK_NORM), v.get(QK_NORM_KIND)), v.get(ATTENTION_SINKS),
            v.get(LATENT), v.get(SLIDING_WINDOW)),
        new FeedForward(v.get(FFN), v.get(D_FF), v.get(FFN_BIAS)),
        v.get(NORMS_PER_LAYER), v.get(MOE));
  }

  private static Key.Default<Long> headDimDefault(Key.Values v) {
    Latent latent = v.get(LATENT);
    if (latent != null) {
      return new Key.Default<>(latent.qkHeadDim(), "latent: qk_nope_head_dim + qk_rope_head_dim");
    }
    long dModel = v.get(Architecture.D_MODEL);
    long heads = v.get(HEADS);
    if (dModel % heads != 0) {
      throw new InvalidValueException("architecture.heads", "heads (" + heads + ") does not divide d_model ("
          + dModel + "); set head_dim explicitly (e.g. GPT-3 13B: 40 heads of head_dim 128)");
    }
    return new Key.Default<>(dModel / heads, "d_model / heads");
  }

  private static Key.Default<Long> dFfDefault(Key.Values v) {
    long dModel = v.get(Architecture.D_MODEL);
    if (v.get(FFN) == FfnKind.GATED) {
      return new Key.Default<>(Architecture.llamaHidden(dModel),
          "LLaMA rule: 2/3 · 4 · d_model rounded up to a multiple of 256");
    }
    return new Key.Default<>(multiplyExact(4L, dModel), "4 · d_model");
  }
}
