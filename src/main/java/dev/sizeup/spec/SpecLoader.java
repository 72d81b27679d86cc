package dev.sizeup.spec;

import java.nio.file.Path;

/**
 * Loads specs in two stages: the document is parsed into a {@link Node} tree that keeps what was
 * written and where (stage one), then resolved against the {@link Key} descriptions: unknown keys
 * refused with a "did you mean", defaults applied and recorded, cross-field rules checked (stage
 * two). A JSON document with a {@code model_type} is a Hugging Face config and is imported instead.
 */
public final class SpecLoader {
  private SpecLoader() {}

  /**
   * Loads one source.
   *
   * @param name the model's name, overriding the spec's or the derived one; null to keep it
   */
  public static Spec load(Source source, String name) throws SpecException {
    Node root = Documents.parse(source.text(), source.display(), source.format());
    Spec spec;
    if (HuggingFaceImporter.isConfig(root)) {
      String nameOrPath = root instanceof Node.Mapping m && m.get("_name_or_path") instanceof Node.Scalar s
          && s.kind() == Node.Kind.STRING ? s.text() : null;
      Key.Default<String> derived = name != null ? new Key.Default<>(name, null) : Names.forConfig(source, nameOrPath);
      return HuggingFaceImporter.fromTree((Node.Mapping) root, source.display(), derived);
    }
    if (HuggingFaceImporter.looksLikeConfig(root)) {
      throw new SpecException(source.display(), root.location(), "model_type",
          "this looks like a Hugging Face config.json but has no model_type, which names the model class "
              + "(e.g. \"llama\"); a sizeup spec has an architecture mapping instead");
    }
    spec = SpecResolver.resolve(root, source.display(), Names.forSpec(source));
    if (name != null) {
      spec = new Spec(name, spec.source(), spec.file(), spec.architecture(), spec.tokens(), spec.expected(),
          spec.defaults().stream().filter(d -> !d.key().equals("name")).toList(), spec.locator());
    }
    return spec;
  }

  /** Loads the spec or config at {@code path}. */
  public static Spec load(Path path) throws SpecException {
    return load(Inputs.read(path), null);
  }

  /** Resolves YAML spec text; {@code file} names it in diagnostics and output. */
  public static Spec parse(String text, String file) throws SpecException {
    return load(new Source(file, text, null, Source.Kind.FILE), null);
  }
}
