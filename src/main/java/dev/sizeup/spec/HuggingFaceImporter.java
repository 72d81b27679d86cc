package dev.sizeup.spec;

import java.util.List;
import java.util.Set;

/** Reads a Hugging Face {@code config.json} into a resolved {@link Spec}. */
final class HuggingFaceImporter {
  private HuggingFaceImporter() {}

  /** Fields that only a transformers config has; a JSON document with one of them and no model_type is a broken config. */
  private static final Set<String> CONFIG_FIELDS = Set.of("architectures", "transformers_version", "hidden_size",
      "num_hidden_layers", "num_attention_heads", "n_layer", "n_embd", "n_head", "vocab_size", "torch_dtype");

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
    Node typeNode = root.get("model_type");
    if (!(typeNode instanceof Node.Scalar s) || s.kind() != Node.Kind.STRING) {
      throw new SpecException(file, typeNode == null ? root.location() : typeNode.location(), "model_type",
          "expected a Hugging Face model_type string; supported: " + HfModelType.supported());
    }
    String modelType = s.text();
    HfModelType type = HfModelType.of(modelType);
    if (type == null) {
      throw new SpecException(file, typeNode.location(), "model_type",
          "unsupported model_type '" + Text.clip(modelType, 40) + "'; supported: " + HfModelType.supported());
    }
    HfConfig config = new HfConfig(root, file, modelType);
    Architecture architecture;
    try {
      type.fill(config);
      architecture = Architecture.from(KeyResolver.ofValues(Architecture.KEYS, config.values(), "architecture"));
    } catch (InvalidValueException e) {
      throw config.rejected(e);
    } catch (ArithmeticException e) {
      throw new SpecException(file, root.location(), null, "sizes too large: a count overflows 64 bits");
    }
    List<AppliedDefault> defaults = new java.util.ArrayList<>(config.defaults());
    if (name.rule() != null) {
      defaults.add(0, new AppliedDefault("name", name.rule()));
    }
    String source = "Hugging Face config.json (model_type " + modelType + ")";
    return new Spec(name.value(), source, file, architecture, null, null, defaults, Locator.of(root));
  }
}
