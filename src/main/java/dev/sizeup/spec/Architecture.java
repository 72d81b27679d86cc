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
 * @param block       the layers' block (every layer's, unless groups say otherwise)
 * @param norms       the normalisation layers outside the blocks, and their kind
 * @param embeddings  position encoding and output head
 * @param groups      layers whose block differs; empty when every layer has {@code block}
 */
public record Architecture(
    long layers,
    long dModel,
    long vocab,
    Long context,
    Block block,
    Norms norms,
    Embeddings embeddings,
    List<Group> groups) {

  public Architecture {
    Checks.positive("architecture.layers", layers);
    Checks.positive("architecture.d_model", dModel);
    Checks.positive("architecture.vocab", vocab);
    if (context != null) {
      Checks.positive("architecture.context", context);
    }
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(norms, "norms");
    Objects.requireNonNull(embeddings, "embeddings");
    groups = groups == null ? List.of() : List.copyOf(groups);
    if (embeddings.positions().isTable() && context == null) {
      throw new InvalidValueException("architecture.context",
          "learned positions need a context length (the table has context × d_model parameters)");
    }
    if (!groups.isEmpty()) {
      long sum = 0;
      for (Group g : groups) {
        sum = Math.addExact(sum, g.layers());
      }
      if (sum != layers) {
        throw new InvalidValueException("architecture.groups",
            "the groups hold " + sum + " layers, but layers is " + layers);
      }
    }
  }

  /** A dense architecture whose every layer has {@code block}. */
  public Architecture(long layers, long dModel, long vocab, Long context, Block block, Norms norms,
      Embeddings embeddings) {
    this(layers, dModel, vocab, context, block, norms, embeddings, List.of());
  }

  /** The layers as groups: the groups when there are some, else one group of every layer. */
  public List<Group> blocks() {
    return groups.isEmpty() ? List.of(new Group(layers, block)) : groups;
  }

  /** The architecture's own block's attention (a group may differ). */
  public Attention attention() {
    return block.attention();
  }

  /** The architecture's own block's feed-forward (a group may differ). */
  public FeedForward ffn() {
    return block.ffn();
  }

  /** The architecture's own block's mixture of experts (a group may differ). */
  public Moe moe() {
    return block.moe();
  }

  /** True when any layer is a mixture of experts. */
  public boolean isMoe() {
    return blocks().stream().anyMatch(g -> g.block().moe() != null);
  }

  /**
   * The resolved architecture as spec keys and values, in {@link #KEYS} order (see {@link Key.Type#echo});
   * {@code groups} is null without groups, else each group with the block keys in which it differs.
   */
  public Map<String, Object> fields() {
    Map<String, Object> m = Keys.echo(this, KEYS.stream().filter(k -> k != GROUPS).toList());
    m.put(GROUPS.name(), groups.isEmpty() ? null : groups.stream().map(g -> g.echo(block)).toList());
    return m;
  }

  // ---- the spec keys ------------------------------------------------------------------------------

  private static final Key.Size POSITIVE = Key.Size.POSITIVE;
  private static final Key.Size NON_NEGATIVE = Key.Size.NON_NEGATIVE;
  private static final Key.Flag FLAG = Key.Flag.INSTANCE;

  public static final Key<Architecture, Long> LAYERS = Key.of("layers", POSITIVE, Key.required(),
      Architecture::layers, "transformer blocks");
  public static final Key<Architecture, Long> D_MODEL = Key.of("d_model", POSITIVE, Key.required(),
      Architecture::dModel, "residual stream width");
  public static final Key<Architecture, Long> VOCAB = Key.of("vocab", POSITIVE, Key.required(),
      Architecture::vocab, "vocabulary size");
  public static final Key<Architecture, Long> CONTEXT = Key.feature("context", POSITIVE,
      v -> new Key.Default<>(null, null), null, Architecture::context,
      "maximum sequence length; sizes a learned position table and is the default sequence length of the matmul FLOP count");
  public static final Key<Architecture, Positions> POSITIONS = Key.of("positions", new Key.Choice<>(Positions.class),
      Architecture::positionsDefault, a -> a.embeddings().positions(),
      "position encoding; learned and relative have parameters");
  public static final Key<Architecture, Long> POSITION_OFFSET = Key.feature("position_offset", NON_NEGATIVE,
      Key.fixed(0L, "none"), 0L, a -> a.embeddings().positionOffset(),
      "extra rows in a learned position table (OPT keeps 2)");
  public static final Key<Architecture, Norm> NORM = Key.of("norm", new Key.Choice<>(Norm.class),
      Key.fixed(Norm.LAYERNORM, "layernorm"), a -> a.norms().kind(),
      "layernorm (weight and bias), layernorm-no-bias (weight), rmsnorm (weight) or nonparametric (none)");
  public static final Key<Architecture, Boolean> FINAL_NORM = Key.of("final_norm", FLAG, Key.fixed(true, "true"),
      a -> a.norms().finalNorm(), "a norm after the last block");
  public static final Key<Architecture, Boolean> EMBEDDING_NORM = Key.feature("embedding_norm", FLAG,
      Key.fixed(false, "false"), false, a -> a.norms().embeddingNorm(), "a norm right after the token embedding");
  public static final Key<Architecture, Boolean> OUTPUT_BIAS = Key.feature("output_bias", FLAG,
      Key.fixed(false, "false"), false, a -> a.embeddings().outputBias(), "a bias on the output head");
  public static final Key<Architecture, Boolean> TIED_EMBEDDINGS = Key.of("tied_embeddings", FLAG,
      Key.fixed(true, "true"), a -> a.embeddings().tied(),
      "the output head shares the embedding matrix; false adds a vocab × d_model head");
  public static final Key<Architecture, List<Group>> GROUPS = Key.feature("groups", Key.Groups.INSTANCE,
      v -> new Key.Default<>(List.of(), null), List.of(), Architecture::groups,
      "layers whose block differs: a list of {layers, and the block keys they override}");

  // the block keys, as keys of the architecture's own block
  public static final Key<Architecture, Long> HEADS = Block.HEADS.lift(Architecture::block);
  public static final Key<Architecture, Long> KV_HEADS = Block.KV_HEADS.lift(Architecture::block);
  public static final Key<Architecture, Long> HEAD_DIM = Block.HEAD_DIM.lift(Architecture::block);
  public static final Key<Architecture, Long> D_FF = Block.D_FF.lift(Architecture::block);
  public static final Key<Architecture, FfnKind> FFN = Block.FFN.lift(Architecture::block);
  public static final Key<Architecture, Long> NORMS_PER_LAYER = Block.NORMS_PER_LAYER.lift(Architecture::block);
  public static final Key<Architecture, Boolean> BIAS = Block.BIAS.lift(Architecture::block);
  public static final Key<Architecture, Boolean> QKV_BIAS = Block.QKV_BIAS.lift(Architecture::block);
  public static final Key<Architecture, Boolean> ATTN_OUT_BIAS = Block.ATTN_OUT_BIAS.lift(Architecture::block);
  public static final Key<Architecture, Boolean> FFN_BIAS = Block.FFN_BIAS.lift(Architecture::block);
  public static final Key<Architecture, Moe> MOE = Block.MOE.lift(Architecture::block);
  public static final Key<Architecture, QkNorm> QK_NORM = Block.QK_NORM.lift(Architecture::block);
  public static final Key<Architecture, Norm> QK_NORM_KIND = Block.QK_NORM_KIND.lift(Architecture::block);
  public static final Key<Architecture, Boolean> ATTENTION_SINKS = Block.ATTENTION_SINKS.lift(Architecture::block);
  public static final Key<Architecture, Latent> LATENT = Block.LATENT.lift(Architecture::block);
  public static final Key<Architecture, Long> SLIDING_WINDOW = Block.SLIDING_WINDOW.lift(Architecture::block);

  /** Every architecture key, in the order the resolved architecture is echoed. */
  public static final List<Key<Architecture, ?>> KEYS = List.of(LAYERS, D_MODEL, HEADS, KV_HEADS, HEAD_DIM, VOCAB,
      D_FF, CONTEXT, POSITIONS, POSITION_OFFSET, FFN, NORM, NORMS_PER_LAYER, FINAL_NORM, EMBEDDING_NORM, BIAS,
      QKV_BIAS, ATTN_OUT_BIAS, FFN_BIAS, OUTPUT_BIAS, TIED_EMBEDDINGS, MOE, QK_NORM, QK_NORM_KIND, ATTENTION_SINKS, LATENT, SLIDING_WINDOW, GROUPS);

  /** Builds the architecture from resolved values; each record checks its own rules. */
  static Architecture from(Key.Values v) {
    return new Architecture(v.get(LAYERS), v.get(D_MODEL), v.get(VOCAB), v.get(CONTEXT), Block.from(v),
        new Norms(v.get(NORM), v.get(FINAL_NORM), v.get(EMBEDDING_NORM)),
        new Embeddings(v.get(POSITIONS), v.get(POSITION_OFFSET), v.get(TIED_EMBEDDINGS), v.get(OUTPUT_BIAS)),
        v.get(GROUPS));
  }

  // ---- default rules ------------------------------------------------------------------------------

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
