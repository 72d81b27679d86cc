package dev.sizeup.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a Hugging Face {@code config.json} into a resolved {@link Spec}. */
final class HuggingFaceImporter {
  private HuggingFaceImporter() {}

  /** Fields that only a transformers config has; a JSON document with one of them and no model_type is a broken config. */
  private static final Set<String> CONFIG_FIELDS = Set.of("architectures", "transformers_version", "hidden_size",
      "num_hidden_layers", "num_attention_heads", "n_layer", "n_embd", "n_head", "vocab_size", "torch_dtype");

  /** Model types that are not decoder-only transformers, and what they are instead. */
  private static final Map<String, String> NOT_DECODERS = new LinkedHashMap<>();

  static {
    for (String t : List.of("mamba", "mamba2", "falcon_mamba")) {
      NOT_DECODERS.put(t, "a state-space model (Mamba), not a transformer");
    }
    for (String t : List.of("rwkv", "rwkv5", "rwkv6", "rwkv7")) {
      NOT_DECODERS.put(t, "a recurrent network (RWKV), not a transformer");
    }
    for (String t : List.of("jamba", "zamba", "zamba2", "bamba", "nemotron_h", "granitemoehybrid", "falcon_h1",
        "lfm2", "plamo2", "recurrent_gemma", "hunyuan_v1_moe_hybrid")) {
      NOT_DECODERS.put(t, "a hybrid of attention and state-space or recurrent layers");
    }
    for (String t : List.of("t5", "mt5", "umt5", "longt5", "switch_transformers", "bart", "mbart", "pegasus",
        "marian", "whisper", "encoder-decoder", "flan-t5", "prophetnet", "led")) {
      NOT_DECODERS.put(t, "an encoder-decoder");
    }
    for (String t : List.of("bert", "roberta", "xlm-roberta", "deberta", "deberta-v2", "electra", "distilbert",
        "modernbert", "albert")) {
      NOT_DECODERS.put(t, "an encoder-only model");
    }
  }

  /**
   * Fields that change a count when set, and that a model type must read to be counted right. A
   * family that does not read one, while the config sets it, is refused: such a config usually
   * comes with its own modelling code ({@code auto_map}) that builds a different model than its
   * {@code model_type} says (a llama config with num_experts is not LlamaForCausalLM's model).
   */
  private static final List<String> COUNT_CHANGING = List.of("num_experts", "num_local_experts", "n_routed_experts",
      "moe_num_experts", "moe_intermediate_size", "shared_expert_intermediate_size", "n_shared_experts",
      "num_shared_experts", "first_k_dense_replace", "moe_layer_freq", "decoder_sparse_step", "mlp_only_layers",
      "num_dense_layers", "interleave_moe_layer_step", "q_lora_rank", "kv_lora_rank", "qk_nope_head_dim",
      "qk_rope_head_dim", "v_head_dim", "qk_layernorm", "use_qk_norm", "qk_norm", "attention_bias", "mlp_bias",
      "use_bias", "use_qkv_bias", "add_bias_linear", "parallel_attn", "use_parallel_residual", "parallel_residual",
      "cross_attention_layers", "lm_head_bias");

  /** True when {@code root} is a transformers config: a JSON object with a model_type. */
  static boolean isConfig(Node root) {
    return root instanceof Node.Mapping m && m.keys().contains("model_type");
  }

  /** True when {@code root} has a config's fields but no model_type (and is not a spec). */
  static boolean looksLikeConfig(Node root) {
    return root instanceof Node.Mapping m && !m.keys().contains("architecture")
        && m.keys().stream().anyMatch(CONFIG_FIELDS::contains);
  }

  static Spec fromTree(Node.Mapping root, String file, Key.Default<String> name) throws SpecException {
    String modelType = modelType(root, file);
    if (NOT_DECODERS.containsKey(modelType)) {
      throw new SpecException(file, root.get("model_type").location(), "model_type", "'" + modelType + "' is "
          + NOT_DECODERS.get(modelType) + "; sizeup counts decoder-only transformers");
    }
    if (root.get("is_encoder_decoder") instanceof Node.Scalar s && s.kind() == Node.Kind.BOOLEAN
        && s.text().equalsIgnoreCase("true")) {
      throw new SpecException(file, s.location(), "is_encoder_decoder",
          "the model is an encoder-decoder; sizeup counts decoder-only transformers");
    }
    // a multimodal config nests its language model's config in text_config
    Node.Mapping config = root;
    String prefix = "";
    String nested = null;
    if (root.get("text_config") instanceof Node.Mapping text) {
      config = text;
      prefix = "text_config.";
      nested = text.get("model_type") instanceof Node.Scalar t && t.kind() == Node.Kind.STRING ? t.text() : null;
    }
    String type = nested != null ? nested : modelType;
    HfModelType family = HfModelType.of(type);
    if (family == null && nested == null) {
      family = HfModelType.of(type + "_text");
    }
    if (family == null) {
      throw new SpecException(file, root.get("model_type").location(), "model_type",
          "unsupported model_type '" + Text.clip(type, 40) + "'; supported: " + HfModelType.supported());
    }
    HfConfig c = new HfConfig(config, file, type, Locator.of(root), prefix);
    Architecture architecture;
    try {
      family.fill(c);
      refuseUnread(c);
      Architecture plain = Architecture.from(KeyResolver.ofValues(Architecture.KEYS, c.values(), "architecture"));
      Long window = c.has("sliding_window") && !(c.has("use_sliding_window") && !c.flag("use_sliding_window", true))
          ? c.integer("sliding_window") : null;
      boolean[] sliding = window == null || window < 1 ? null : HfWindows.sliding(family, c, plain.layers());
      architecture = sliding == null ? withRuns(plain, c.runs()) : withWindows(plain, c.runs(), sliding, window);
    } catch (InvalidValueException e) {
      throw c.rejected(e);
    } catch (ArithmeticException e) {
      throw new SpecException(file, root.location(), null, "sizes too large: a count overflows 64 bits");
    }
    List<AppliedDefault> defaults = new java.util.ArrayList<>(c.defaults());
    if (name.rule() != null) {
      defaults.add(0, new AppliedDefault("name", name.rule()));
    }
    String source = "Hugging Face config.json (model_type " + modelType + ")";
    if (!prefix.isEmpty()) {
      source += "; the language model in text_config (model_type " + type + "), without the vision tower";
    }
    return new Spec(name.value(), source, file, architecture, null, null, defaults, Locator.of(root));
  }

