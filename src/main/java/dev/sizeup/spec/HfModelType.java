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
import static dev.sizeup.spec.Architecture.LATENT;
import static dev.sizeup.spec.Architecture.MOE;
import static dev.sizeup.spec.Architecture.QK_NORM;
import static dev.sizeup.spec.Architecture.QK_NORM_KIND;
import static dev.sizeup.spec.Architecture.ATTENTION_SINKS;
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
  GEMMA(List.of("gemma"), List.of(gemmaLike(2, "GemmaConfig"))),

  /**
   * Gemma2ForCausalLM: Gemma's layout with four RMSNorms per layer (input, post-attention,
   * pre-feed-forward and post-feed-forward); logit soft-capping has no parameters.
   */
  GEMMA2(List.of("gemma2"), List.of(gemmaLike(4, "Gemma2Config"))),

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
      tied(true, "transformers default"))),

  /**
   * Qwen2MoeForCausalLM (Qwen1.5-MoE): Qwen2's attention (biases on Q, K, V); in the layers that
   * decoder_sparse_step and mlp_only_layers pick, routed experts of moe_intermediate_size, one shared
   * expert of shared_expert_intermediate_size behind a d_model × 1 sigmoid gate, and a bias-free router;
   * the other layers a dense SwiGLU of intermediate_size.
   */
  QWEN2_MOE(List.of("qwen2_moe"), List.of(llamaLike(), c -> c.flagOr(QKV_BIAS, "qkv_bias", true,
          "Qwen2MoeConfig: q_proj, k_proj and v_proj have biases"),
      c -> moe(c, "num_experts", new String[] {"num_experts_per_tok"}, "moe_intermediate_size",
          sharedExpert(c, "shared_expert_intermediate_size"), false),
      HfModelType::sparseStep)),

  /** Qwen3ForCausalLM: LLaMA's layout with an RMSNorm over head_dim on the queries and on the keys (q_norm, k_norm). */
  QWEN3(List.of("qwen3"), List.of(llamaLike(), attentionBias(false, "Qwen3Config"), fixed(QK_NORM, QkNorm.PER_HEAD))),

  /** Qwen3MoeForCausalLM: Qwen3's attention; routed experts of moe_intermediate_size, no shared expert. */
  QWEN3_MOE(List.of("qwen3_moe"), List.of(llamaLike(), attentionBias(false, "Qwen3MoeConfig"),
      fixed(QK_NORM, QkNorm.PER_HEAD),
      c -> moe(c, "num_experts", new String[] {"num_experts_per_tok"}, "moe_intermediate_size", Moe.Shared.NONE, false),
      HfModelType::sparseStep)),

  /**
   * Gemma3ForCausalLM (gemma3_text; gemma3 is the multimodal model, whose language model is in
   * text_config): Gemma 2's four norms per layer and an RMSNorm over head_dim on the queries and keys.
   */
  GEMMA3(List.of("gemma3_text"), List.of(
      classDefaults("Gemma3TextConfig", java.util.Map.of("vocab_size", 262_208L, "hidden_size", 2304L,
          "intermediate_size", 9216L, "num_hidden_layers", 26L, "num_attention_heads", 8L,
          "num_key_value_heads", 4L, "head_dim", 256L)),
      gemmaLike(4, "Gemma3TextConfig"), fixed(QK_NORM, QkNorm.PER_HEAD))),

  /** OlmoForCausalLM: LLaMA's layout with LayerNorms that have no parameters at all (OlmoLayerNorm). */
  OLMO(List.of("olmo"), List.of(llamaLike(), attentionBias(false, "OlmoConfig"), fixed(NORM, Norm.NONPARAMETRIC))),

  /**
   * Olmo2ForCausalLM: RMSNorm after attention and after the feed-forward (two per layer, as many as
   * pre-norm), and RMSNorms over the whole query and key projections (q_norm, k_norm).
   */
  OLMO2(List.of("olmo2"), List.of(llamaLike(), attentionBias(false, "Olmo2Config"), fixed(QK_NORM, QkNorm.FULL))),

  /** OlmoeForCausalLM: OLMo 2's q/k norms over the whole projections; routed experts of intermediate_size. */
  OLMOE(List.of("olmoe"), List.of(llamaLike(), attentionBias(false, "OlmoeConfig"), fixed(QK_NORM, QkNorm.FULL),
      c -> moe(c, "num_experts", new String[] {"num_experts_per_tok"}, null, Moe.Shared.NONE, false))),

  /** SmolLM3ForCausalLM: LLaMA's layout (the layers without rotary positions change no count). */
  SMOLLM3(List.of("smollm3"), List.of(llamaLike(), attentionBias(false, "SmolLM3Config"),
      c -> c.flagOr(FFN_BIAS, "mlp_bias", false, "SmolLM3Config default mlp_bias = false"),
      tied(true, "SmolLM3Config"))),

  /**
   * StableLmForCausalLM: LayerNorms with biases, SwiGLU without, biases on Q, K, V when use_qkv_bias;
   * one LayerNorm per layer when use_parallel_residual; with qk_layernorm, a LayerNorm without bias for
   * each head of the queries and of the keys (StableLmLayerNormPerHead).
   */
  STABLELM(List.of("stablelm"), List.of(common(),
      c -> c.sizeOr(KV_HEADS, "num_key_value_heads", c.value(HEADS), "num_attention_heads"),
      headDimOf("num_attention_heads"), size(D_FF, "intermediate_size"), fixed(POSITIONS, Positions.ROTARY),
      plain(FfnKind.GATED, Norm.LAYERNORM, false),
      c -> c.flagOr(QKV_BIAS, "use_qkv_bias", false, "StableLmConfig default use_qkv_bias = false"),
      c -> c.set(NORMS_PER_LAYER, c.flag("use_parallel_residual", false) ? 1L : 2L, "use_parallel_residual"),
      c -> {
        if (c.flag("qk_layernorm", false)) {
          c.set(QK_NORM, QkNorm.FULL, "qk_layernorm");
          c.set(QK_NORM_KIND, Norm.LAYERNORM_NO_BIAS, "qk_layernorm");
        }
      },
      tied(false, "StableLmConfig"))),

  /**
   * InternLM2ForCausalLM (remote code, internlm/internlm2-*): LLaMA's layout with Q, K and V fused
   * into wqkv and gate and up as w1 and w3; {@code bias} puts biases on wqkv and wo.
   */
  INTERNLM2(List.of("internlm2"), List.of(llamaLike(), c -> {
    boolean bias = c.flagOr(QKV_BIAS, "bias", true, "InternLM2Config default bias = true");
    c.set(ATTN_OUT_BIAS, bias, "bias");
  })),

  /**
   * CohereForCausalLM (Command R): a parallel block under one LayerNorm without bias, SwiGLU, tied
   * head; with use_qk_norm, a LayerNorm without bias per head on the queries and the keys.
   */
  COHERE(List.of("cohere"), List.of(llamaLike(), fixed(NORM, Norm.LAYERNORM_NO_BIAS), fixed(NORMS_PER_LAYER, 1L),
      attentionBias(false, "CohereConfig"),
      c -> c.set(QK_NORM, c.flag("use_qk_norm", false) ? QkNorm.FULL : QkNorm.NONE, "use_qk_norm"),
      tied(true, "CohereConfig"))),

  /** Cohere2ForCausalLM (Command R7B, Command A): Cohere's parallel block; sliding-window layers change no count. */
  COHERE2(List.of("cohere2"), List.of(llamaLike(), fixed(NORM, Norm.LAYERNORM_NO_BIAS), fixed(NORMS_PER_LAYER, 1L),
      attentionBias(false, "Cohere2Config"), tied(true, "Cohere2Config"))),

  /**
   * DeepseekV2ForCausalLM: multi-head latent attention; after the first first_k_dense_replace dense
   * layers, every moe_layer_freq-th layer has n_routed_experts routed experts and n_shared_experts
   * shared ones, all of moe_intermediate_size.
   */
  DEEPSEEK_V2(List.of("deepseek_v2"), List.of(HfModelType::deepseek)),

  /**
   * DeepseekV3ForCausalLM: DeepSeek-V2's layout; its router's e_score_correction_bias (one per
   * expert, used to pick the experts) is counted as a router bias. The multi-token-prediction layers
   * (num_nextn_predict_layers) are not part of the model transformers builds, and not counted.
   */
  DEEPSEEK_V3(List.of("deepseek_v3"), List.of(HfModelType::deepseek)),

  /**
   * GptOssForCausalLM: biases on every attention projection, a learned sink per head, and in every
   * layer routed SwiGLU experts with biases and a router with a bias.
   */
  GPT_OSS(List.of("gpt_oss"), List.of(llamaLike(), attentionBias(true, "GptOssConfig"), fixed(FFN_BIAS, true),
      fixed(ATTENTION_SINKS, true),
      c -> moe(c, "num_local_experts", new String[] {"num_experts_per_tok", "experts_per_token"}, null,
          Moe.Shared.NONE, true))),

  /** Starcoder2ForCausalLM: GQA, a plain GELU MLP, LayerNorm, biases everywhere when use_bias. */
  STARCODER2(List.of("starcoder2"), List.of(common(),
      c -> c.sizeOr(KV_HEADS, "num_key_value_heads", c.value(HEADS), "num_attention_heads"),
      headDimOf("num_attention_heads"), size(D_FF, "intermediate_size"), fixed(POSITIONS, Positions.ROTARY),
      plain(FfnKind.MLP, Norm.LAYERNORM, true), allBias("use_bias", true, "Starcoder2Config"),
      tied(true, "Starcoder2Config"))),

  /** GraniteForCausalLM: LLaMA's layout; its multipliers scale activations and have no parameters. */
  GRANITE(List.of("granite"), List.of(llamaLike(), attentionBias(false, "GraniteConfig"),
      c -> c.flagOr(FFN_BIAS, "mlp_bias", false, "GraniteConfig default mlp_bias = false"))),

  /** GraniteMoeForCausalLM: Granite's attention; every layer routed experts of intermediate_size. */
  GRANITEMOE(List.of("granitemoe"), List.of(llamaLike(), attentionBias(false, "GraniteMoeConfig"),
      c -> moe(c, "num_local_experts", new String[] {"num_experts_per_tok"}, null, Moe.Shared.NONE, false))),

  /**
   * GraniteMoeSharedForCausalLM: GraniteMoe with one shared expert of shared_intermediate_size in
   * every layer (none when it is 0).
   */
  GRANITEMOESHARED(List.of("granitemoeshared"), List.of(llamaLike(), attentionBias(false, "GraniteMoeSharedConfig"),
      c -> moe(c, "num_local_experts", new String[] {"num_experts_per_tok"}, null,
          c.integerOr("shared_intermediate_size", 0, "moe.shared_experts", "GraniteMoeSharedConfig default 0") == 0
              ? Moe.Shared.NONE : new Moe.Shared(1, c.integer("shared_intermediate_size"), false), false))),

  /**
   * PhimoeForCausalLM (Phi-3.5-MoE): LayerNorms with biases, biases on the attention projections when
   * attention_bias, Mixtral's experts and router, and a bias on the head when lm_head_bias.
   */
  PHIMOE(List.of("phimoe"), List.of(llamaLike(), fixed(NORM, Norm.LAYERNORM), attentionBias(false, "PhimoeConfig"),
      c -> c.flagOr(OUTPUT_BIAS, "lm_head_bias", false, "PhimoeConfig default lm_head_bias = false"),
      c -> moe(c, "num_local_experts", new String[] {"num_experts_per_tok"}, null, Moe.Shared.NONE, false))),

  /**
   * MptForCausalLM: ALiBi, no biases anywhere, and LayerNorms whose bias transformers removes
   * (MptBlock sets norm_1.bias and norm_2.bias to None); a GELU MLP of expansion_ratio · d_model; tied.
   */
  MPT(List.of("mpt"), List.of(size(LAYERS, "n_layers"), size(D_MODEL, "d_model"), size(HEADS, "n_heads"),
      size(VOCAB, "vocab_size"), optional(CONTEXT, "max_seq_len"), multiHead("n_heads"), headDimOf("n_heads"),
      c -> c.set(D_FF, Math.multiplyExact(c.integerOr("expansion_ratio", 4, D_FF.name(),
          "MptConfig default expansion_ratio = 4"), c.value(D_MODEL)), "expansion_ratio"),
      HfModelType::mptAttention, fixed(POSITIONS, Positions.ALIBI), plain(FfnKind.MLP, Norm.LAYERNORM_NO_BIAS, false),
      tied(true, "MptConfig"))),

  /**
   * GPTBigCodeForCausalLM (SantaCoder, StarCoder): GPT-2's layout with multi-query attention, one
   * key/value head, when multi_query (the default).
   */
  GPT_BIGCODE(List.of("gpt_bigcode"), List.of(
      size(LAYERS, "n_layer"), size(D_MODEL, "n_embd"), size(HEADS, "n_head"), size(VOCAB, "vocab_size"),
      size(CONTEXT, "n_positions"), headDimOf("n_head"),
      c -> {
        if (!c.has("multi_query")) {
          c.defaults().add(new AppliedDefault(KV_HEADS.name(), "GPTBigCodeConfig default multi_query = true"));
        }
        c.set(KV_HEADS, c.flag("multi_query", true) ? 1L : c.value(HEADS), "multi_query");
      },
      c -> c.sizeOr(D_FF, "n_inner", Math.multiplyExact(4L, c.value(D_MODEL)), "4 · n_embd (n_inner is null)"),
      fixed(POSITIONS, Positions.LEARNED), plain(FfnKind.MLP, Norm.LAYERNORM, true), tied(true, "GPTBigCodeConfig"))),

  /**
   * GPTJForCausalLM: a parallel block under one LayerNorm, bias-free attention, a GELU MLP with
   * biases, rotary positions, and an untied head with a bias.
   */
  GPTJ(List.of("gptj"), List.of(
      size(LAYERS, "n_layer"), size(D_MODEL, "n_embd"), size(HEADS, "n_head"), size(VOCAB, "vocab_size"),
      optional(CONTEXT, "n_positions"), multiHead("n_head"), headDimOf("n_head"),
      c -> c.sizeOr(D_FF, "n_inner", Math.multiplyExact(4L, c.value(D_MODEL)), "4 · n_embd (n_inner is null)"),
      fixed(POSITIONS, Positions.ROTARY), plain(FfnKind.MLP, Norm.LAYERNORM, false), fixed(FFN_BIAS, true),
      fixed(NORMS_PER_LAYER, 1L), fixed(OUTPUT_BIAS, true), tied(false, "GPTJConfig")));

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
    return Arrays.stream(values()).map(HfModelType::canonical).sorted().collect(Collectors.joining(", "))
        + " (and multimodal configs whose text_config is one of them)";
  }

  @Override
  public String toString() {
    return canonical().toLowerCase(Locale.ROOT);
  }

  // ---- steps ---------------------------------------------------------------------------------------

  /**
   * The sizes a config class defaults to (transformers' {@code *Config.__init__} defaults), for the
   * fields a config leaves out; each one taken is recorded as a default.
   */
  static Step classDefaults(String owner, java.util.Map<String, Long> sizes) {
    return c -> c.classDefaults(owner, sizes);
  }

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

  /** Gemma: GeGLU, RMSNorm, head_dim required, tied; {@code norms} per layer; defaults named after {@code configClass}. */
  static Step gemmaLike(long norms, String configClass) {
    return c -> {
      common().apply(c);
      c.size(KV_HEADS, "num_key_value_heads");
      c.size(HEAD_DIM, "head_dim");
      c.size(D_FF, "intermediate_size");
      c.set(POSITIONS, Positions.ROTARY);
      plain(FfnKind.GATED, Norm.RMSNORM, false).apply(c);
      c.set(NORMS_PER_LAYER, norms);
      attentionBias(false, configClass).apply(c);
      tied(true, configClass).apply(c);
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

  /** A block of the same layer without its mixture of experts: a dense layer of the layer's d_ff. */
  static final java.util.function.UnaryOperator<Block> DENSE = b -> new Block(b.attention(), b.ffn(),
      b.normsPerLayer(), null);

  /**
   * Sets the mixture of experts from the config's fields; no experts (0, or the field null) is a
   * dense model.
   *
   * @param topK  the top-k field's names, first present wins
   * @param width the routed experts' width field; null when they have the layer's d_ff
   */
  static void moe(HfConfig c, String experts, String[] topK, String width, Moe.Shared shared, boolean routerBias)
      throws SpecException {
    if (!c.has(experts) || c.integer(experts) == 0) {
      c.set(MOE, null, experts);
      return;
    }
    long n = c.integer(experts);
    String topKField = java.util.Arrays.stream(topK).filter(c::has).findFirst().orElse(topK[0]);
    long k = c.integer(topKField);
    Long dFf = width == null ? null : c.integer(width);
    c.origin("moe.experts", experts);
    c.origin("moe.top_k", topKField);
    if (width != null) {
      c.origin("moe.d_ff", width);
    }
    c.set(MOE, new Moe(n, k, dFf, shared, routerBias), experts);
  }

  /** One shared expert of the width in {@code field}, behind a sigmoid gate (Qwen2-MoE); none when 0 or absent. */
  static Moe.Shared sharedExpert(HfConfig c, String field) throws SpecException {
    if (!c.has(field) || c.integer(field) == 0) {
      return Moe.Shared.NONE;
    }
    c.origin("moe.shared_d_ff", field);
    return new Moe.Shared(1, c.integer(field), true);
  }

  /**
   * Qwen-MoE's choice of layers: layer i (from 0) is a mixture of experts when (i + 1) is a multiple
   * of decoder_sparse_step and i is not in mlp_only_layers (Qwen2MoeDecoderLayer, Qwen3MoeDecoderLayer);
   * the others are dense.
   */
  private static void sparseStep(HfConfig c) throws SpecException {
    if (c.value(MOE) == null) {
      return;
    }
    long layers = c.value(LAYERS);
    long step = c.integerOr("decoder_sparse_step", 1, "moe", "default decoder_sparse_step = 1: every layer");
    if (step < 1) {
      throw c.unsupported("decoder_sparse_step", "expected an integer >= 1, got " + step);
    }
    java.util.Set<Long> dense = new java.util.TreeSet<>();
    for (long i : c.integers("mlp_only_layers")) {
      if (i >= layers) {
        throw c.unsupported("mlp_only_layers", "layer " + i + " is beyond the model's " + layers + " layers");
      }
      dense.add(i);
    }
    long moeLayers = layers / step;
    for (long i : dense) {
      if ((i + 1) % step == 0) {
        moeLayers--;
      }
    }
    boolean firstDense = step > 1 || dense.contains(0L);
    HfConfig.Run denseRun = new HfConfig.Run(layers - moeLayers, DENSE, "decoder_sparse_step");
    HfConfig.Run moeRun = new HfConfig.Run(moeLayers, b -> b, "decoder_sparse_step");
    c.layers(firstDense ? List.of(denseRun, moeRun) : List.of(moeRun, denseRun));
  }

  // ---- family-specific steps ---------------------------------------------------------------------

  /**
   * DeepSeek-V2 and V3 (DeepseekV2Attention, DeepseekV2MoE; DeepSeek-AI 2024, §2.1 and §2.2): latent
   * attention, dense layers of intermediate_size, and mixtures of experts of moe_intermediate_size in
   * layer i when i >= first_k_dense_replace and i is a multiple of moe_layer_freq.
   */
  private static void deepseek(HfConfig c) throws SpecException {
    common().apply(c);
    c.set(KV_HEADS, c.value(HEADS), "num_attention_heads");
    long qLora = c.has("q_lora_rank") ? c.integer("q_lora_rank") : 0;
    Latent latent = new Latent(qLora, c.integer("kv_lora_rank"), c.integer("qk_nope_head_dim"),
        c.integer("qk_rope_head_dim"), c.integer("v_head_dim"));
    for (String k : List.of("q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim")) {
      c.origin("latent." + k, k);
    }
    c.set(LATENT, latent, "kv_lora_rank");
    c.set(HEAD_DIM, latent.qkHeadDim(), "qk_nope_head_dim");
    c.size(D_FF, "intermediate_size");
    c.set(POSITIONS, Positions.ROTARY);
    plain(FfnKind.GATED, Norm.RMSNORM, false).apply(c);
    attentionBias(false, "DeepseekConfig").apply(c);
    tied(false, "DeepseekConfig").apply(c);
    boolean routerBias = "noaux_tc".equals(c.text("topk_method"));
    long shared = c.has("n_shared_experts") ? c.integer("n_shared_experts") : 0;
    moe(c, "n_routed_experts", new String[] {"num_experts_per_tok"}, "moe_intermediate_size",
        shared == 0 ? Moe.Shared.NONE : new Moe.Shared(shared, null, false), routerBias);
    if (shared > 0) {
      c.origin("moe.shared_experts", "n_shared_experts");
    }
    if (c.value(MOE) == null) {
      return;
    }
    long layers = c.value(LAYERS);
    long firstDense = Math.min(layers, c.integerOr("first_k_dense_replace", 0, "moe",
        "default first_k_dense_replace = 0"));
    long freq = c.integerOr("moe_layer_freq", 1, "moe", "default moe_layer_freq = 1");
    if (freq < 1) {
      throw c.unsupported("moe_layer_freq", "expected an integer >= 1, got " + freq);
    }
    // multiples of freq in [firstDense, layers)
    long moeLayers = firstDense >= layers ? 0 : (layers - 1) / freq - (firstDense + freq - 1) / freq + 1;
    c.layers(firstDense > 0
        ? List.of(new HfConfig.Run(firstDense, DENSE, "first_k_dense_replace"),
            new HfConfig.Run(moeLayers, b -> b, "first_k_dense_replace"),
            new HfConfig.Run(layers - firstDense - moeLayers, DENSE, "moe_layer_freq"))
        : List.of(new HfConfig.Run(moeLayers, b -> b, "moe_layer_freq"),
            new HfConfig.Run(layers - moeLayers, DENSE, "moe_layer_freq")));
  }

  /** MPT's attention: Wqkv and out_proj without biases; features transformers does not build are refused. */
  private static void mptAttention(HfConfig c) throws SpecException {
    if (!c.flag("no_bias", true)) {
      throw c.unsupported("no_bias", "is false: MPT with biases needs its own modelling code (transformers' "
          + "MptForCausalLM has none), which sizeup cannot count");
    }
    if (c.node("attn_config") instanceof Node.Mapping attn) {
      if (attn.get("qk_ln") instanceof Node.Scalar q && q.text().equalsIgnoreCase("true")) {
        throw c.unsupported("attn_config", "sets qk_ln: query/key LayerNorms need MPT's own modelling code");
      }
      if (attn.get("alibi") instanceof Node.Scalar a && a.text().equalsIgnoreCase("false")) {
        throw c.unsupported("attn_config", "sets alibi false: learned positions need MPT's own modelling code");
      }
    }
    c.set(QKV_BIAS, false);
    c.set(ATTN_OUT_BIAS, false);
  }

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

  /**
   * Falcon's key/value heads and LayerNorms (FalconDecoderLayer): num_kv_heads for the new decoder
   * architecture, else one (multi_query) or as many as the heads; two LayerNorms when parallel_attn is
   * off (input and post-attention) or num_ln_in_parallel_attn is 2 (ln_attn and ln_mlp, the new
   * architecture's default), else one shared by attention and MLP.
   */
  private static void falconLayout(HfConfig c) throws SpecException {
    boolean newDecoder = c.flag("new_decoder_architecture", "RefinedWeb".equals(c.modelType()));
    if (newDecoder) {
      c.size(KV_HEADS, "num_kv_heads", "n_head_kv");
    } else {
      boolean mqa = c.flag("multi_query", true);
      if (!c.has("multi_query")) {
        c.defaults().add(new AppliedDefault(KV_HEADS.name(), "FalconConfig default multi_query = true"));
      }
      c.set(KV_HEADS, mqa ? 1L : c.value(HEADS), "multi_query");
    }
    boolean parallel = c.flag("parallel_attn", true);
    if (!c.has("parallel_attn")) {
      c.defaults().add(new AppliedDefault(NORMS_PER_LAYER.name(), "FalconConfig default parallel_attn = true"));
    }
    if (!parallel) {
      c.set(NORMS_PER_LAYER, 2L, "parallel_attn");
    } else if (c.has("num_ln_in_parallel_attn")) {
      c.set(NORMS_PER_LAYER, c.integer("num_ln_in_parallel_attn") == 2 ? 2L : 1L, "num_ln_in_parallel_attn");
    } else {
      c.set(NORMS_PER_LAYER, newDecoder ? 2L : 1L, newDecoder ? "new_decoder_architecture" : "parallel_attn");
    }
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
