package dev.sizeup.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code config.json} being read into architecture values: typed, located access
 * to its fields, and the architecture keys they set. A missing field with a transformers default
 * takes it, and the default is recorded; a missing field without one is an error naming the field.
 * Each key remembers the field it came from, so that a value the architecture refuses is reported
 * at that field's line.
 */
final class HfConfig {
  private final Node.Mapping root;
  private final String file;
  private final String modelType;
  private final Locator locator;
  /** The config's path within the file: "" at the top, "text_config." for a multimodal model's language model. */
  private final String prefix;
  private final List<AppliedDefault> defaults = new ArrayList<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  /** Every field the model type consulted, so that one it did not can be checked for a count it would change. */
  private final java.util.Set<String> reads = new java.util.HashSet<>();
  /** Layers whose block differs from the architecture's, in layer order; empty when every layer is alike. */
  private final List<Run> runs = new ArrayList<>();
  /** Which config field each dotted architecture key came from. */
  private final Map<String, String> origin = new HashMap<>();
  /** Sizes the config class fills in when the file leaves them out (e.g. Gemma3TextConfig's), and whose. */
  private final Map<String, Long> classDefaults = new HashMap<>();
  private String classDefaultsOwner = "";

  HfConfig(Node.Mapping root, String file, String modelType) {
    this(root, file, modelType, Locator.of(root), "");
  }

  /**
   * @param root the mapping holding the model's fields
   * @param locator locates keys in the whole file
   * @param prefix the path of {@code root} within the file, ending in a dot, or ""
   */
  HfConfig(Node.Mapping root, String file, String modelType, Locator locator, String prefix) {
    this.root = root;
    this.file = file;
    this.modelType = modelType;
    this.locator = locator;
    this.prefix = prefix;
  }

  /** A field's name as the user sees it in the file. */
  private String path(String field) {
    return prefix + field;
  }

  /**
   * Layers whose block is the architecture's block changed by {@code change} (identity: unchanged).
   *
   * @param field the config field that decides which layers they are, for diagnostics
   */
  record Run(long layers, java.util.function.UnaryOperator<Block> change, String field) {}

  /** Declares the model's layers as runs of alike layers, in layer order; runs of no layers are dropped. */
  void layers(List<Run> plan) {
    runs.clear();
    plan.stream().filter(r -> r.layers() > 0).forEach(runs::add);
  }

  List<Run> runs() {
    return runs;
  }

  List<AppliedDefault> defaults() {
    return defaults;
  }

  Map<String, Object> values() {
    return values;
  }

  String modelType() {
    return modelType;
  }

  boolean has(String field) {
    reads.add(field);
    Node n = root.get(field);
    return n != null && !(n instanceof Node.Scalar s && s.isNull());
  }

  // ---- setting architecture keys ------------------------------------------------------------------

  /** Sets {@code key} to a value the importer decided, from {@code field} (null: fixed by the model type). */
  <T> T set(Key<Architecture, T> key, T value, String field) {
    values.put(key.name(), value);
    if (field != null) {
      origin.put("architecture." + key.name(), field);
    }
    return value;
  }

  <T> T set(Key<Architecture, T> key, T value) {
    return set(key, value, null);
  }

  /**
   * Declares the sizes the config class defaults to when a field is absent, as transformers fills
   * them in (a multimodal config's text_config often names only the sizes that differ).
   */
  void classDefaults(String owner, Map<String, Long> sizes) {
    classDefaultsOwner = owner;
    classDefaults.putAll(sizes);
  }

  /**
   * Sets {@code key} from the first present field among {@code names}, else from the config class's
   * default for the first name (recorded); missing without a default is an error.
   */
  long size(Key<Architecture, Long> key, String... names) throws SpecException {
    for (String name : names) {
      if (has(name)) {
        return set(key, integer(name), name);
      }
    }
    Long fallback = classDefaults.get(names[0]);
    if (fallback != null) {
      defaults.add(new AppliedDefault(key.name(), classDefaultsOwner + " default " + names[0] + " = " + fallback));
      return set(key, fallback);
    }
    throw new SpecException(file, here(), path(names[0]),
        "missing field (needed for " + key.name() + " by model_type " + modelType + ")");
  }

  /** Sets {@code key} from {@code name}, or to {@code fallback} recorded as a default with {@code rule}. */
  long sizeOr(Key<Architecture, Long> key, String name, long fallback, String rule) throws SpecException {
    if (has(name)) {
      return set(key, integer(name), name);
    }
    defaults.add(new AppliedDefault(key.name(), rule));
    return set(key, fallback);
  }

