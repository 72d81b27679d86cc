package dev.sizeup.spec;

import static dev.sizeup.spec.Architecture.ATTN_OUT_BIAS;
import static dev.sizeup.spec.Architecture.CONTEXT;
import static dev.sizeup.spec.Architecture.D_FF;
import static dev.sizeup.spec.Architecture.D_MODEL;
import static dev.sizeup.spec.Architecture.EMBEDDING_NORM;
import static dev.sizeup.spec.Architecture.FFN;
import static dev.sizeup.spec.Architecture.FFN_BIAS;
import static dev.sizeup.spec.Architecture.FINAL_NORM;
import static dev.sizeup.spec.Architecture.HEADS;
import static dev.sizeup.spec.Architecture.HEAD_DIM;
import static dev.sizeup.spec.Architecture.KV_HEADS;
import static dev.sizeup.spec.Architecture.LAYERS;
import static dev.sizeup.spec.Architecture.NORM;
import static dev.sizeup.spec.Architecture.NORMS_PER_LAYER;
import static dev.sizeup.spec.Architecture.OUTPUT_BIAS;
import static dev.sizeup.spec.Architecture.POSITIONS;
import static dev.sizeup.spec.Architecture.POSITION_OFFSET;
import static dev.sizeup.spec.Architecture.QKV_BIAS;
import static dev.sizeup.spec.Architecture.TIED_EMBEDDINGS;
import static dev.sizeup.spec.Architecture.VOCAB;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Hugging Face {@code model_type}s sizeup counts exactly, each declared as a short list of
 * steps that map its config's fields onto spec keys the way the transformers modelling code builds
 * the model (field defaults are the transformers {@code *Config} defaults, and each default taken is
 * recorded). Most families are a shared layout ({@link #llamaLike}) and a few differences. A config
 * that uses a feature the spec cannot express is refused with the field named, never counted
 * approximately; see {@link HuggingFaceImporter} for the fields no family may leave unread.
 */
enum HfModelType {
  /** GPT2LMHeadModel: learned positions, c_attn/c_proj/c_fc with biases, ln_1/ln_2/ln_f, tied. */
  GPT2(List.of("gpt2"), List.of(
      size(LAYERS, "n_layer"), size(D_MODEL, "n_embd"), size(HEADS, "n_head"), size(VOCAB, "vocab_size"),
      size(CONTEXT, "n_positions"), multiHead("n_head"), headDimOf("n_head"),
      c -> c.sizeOr(D_FF, "n_inner", Math.multiplyExact(4L, c.value(D_MODEL)), "4 · n_embd (n_inner is null)"),
      fixed(POSITIONS, Positions.LEARNED), plain(FfnKind.MLP, Norm.LAYERNORM, true),
      tied(true, "transformers default"))),

  /** GPTNeoXForCausalLM (Pythia): rotary, input and post-attention LayerNorm, untied embed_out. */
  GPT_NEOX(List.of("gpt_neox"), List.of(
      common(), multiHead("num_attention_heads"), headDimOf("num_attention_heads"), size(D_FF, "intermediate_size"),
      fixed(POSITIONS, Positions.ROTARY), plain(FfnKind.MLP, Norm.LAYERNORM, true),
      attentionBias(true, "GPTNeoXConfig"), countless("use_parallel_residual"), tied(false, "GPTNeoXConfig default"))),

  /** LlamaForCausalLM: GQA, SwiGLU, RMSNorm, no biases unless attention_bias / mlp_bias. */
  LLAMA(List.of("llama"), List.of(llamaLike(), attentionBias(false, "LlamaConfig"),
      c -> c.flagOr(FFN_BIAS, "mlp_bias", false, "LlamaConfig default mlp_bias = false"))),

  /** MistralForCausalLM: LLaMA's layout (sliding-window attention changes no count). */
  MISTRAL(List.of("mistral"), List.of(llamaLike())),

  /** MixtralForCausalLM: Mistral with every feed-forward replaced by routed SwiGLU experts and a bias-free router. */
  MIXTRAL(List.of("mixtral"), List.of(llamaLike(), moe("num_local_experts", "num_experts_per_tok"))),

  /** Qwen2ForCausalLM: LLaMA's layout with biases on Q, K and V only. */
  QWEN2(List.of("qwen2"), List.of(llamaLike(), fixed(QKV_BIAS, true))),

  /** GemmaForCausalLM: GeGLU, RMSNorm, explicit head_dim, tied embeddings. */
  GEMMA(List.of("gemma"), List.of(gemmaLike(2))),

  /**
   * Gemma2ForCausalLM: Gemma's layout with four RMSNorms per layer (input, post-attention,
   * pre-feed-forward and post-feed-forward); logit soft-capping has no parameters.
   */
  GEMMA2(List.of("gemma2"), List.of(gemmaLike(4))),

  /** Phi3ForCausalLM: LLaMA's layout with Q, K, V fused into qkv_proj and gate and up into gate_up_proj. */
  PHI3(List.of("phi3"), List.of(llamaLike(), attentionBias(false, "Phi3Config"))),

  /** OPTForCausalLM: a learned position table with 2 extra rows (OPTLearnedPositionalEmbedding.offset). */
  OPT(List.of("opt"), List.of(common(), size(CONTEXT, "max_position_embeddings"), multiHead("num_attention_heads"),
      headDimOf("num_attention_heads"), size(D_FF, "ffn_dim"), HfModelType::optProjection,
      fixed(POSITIONS, Positions.LEARNED), fixed(POSITION_OFFSET, 2L), fixed(FFN, FfnKind.MLP),
      fixed(NORMS_PER_LAYER, 2L), HfModelType::optNormsAndBias, tied(true, "transformers default"))),

  /**
   * FalconForCausalLM, and its predecessors RefinedWebModel (7B) and RefinedWeb (40B, the "new
   * decoder architecture"): fused QKV of (heads + 2·kv_heads)·head_dim, one shared LayerNorm per
   * parallel block (two for the new architecture: ln_attn and ln_mlp), tied head.
   */
  FALCON(List.of("falcon", "RefinedWebModel", "RefinedWeb"), List.of(
      size(LAYERS, "num_hidden_layers", "n_layer"), size(D_MODEL, "hidden_size"),
      size(HEADS, "num_attention_heads", "n_head"), size(VOCAB, "vocab_size"),
      optional(CONTEXT, "max_position_embeddings"), headDimOf("num_attention_heads"), HfModelType::falconLayout,
      c -> c.sizeOr(D_FF, "ffn_hidden_size", Math.multiplyExact(4L, c.value(D_MODEL)), "4 · hidden_size"),
      HfModelType::falconPositions, fixed(FFN, FfnKind.MLP), fixed(NORM, Norm.LAYERNORM), fixed(FINAL_NORM, true),
      allBias("bias", false, "FalconConfig"), tied(true, "transformers default"))),

  /**
   * PhiForCausalLM: parallel block with one LayerNorm, biases everywhere, untied head with a bias;
   * qk_layernorm adds a LayerNorm over head_dim for the queries and one for the keys (PhiAttention).
   */
  PHI(List.of("phi"), List.of(common(),
      c -> c.sizeOr(KV_HEADS, "num_key_value_heads", c.value(HEADS), "num_attention_heads"),
      headDimOf("num_attention_heads"), size(D_FF, "intermediate_size"),
      c -> c.set(Architecture.QK_NORM, c.flag("qk_layernorm", false) ? QkNorm.PER_HEAD : QkNorm.NONE, "qk_layernorm"),
      fixed(POSITIONS, Positions.ROTARY), plain(FfnKind.MLP, Norm.LAYERNORM, true), fixed(NORMS_PER_LAYER, 1L),
      fixed(OUTPUT_BIAS, true), tied(false, "PhiConfig default"))),

  /** BloomForCausalLM: ALiBi, a LayerNorm right after the embedding, d_ff fixed at 4 · hidden_size. */
  BLOOM(List.of("bloom"), List.of(
      size(LAYERS, "n_layer", "num_hidden_layers"), size(D_MODEL, "hidden_size", "n_embed"),
      size(HEADS, "n_head", "num_attention_heads"), size(VOCAB, "vocab_size"), multiHead("n_head"), headDimOf("n_head"),
      c -> c.set(D_FF, Math.multiplyExact(4L, c.value(D_MODEL)), "hidden_size"),
      fixed(POSITIONS, Positions.ALIBI), plain(FfnKind.MLP, Norm.LAYERNORM, true), fixed(EMBEDDING_NORM, true),
      tied(true, "transformers default")));

  /** One step of a declaration: reads fields of the config and sets spec keys. */
  @FunctionalInterface
  interface Step {
    void apply(HfConfig c) throws SpecException;
  }

  private final List<String> names;
  private final List<Step> steps;

  HfModelType(List<String> names, List<Step> steps) {
    this.names = names;
    this.steps = steps;
  }

  void fill(HfConfig c) throws SpecException {
    for (Step s : steps) {
      s.apply(c);
    }
  }

  String canonical() {
    return names.get(0);
  }

  static HfModelType of(String modelType) {
    for (HfModelType t : values()) {
      if (t.names.contains(modelType)) {
        return t;
      }
    }
    return null;
  }

  static String supported() {
    return Arrays.stream(values()).map(HfModelType::canonical).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return canonical().toLowerCase(Locale.ROOT);
  }

  // ---- steps ---------------------------------------------------------------------------------------

  /** {@code key} from the first present field among {@code fields}; missing is an error. */
  static Step size(Key<Architecture, Long> key, String... fields) {
    return c -> c.size(key, fields);
  }

  /** {@code key} from {@code field} when present. */
  static Step optional(Key<Architecture, Long> key, String field) {
    return c -> c.optionalSize(key, field);
  }

  static <T> Step fixed(Key<Architecture, T> key, T value) {
    return c -> c.set(key, value);
  }

  /**
   * Fields this family reads that change no count in it (GPT-NeoX's use_parallel_residual only
   * reorders the same two LayerNorms), so that the importer does not refuse them as unread.
   */
  static Step countless(String... fields) {
    return c -> {
      for (String f : fields) {
        c.has(f);
      }
    };
  }

  /** Refuses a feature the spec cannot express when the config turns it on. */
  static Step refuseTrue(String field, String why) {
    return c -> {
      if (c.flag(field, false)) {
        throw c.unsupported(field, why);
      }
    };
  }

  /** layers, d_model, heads, vocab and context under their usual transformers names. */
  static Step common() {
    return c -> {
      c.size(LAYERS, "num_hidden_layers");
      c.size(D_MODEL, "hidden_size");
      c.size(HEADS, "num_attention_heads");
      c.size(VOCAB, "vocab_size");
      c.optionalSize(CONTEXT, "max_position_embeddings");
    };
  }

  /** One key/value head per query head. */
  static Step multiHead(String headsField) {
    return c -> c.set(KV_HEADS, c.value(HEADS), headsField);
  }

  /** hidden_size / heads, as transformers computes head_dim; refused when it is not whole. */
  static Step headDimOf(String headsField) {
    return c -> {
      long d = c.value(D_MODEL);
      long heads = c.value(HEADS);
      if (heads < 1 || d % heads != 0) {
        throw c.unsupported(headsField, "(" + heads + ") does not divide hidden_size (" + d + ") and the config has no head_dim");
      }
      c.set(HEAD_DIM, d / heads, headsField);
    };
  }

  /** head_dim from the config when it has one, else hidden_size / heads. */
  static Step headDim() {
    return c -> {
      if (c.has("head_dim")) {
        c.size(HEAD_DIM, "head_dim");
      } else {
        headDimOf("num_attention_heads").apply(c);
      }
    };
  }

  /**
   * The block layout most families share: the feed-forward kind, the norm, two norms per layer
   * (before attention and before the feed-forward) and a final norm, and biases everywhere or nowhere.
   */
  static Step plain(FfnKind ffn, Norm norm, boolean bias) {
    return c -> {
      c.set(FFN, ffn);
      c.set(NORM, norm);
      c.set(NORMS_PER_LAYER, 2L);
      c.set(FINAL_NORM, true);
      c.set(QKV_BIAS, bias);
      c.set(ATTN_OUT_BIAS, bias);
      c.set(FFN_BIAS, bias);
    };
  }

  /** tie_word_embeddings, with the config class's default. */
  static Step tied(boolean fallback, String configClass) {
    return c -> c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", fallback,
        configClass + " tie_word_embeddings = " + fallback);
  }

  /** attention_bias (default {@code fallback}) puts biases on Q, K, V and the output projection together. */
  static Step attentionBias(boolean fallback, String configClass) {
    return c -> {
      boolean bias = c.flagOr(QKV_BIAS, "attention_bias", fallback,
          configClass + " default attention_bias = " + fallback);
      c.set(ATTN_OUT_BIAS, bias, "attention_bias");
    };
  }

  /** One flag for every bias (attention and feed-forward). */
  static Step allBias(String field, boolean fallback, String configClass) {
    return c -> {
      boolean bias = c.flagOr(QKV_BIAS, field, fallback, configClass + " default " + field + " = " + fallback);
      c.set(ATTN_OUT_BIAS, bias, field);
      c.set(FFN_BIAS, bias, field);
    };
  }

  /** The LLaMA family: GQA with an optional explicit head_dim, SwiGLU, RMSNorm, rotary, untied head. */
  static Step llamaLike() {
    return c -> {
      common().apply(c);
      c.sizeOr(KV_HEADS, "num_key_value_heads", c.value(HEADS), "num_attention_heads");
      headDim().apply(c);
      c.size(D_FF, "intermediate_size");
      c.set(POSITIONS, Positions.ROTARY);
      plain(FfnKind.GATED, Norm.RMSNORM, false).apply(c);
      tied(false, "transformers default").apply(c);
    };
  }

  /** Gemma: GeGLU, RMSNorm, head_dim required, tied; {@code norms} per layer. */
  static Step gemmaLike(long norms) {
    return c -> {
      common().apply(c);
      c.size(KV_HEADS, "num_key_value_heads");
      c.size(HEAD_DIM, "head_dim");
      c.size(D_FF, "intermediate_size");
      c.set(POSITIONS, Positions.ROTARY);
      plain(FfnKind.GATED, Norm.RMSNORM, false).apply(c);
      c.set(NORMS_PER_LAYER, norms);
      attentionBias(false, "GemmaConfig").apply(c);
      tied(true, "GemmaConfig").apply(c);
    };
  }

  /** Every layer a mixture of routed experts of the layer's width, with a bias-free router (Mixtral). */
  static Step moe(String expertsField, String topKField) {
    return c -> {
      long experts = c.integer(expertsField);
      long topK = c.integer(topKField);
      c.origin("moe.experts", expertsField);
      c.origin("moe.top_k", topKField);
      c.set(Architecture.MOE, new Moe(experts, topK, null, Moe.Shared.NONE, false), expertsField);
    };
  }

  // ---- family-specific steps ---------------------------------------------------------------------

  private static void optProjection(HfConfig c) throws SpecException {
    if (c.has("word_embed_proj_dim") && c.integer("word_embed_proj_dim") != c.value(D_MODEL)) {
      throw c.unsupported("word_embed_proj_dim", "differs from hidden_size: OPT's project_in/project_out "
          + "matrices (as in OPT-350m) are not modelled, so the count would be wrong");
    }
  }

  private static void optNormsAndBias(HfConfig c) throws SpecException {
    allBias("enable_bias", true, "OPTConfig").apply(c);
    c.set(NORM, c.flag("layer_norm_elementwise_affine", true) ? Norm.LAYERNORM : Norm.NONPARAMETRIC,
        "layer_norm_elementwise_affine");
    boolean before = c.flag("do_layer_norm_before", true);
    if (!c.has("do_layer_norm_before")) {
      c.defaults().add(new AppliedDefault(FINAL_NORM.name(), "OPTConfig default do_layer_norm_before = true"));
    }
    c.set(FINAL_NORM, before && !c.flag("_remove_final_layer_norm", false), "do_layer_norm_before");
  }

  private static void falconLayout(HfConfig c) throws SpecException {
    boolean newDecoder = c.flag("new_decoder_architecture", "RefinedWeb".equals(c.modelType()));
    if (newDecoder) {
      c.size(KV_HEADS, "num_kv_heads", "n_head_kv");
      c.sizeOr(NORMS_PER_LAYER, "num_ln_in_parallel_attn", 2, "FalconConfig: ln_attn and ln_mlp");
      return;
    }
    boolean mqa = c.flag("multi_query", true);
    if (!c.has("multi_query")) {
      c.defaults().add(new AppliedDefault(KV_HEADS.name(), "FalconConfig default multi_query = true"));
    }
    c.set(KV_HEADS, mqa ? 1L : c.value(HEADS), "multi_query");
    boolean parallel = c.flag("parallel_attn", true);
    if (!c.has("parallel_attn")) {
      c.defaults().add(new AppliedDefault(NORMS_PER_LAYER.name(), "FalconConfig default parallel_attn = true"));
    }
    c.set(NORMS_PER_LAYER, parallel ? 1L : 2L, "parallel_attn");
  }

  private static void falconPositions(HfConfig c) throws SpecException {
    boolean alibi = c.flag("alibi", false);
    if (!c.has("alibi")) {
      c.defaults().add(new AppliedDefault(POSITIONS.name(), "FalconConfig default alibi = false"));
    }
    c.set(POSITIONS, alibi ? Positions.ALIBI : Positions.ROTARY, "alibi");
  }

  /** The declarations, for tests. */
  List<Step> steps() {
    return new ArrayList<>(steps);
  }
}