  /**
   * The architecture with its layers in groups when the family declared layers that differ; one run
   * of unchanged layers is no group at all.
   */
  private static Architecture withRuns(Architecture a, List<HfConfig.Run> runs) {
    if (runs.isEmpty()) {
      return a;
    }
    List<Group> groups = new java.util.ArrayList<>();
    for (HfConfig.Run r : runs) {
      Block b = r.change().apply(a.block());
      Group last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last != null && last.block().equals(b)) {
        groups.set(groups.size() - 1, new Group(Math.addExact(last.layers(), r.layers()), b));
      } else {
        groups.add(new Group(r.layers(), b));
      }
    }
    if (groups.size() == 1) { // every layer alike: their block is the architecture's
      return new Architecture(a.layers(), a.dModel(), a.vocab(), a.context(), groups.get(0).block(), a.norms(),
          a.embeddings());
    }
    return new Architecture(a.layers(), a.dModel(), a.vocab(), a.context(), a.block(), a.norms(), a.embeddings(),
        groups);
  }

  /**
   * The architecture with the sliding layers' attention windowed: each layer's block (its run's, and
   * windowed when it slides), gathered into groups of equal blocks in the order they first appear.
   */
  private static Architecture withWindows(Architecture a, List<HfConfig.Run> runs, boolean[] sliding, long window) {
    java.util.LinkedHashMap<Block, Long> groups = new java.util.LinkedHashMap<>();
    int layer = 0;
    List<HfConfig.Run> plan = runs.isEmpty() ? List.of(new HfConfig.Run(a.layers(), b -> b, "")) : runs;
    for (HfConfig.Run r : plan) {
      Block base = r.change().apply(a.block());
      for (long i = 0; i < r.layers(); i++, layer++) {
        Block b = sliding[layer] ? base.withWindow(window) : base;
        groups.merge(b, 1L, Long::sum);
      }
    }
    if (groups.size() == 1) {
      return new Architecture(a.layers(), a.dModel(), a.vocab(), a.context(), groups.keySet().iterator().next(),
          a.norms(), a.embeddings());
    }
    List<Group> list = new java.util.ArrayList<>();
    groups.forEach((b, n) -> list.add(new Group(n, b)));
    return new Architecture(a.layers(), a.dModel(), a.vocab(), a.context(), list.get(0).block(), a.norms(),
        a.embeddings(), list);
  }

  private static String modelType(Node.Mapping root, String file) throws SpecException {
    Node typeNode = root.get("model_type");
    if (!(typeNode instanceof Node.Scalar s) || s.kind() != Node.Kind.STRING) {
      throw new SpecException(file, typeNode == null ? root.location() : typeNode.location(), "model_type",
          "expected a Hugging Face model_type string; supported: " + HfModelType.supported());
    }
    return s.text();
  }

  /** Refuses a set count-changing field that the family did not read. */
  private static void refuseUnread(HfConfig c) throws SpecException {
    for (String field : COUNT_CHANGING) {
      if (!c.reads().contains(field) && c.fields().contains(field) && active(c.node(field))) {
        throw c.unsupported(field, "changes the count, but model_type " + c.modelType() + " does not use it; "
            + "the config may need its own modelling code (auto_map), which sizeup cannot count");
      }
    }
  }

  /** A field's value that turns a feature on: true, a positive number, a non-empty list or string. */
  private static boolean active(Node n) {
    if (n instanceof Node.Sequence s) {
      return !s.items().isEmpty();
    }
    if (!(n instanceof Node.Scalar s) || s.isNull()) {
      return n instanceof Node.Mapping;
    }
    return switch (s.kind()) {
      case BOOLEAN -> s.text().equalsIgnoreCase("true");
      case INTEGER, DECIMAL -> !s.text().matches("[+-]?0*(\\.0*)?([eE].*)?");
      case STRING -> !s.text().isEmpty();
      case NULL -> false;
    };
  }
}
