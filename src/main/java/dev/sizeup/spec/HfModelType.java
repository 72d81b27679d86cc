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
import static dev.sizeup.spec.Architecture.MOE;
import static dev.sizeup.spec.Architecture.NORM;
import static dev.sizeup.spec.Architecture.NORMS_PER_LAYER;
import static dev.sizeup.spec.Architecture.OUTPUT_BIAS;
import static dev.sizeup.spec.Architecture.POSITIONS;
import static dev.sizeup.spec.Architecture.POSITION_OFFSET;
import static dev.sizeup.spec.Architecture.QKV_BIAS;
import static dev.sizeup.spec.Architecture.TIED_EMBEDDINGS;
import static dev.sizeup.spec.Architecture.VOCAB;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Hugging Face {@code model_type}s we can count exactly, each mapping its config fields onto the
 * spec the way the transformers modelling code builds the model (field defaults are the
 * transformers {@code *Config} defaults). A config that uses a feature the spec cannot express is
 * refused with the field named, never counted approximately.
 */
enum HfModelType {
  /** GPT2LMHeadModel: learned positions, c_attn/c_proj/c_fc with biases, ln_1/ln_2/ln_f. */
  GPT2("gpt2") {
    @Override
    void fill(HfConfig c) throws SpecException {
      c.size(LAYERS, "n_layer");
      long d = c.size(D_MODEL, "n_embd");
      long heads = c.size(HEADS, "n_head");
      c.size(VOCAB, "vocab_size");
      c.size(CONTEXT, "n_positions");
      c.set(KV_HEADS, heads, "n_head");
      c.set(HEAD_DIM, divide(c, d, heads, "n_head"), "n_head");
      c.sizeOr(D_FF, "n_inner", Math.multiplyExact(4L, d), "4 · n_embd (n_inner is null)");
      c.set(POSITIONS, Positions.LEARNED);
      plain(c, FfnKind.MLP, Norm.LAYERNORM, true);
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", true, "transformers default tie_word_embeddings = true");
    }
  },
  /** GPTNeoXForCausalLM (Pythia): rotary, input and post-attention LayerNorm in every layer, untied embed_out. */
  GPT_NEOX("gpt_neox") {
    @Override
    void fill(HfConfig c) throws SpecException {
      long[] dh = common(c);
      c.set(KV_HEADS, dh[1], "num_attention_heads");
      c.set(HEAD_DIM, divide(c, dh[0], dh[1], "num_attention_heads"), "num_attention_heads");
      c.size(D_FF, "intermediate_size");
      c.set(POSITIONS, Positions.ROTARY);
      plain(c, FfnKind.MLP, Norm.LAYERNORM, true);
      boolean attentionBias = c.flagOr(QKV_BIAS, "attention_bias", true, "GPTNeoXConfig default attention_bias = true");
      c.set(ATTN_OUT_BIAS, attentionBias, "attention_bias");
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", false, "GPTNeoXConfig default tie_word_embeddings = false");
    }
  },
  /** LlamaForCausalLM: GQA, SwiGLU, RMSNorm, no biases unless attention_bias / mlp_bias. */
  LLAMA("llama") {
    @Override
    void fill(HfConfig c) throws SpecException {
      llamaLike(c);
      attentionBias(c, "LlamaConfig");
      c.flagOr(FFN_BIAS, "mlp_bias", false, "LlamaConfig default mlp_bias = false");
    }
  },
  /** MistralForCausalLM: LLaMA's layout (sliding-window attention changes no count). */
  MISTRAL("mistral") {
    @Override
    void fill(HfConfig c) throws SpecException {
      llamaLike(c);
    }
  },
  /** MixtralForCausalLM: Mistral with every feed-forward replaced by routed SwiGLU experts and a bias-free router. */
  MIXTRAL("mixtral") {
    @Override
    void fill(HfConfig c) throws SpecException {
      llamaLike(c);
      long experts = c.integer("num_local_experts");
      long topK = c.integer("num_experts_per_tok");
      c.origin("moe.experts", "num_local_experts");
      c.origin("moe.top_k", "num_experts_per_tok");
      c.set(MOE, new Moe(experts, topK, null, Moe.Shared.NONE, false), "num_local_experts");
    }
  },
  /** Qwen2ForCausalLM: LLaMA's layout with biases on Q, K and V only. */
  QWEN2("qwen2") {
    @Override
    void fill(HfConfig c) throws SpecException {
      llamaLike(c);
      c.set(QKV_BIAS, true);
    }
  },
  /** GemmaForCausalLM: GeGLU, RMSNorm, explicit head_dim, tied embeddings. */
  GEMMA("gemma") {
    @Override
    void fill(HfConfig c) throws SpecException {
      common(c);
      c.size(KV_HEADS, "num_key_value_heads");
      c.size(HEAD_DIM, "head_dim");
      c.size(D_FF, "intermediate_size");
      c.set(POSITIONS, Positions.ROTARY);
      plain(c, FfnKind.GATED, Norm.RMSNORM, false);
      attentionBias(c, "GemmaConfig");
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", true, "GemmaConfig default tie_word_embeddings = true");
    }
  },
  /**
   * Gemma2ForCausalLM: Gemma's layout with four RMSNorms per layer (input, post-attention,
   * pre-feed-forward and post-feed-forward); logit soft-capping has no parameters.
   */
  GEMMA2("gemma2") {
    @Override
    void fill(HfConfig c) throws SpecException {
      GEMMA.fill(c);
      c.set(NORMS_PER_LAYER, 4L);
    }
  },
  /** Phi3ForCausalLM: LLaMA's layout with Q, K, V fused into qkv_proj and gate and up into gate_up_proj. */
  PHI3("phi3") {
    @Override
    void fill(HfConfig c) throws SpecException {
      llamaLike(c);
      attentionBias(c, "Phi3Config");
    }
  },
  /** OPTForCausalLM: a learned position table with 2 extra rows (OPTLearnedPositionalEmbedding.offset). */
  OPT("opt") {
    @Override
    void fill(HfConfig c) throws SpecException {
      long[] dh = common(c);
      c.size(CONTEXT, "max_position_embeddings");
      c.set(KV_HEADS, dh[1], "num_attention_heads");
      c.set(HEAD_DIM, divide(c, dh[0], dh[1], "num_attention_heads"), "num_attention_heads");
      c.size(D_FF, "ffn_dim");
      if (c.has("word_embed_proj_dim") && c.integer("word_embed_proj_dim") != dh[0]) {
        throw c.unsupported("word_embed_proj_dim", "differs from hidden_size: OPT's project_in/project_out "
            + "matrices (as in OPT-350m) are not modelled, so the count would be wrong");
      }
      c.set(POSITIONS, Positions.LEARNED);
      c.set(POSITION_OFFSET, 2L);
      boolean bias = c.flagOr(QKV_BIAS, "enable_bias", true, "OPTConfig default enable_bias = true");
      c.set(ATTN_OUT_BIAS, bias, "enable_bias");
      c.set(FFN_BIAS, bias, "enable_bias");
      c.set(FFN, FfnKind.MLP);
      c.set(NORM, c.flag("layer_norm_elementwise_affine", true) ? Norm.LAYERNORM : Norm.NONPARAMETRIC,
          "layer_norm_elementwise_affine");
      c.set(NORMS_PER_LAYER, 2L);
      boolean before = c.has("do_layer_norm_before") ? c.flag("do_layer_norm_before", true) : true;
      if (!c.has("do_layer_norm_before")) {
        c.defaults().add(new AppliedDefault(FINAL_NORM.name(), "OPTConfig default do_layer_norm_before = true"));
      }
      c.set(FINAL_NORM, before && !c.flag("_remove_final_layer_norm", false), "do_layer_norm_before");
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", true, "transformers default tie_word_embeddings = true");
    }
  },
  /**
   * FalconForCausalLM, and its predecessors RefinedWebModel (7B) and RefinedWeb (40B, the "new
   * decoder architecture"): fused QKV of (heads + 2·kv_heads)·head_dim, one shared LayerNorm per
   * parallel block (two for the new architecture), tied head.
   */
  FALCON("falcon", "RefinedWebModel", "RefinedWeb") {
    @Override
    void fill(HfConfig c) throws SpecException {
      c.size(LAYERS, "num_hidden_layers", "n_layer");
      long d = c.size(D_MODEL, "hidden_size");
      long heads = c.size(HEADS, "num_attention_heads", "n_head");
      c.size(VOCAB, "vocab_size");
      c.optionalSize(CONTEXT, "max_position_embeddings");
      c.set(HEAD_DIM, divide(c, d, heads, "num_attention_heads"), "num_attention_heads");
      boolean newDecoder = c.flag("new_decoder_architecture", "RefinedWeb".equals(c.modelType()));
      if (newDecoder) {
        c.size(KV_HEADS, "num_kv_heads", "n_head_kv");
        c.sizeOr(NORMS_PER_LAYER, "num_ln_in_parallel_attn", 2, "FalconConfig: ln_attn and ln_mlp");
      } else {
        boolean mqa = c.flag("multi_query", true);
        if (!c.has("multi_query")) {
          c.defaults().add(new AppliedDefault(KV_HEADS.name(), "FalconConfig default multi_query = true"));
        }
        c.set(KV_HEADS, mqa ? 1L : heads, "multi_query");
        boolean parallel = c.flag("parallel_attn", true);
        if (!c.has("parallel_attn")) {
          c.defaults().add(new AppliedDefault(NORMS_PER_LAYER.name(), "FalconConfig default parallel_attn = true"));
        }
        c.set(NORMS_PER_LAYER, parallel ? 1L : 2L, "parallel_attn");
      }
      c.sizeOr(D_FF, "ffn_hidden_size", Math.multiplyExact(4L, d), "4 · hidden_size");
      boolean alibi = c.flag("alibi", false);
      if (!c.has("alibi")) {
        c.defaults().add(new AppliedDefault(POSITIONS.name(), "FalconConfig default alibi = false"));
      }
      c.set(POSITIONS, alibi ? Positions.ALIBI : Positions.ROTARY, "alibi");
      c.set(FFN, FfnKind.MLP);
      c.set(NORM, Norm.LAYERNORM);
      c.set(FINAL_NORM, true);
      boolean bias = c.flagOr(QKV_BIAS, "bias", false, "FalconConfig default bias = false");
      c.set(ATTN_OUT_BIAS, bias, "bias");
      c.set(FFN_BIAS, bias, "bias");
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", true, "transformers default tie_word_embeddings = true");
    }
  },
  /** PhiForCausalLM: parallel block with one LayerNorm, biases everywhere, untied head with a bias. */
  PHI("phi") {
    @Override
    void fill(HfConfig c) throws SpecException {
      long[] dh = common(c);
      c.sizeOr(KV_HEADS, "num_key_value_heads", dh[1], "num_attention_heads");
      c.set(HEAD_DIM, divide(c, dh[0], dh[1], "num_attention_heads"), "num_attention_heads");
      c.size(D_FF, "intermediate_size");
      if (c.flag("qk_layernorm", false)) {
        throw c.unsupported("qk_layernorm", "per-head query/key LayerNorms are not modelled, so the count would be wrong");
      }
      c.set(POSITIONS, Positions.ROTARY);
      plain(c, FfnKind.MLP, Norm.LAYERNORM, true);
      c.set(NORMS_PER_LAYER, 1L);
      c.set(OUTPUT_BIAS, true);
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", false, "PhiConfig default tie_word_embeddings = false");
    }
  },
  /** BloomForCausalLM: ALiBi, a LayerNorm right after the embedding, d_ff fixed at 4 · hidden_size. */
  BLOOM("bloom") {
    @Override
    void fill(HfConfig c) throws SpecException {
      c.size(LAYERS, "n_layer", "num_hidden_layers");
      long d = c.size(D_MODEL, "hidden_size", "n_embed");
      long heads = c.size(HEADS, "n_head", "num_attention_heads");
      c.size(VOCAB, "vocab_size");
      c.set(KV_HEADS, heads, "n_head");
      c.set(HEAD_DIM, divide(c, d, heads, "n_head"), "n_head");
      c.set(D_FF, Math.multiplyExact(4L, d), "hidden_size");
      c.set(POSITIONS, Positions.ALIBI);
      plain(c, FfnKind.MLP, Norm.LAYERNORM, true);
      c.set(EMBEDDING_NORM, true);
      c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", true, "transformers default tie_word_embeddings = true");
    }
  };