  /** Sets {@code key} from {@code name} when present (an optional size such as the context). */
  void optionalSize(Key<Architecture, Long> key, String name) throws SpecException {
    if (has(name)) {
      set(key, integer(name), name);
    }
  }

  /** Sets a boolean key from {@code name}, or to the transformers default recorded with {@code rule}. */
  boolean flagOr(Key<Architecture, Boolean> key, String name, boolean fallback, String rule) throws SpecException {
    if (!has(name)) {
      defaults.add(new AppliedDefault(key.name(), rule));
      return set(key, fallback);
    }
    return set(key, flag(name, fallback), name);
  }

  /** Records that {@code key} (dotted, e.g. {@code moe.top_k}) came from {@code field}. */
  void origin(String key, String field) {
    origin.put("architecture." + key, field);
  }

  // ---- reading fields -----------------------------------------------------------------------------

  /** A boolean field, or {@code fallback} when absent. */
  boolean flag(String name, boolean fallback) throws SpecException {
    if (!has(name)) {
      return fallback;
    }
    Node n = root.get(name);
    try {
      return Key.Flag.INSTANCE.read(n);
    } catch (IllegalArgumentException e) {
      throw new SpecException(file, n.location(), path(name), e.getMessage());
    }
  }

  /** An integer field's value; a missing (or null) field is an error naming it. */
  long integer(String name) throws SpecException {
    if (!has(name)) {
      throw new SpecException(file, here(), path(name), "missing field (needed by model_type " + modelType + ")");
    }
    Node n = root.get(name);
    try {
      return Key.Size.NON_NEGATIVE.read(n);
    } catch (IllegalArgumentException e) {
      throw new SpecException(file, n.location(), path(name), e.getMessage().replace("an integer >= 0", "an integer"));
    }
  }

  /** An integer field that sets no key by itself, or {@code fallback} recorded as a default of {@code key}. */
  long integerOr(String name, long fallback, String key, String rule) throws SpecException {
    if (has(name)) {
      return integer(name);
    }
    defaults.add(new AppliedDefault(key, rule));
    return fallback;
  }

  /** A list of integers (e.g. layer indices); an absent or null field is empty. */
  List<Long> integers(String name) throws SpecException {
    if (!has(name)) {
      return List.of();
    }
    Node n = root.get(name);
    if (!(n instanceof Node.Sequence seq)) {
      throw new SpecException(file, n.location(), path(name), "expected a list of integers");
    }
    List<Long> out = new ArrayList<>();
    for (Node item : seq.items()) {
      try {
        out.add(Key.Size.NON_NEGATIVE.read(item));
      } catch (IllegalArgumentException e) {
        throw new SpecException(file, item.location(), path(name), e.getMessage());
      }
    }
    return out;
  }

  /** The fields the model type consulted. */
  java.util.Set<String> reads() {
    return reads;
  }

  /** The config's top-level fields. */
  java.util.Set<String> fields() {
    return root.keys();
  }

  /** The field's node, or null. */
  Node node(String field) {
    return root.get(field);
  }

  /** The value a key was set to (a step may depend on an earlier one). */
  @SuppressWarnings("unchecked")
  <T> T value(Key<Architecture, T> key) {
    if (!values.containsKey(key.name())) {
      throw new IllegalStateException("the importer reads " + key.name() + " before setting it");
    }
    return (T) values.get(key.name());
  }

  /** Where the model's fields are: the top of the file, or the nested config. */
  private Location here() {
    return locator.locate(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
  }

  /** A string field, or null when absent or not a string. */
  String text(String name) {
    reads.add(name);
    return root.get(name) instanceof Node.Scalar s && s.kind() == Node.Kind.STRING ? s.text() : null;
  }

  /** An error about a value the config holds, refusing a feature that cannot be counted exactly. */
  SpecException unsupported(String field, String why) {
    return new SpecException(file, locator.locate(path(field)), path(field), why);
  }

  /** Points a value the architecture refused back at the config field it came from. */
  SpecException rejected(InvalidValueException e) {
    String field = origin.get(e.key());
    if (field == null) {
      return new SpecException(file, here(), e.key(), e.detail());
    }
    return new SpecException(file, locator.locate(path(field)), path(field), e.detail() + " (" + e.key() + ")");
  }
}