  private final String[] names;

  HfModelType(String... names) {
    this.names = names;
  }

  abstract void fill(HfConfig c) throws SpecException;

  String canonical() {
    return names[0];
  }

  static HfModelType of(String modelType) {
    for (HfModelType t : values()) {
      for (String n : t.names) {
        if (n.equals(modelType)) {
          return t;
        }
      }
    }
    return null;
  }

  static String supported() {
    return Arrays.stream(values()).map(HfModelType::canonical).collect(Collectors.joining(", "));
  }

  /** layers, d_model, heads, vocab and context under their usual transformers names; returns {d_model, heads}. */
  static long[] common(HfConfig c) throws SpecException {
    c.size(LAYERS, "num_hidden_layers");
    long d = c.size(D_MODEL, "hidden_size");
    long heads = c.size(HEADS, "num_attention_heads");
    c.size(VOCAB, "vocab_size");
    c.optionalSize(CONTEXT, "max_position_embeddings");
    return new long[] {d, heads};
  }

  /**
   * The block layout most families share: the feed-forward kind, the norm, two norms per layer
   * (before attention and before the feed-forward) and a final norm, and biases everywhere or nowhere.
   */
  static void plain(HfConfig c, FfnKind ffn, Norm norm, boolean bias) {
    c.set(FFN, ffn);
    c.set(NORM, norm);
    c.set(NORMS_PER_LAYER, 2L);
    c.set(FINAL_NORM, true);
    c.set(QKV_BIAS, bias);
    c.set(ATTN_OUT_BIAS, bias);
    c.set(FFN_BIAS, bias);
  }

  /** The LLaMA family: GQA with an optional explicit head_dim, SwiGLU, RMSNorm, rotary, untied head. */
  static void llamaLike(HfConfig c) throws SpecException {
    long[] dh = common(c);
    c.sizeOr(KV_HEADS, "num_key_value_heads", dh[1], "num_attention_heads");
    if (c.has("head_dim")) {
      c.size(HEAD_DIM, "head_dim");
    } else {
      c.set(HEAD_DIM, divide(c, dh[0], dh[1], "num_attention_heads"), "num_attention_heads");
    }
    c.size(D_FF, "intermediate_size");
    c.set(POSITIONS, Positions.ROTARY);
    plain(c, FfnKind.GATED, Norm.RMSNORM, false);
    c.flagOr(TIED_EMBEDDINGS, "tie_word_embeddings", false, "transformers default tie_word_embeddings = false");
  }

  /** attention_bias (default false) puts biases on Q, K, V and the output projection together. */
  static void attentionBias(HfConfig c, String configClass) throws SpecException {
    boolean bias = c.flagOr(QKV_BIAS, "attention_bias", false, configClass + " default attention_bias = false");
    c.set(ATTN_OUT_BIAS, bias, "attention_bias");
  }

  /** hidden_size / heads, as transformers computes head_dim; refused when it is not whole. */
  static long divide(HfConfig c, long dModel, long heads, String headsField) throws SpecException {
    if (heads < 1 || dModel % heads != 0) {
      throw c.unsupported(headsField, "(" + heads + ") does not divide hidden_size (" + dModel + ") and the config has no head_dim");
    }
    return dModel / heads;
  }

  @Override
  public String toString() {
    return canonical().toLowerCase(Locale.ROOT);
  }
}
