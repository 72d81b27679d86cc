package dev.sizeup.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the keys of one mapping (the architecture, or a group inside it) by their
 * {@link Key} descriptions: a key the input gives is read strictly, a key it leaves out takes its
 * default, resolved on first use so that a default may depend on other keys, and is recorded for
 * the defaults report. Keys the descriptions do not know are refused with a "did you mean".
 *
 * <p>The input is either a parsed document ({@link Node.Mapping}) or, for an importer, typed values
 * by key name; an importer must set every key that has no "absent" value, so a knob added later is
 * off for every imported model until its importer says otherwise.
 */
final class KeyResolver<O> implements Key.Values {
  private final List<Key<O, ?>> keys;
  private final String path;
  private final String label;
  private final Node.Mapping node;
  private final Location anchor;
  private final Map<String, Object> typed;
  private final List<AppliedDefault> notes;
  private final Map<Key<?, ?>, Object> values = new HashMap<>();
  private final Set<Key<?, ?>> resolving = new HashSet<>();

  private KeyResolver(List<Key<O, ?>> keys, String path, String label, Node.Mapping node, Location anchor,
      Map<String, Object> typed, List<AppliedDefault> notes) {
    this.keys = keys;
    this.path = path;
    this.label = label;
    this.node = node;
    this.anchor = anchor;
    this.typed = typed;
    this.notes = notes;
  }

  /**
   * Resolves a written mapping: every key it gives (shorthands included) is read and checked, every
   * other key defaults.
   *
   * @param path   the mapping's dotted key for diagnostics ({@code architecture})
   * @param label  prefix of keys in the defaults report ("" for the architecture, "moe." inside it)
   * @param anchor where a missing key is reported (the mapping's own key)
   */
  static <O> KeyResolver<O> of(List<Key<O, ?>> keys, Node.Mapping node, String path, String label, Location anchor,
      List<AppliedDefault> notes) {
    KeyResolver<O> r = new KeyResolver<>(keys, path, label, node, anchor, null, notes);
    r.refuseUnknownKeys();
    return r;
  }

  /** Resolves an importer's typed values (keys absent from {@code typed} take their "absent" value). */
  static <O> KeyResolver<O> ofValues(List<Key<O, ?>> keys, Map<String, Object> typed, String path) {
    return new KeyResolver<>(keys, path, "", null, Location.UNKNOWN, typed, new java.util.ArrayList<>());
  }

  /**
   * Resolves every key, so that every given value is checked even when nothing needs it; a shorthand
   * is resolved only when given (it is reported as a default only when another key falls back on it).
   */
  KeyResolver<O> resolveAll() {
    for (Key<O, ?> k : keys) {
      if (k.isEchoed() || given(k)) {
        get(k);
      }
    }
    return this;
  }

  private void refuseUnknownKeys() {
    Map<String, Key<O, ?>> known = new LinkedHashMap<>();
    keys.forEach(k -> known.put(k.name(), k));
    for (Node.Entry e : node.entries().values()) {
      if (!known.containsKey(e.key())) {
        throw new Located(path + "." + Text.clip(e.key(), 60), e.keyLocation(),
            Suggestions.unknown("key", e.key(), known.keySet()));
      }
    }
  }

  @Override
  public boolean given(Key<?, ?> key) {
    if (typed != null) {
      return typed.containsKey(key.name());
    }
    Node n = node.get(key.name());
    return n != null && !(n instanceof Node.Scalar s && s.isNull());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Key<?, T> key) {
    if (values.containsKey(key)) {
      return (T) values.get(key);
    }
    if (!keys.contains(key)) {
      throw new IllegalStateException(key + " is not a key of " + path);
    }
    if (!resolving.add(key)) {
      throw new IllegalStateException("the default of " + path + "." + key + " depends on itself");
    }
    T value = resolve((Key<O, T>) key);
    resolving.remove(key);
    values.put(key, value);
    return value;
  }

  @SuppressWarnings("unchecked")
  private <T> T resolve(Key<O, T> key) {
    String dotted = path + "." + key.name();
    if (typed != null) {
      if (typed.containsKey(key.name())) {
        return (T) typed.get(key.name());
      }
      if (key.hasAbsent()) {
        return key.absent();
      }
      throw new IllegalStateException("the importer left " + dotted + " unset");
    }
    if (given(key)) {
      Node n = node.get(key.name());
      if (key.type() instanceof Key.Group<?> g) {
        return (T) group(g, dotted, node.entries().get(key.name()));
      }
      try {
        T value = key.type().read(n);
        if (key.type() instanceof Key.Choice<?> c && c.aliased(((Node.Scalar) n).text()) != null) {
          notes.add(new AppliedDefault(label + key.name(), "'" + Text.clip(((Node.Scalar) n).text(), 40)
              + "' means " + key.type().echo(value), AppliedDefault.Kind.ALIAS));
        }
        return value;
      } catch (IllegalArgumentException e) {
        throw new Located(dotted, n.location(), e.getMessage());
      }
    }
    if (key.isRequired()) {
      throw new Located(dotted, anchor, "required key is missing (expected " + key.type().expected() + ")");
    }
    Key.Default<T> d = key.fallback().apply(this);
    if (d.rule() != null) {
      notes.add(new AppliedDefault(label + key.name(), d.rule()));
    }
    return d.value();
  }

  private <G> G group(Key.Group<G> g, String dotted, Node.Entry entry) {
    if (!(entry.value() instanceof Node.Mapping m)) {
      throw new Located(dotted, entry.value().location(), "expected " + g.expected() + ", got "
          + Node.describe(entry.value()));
    }
    String childLabel = label + entry.key() + ".";
    KeyResolver<G> child = KeyResolver.of(g.keys(), m, dotted, childLabel, entry.keyLocation(), notes);
    child.resolveAll();
    return g.build().apply(child);
  }

  List<AppliedDefault> notes() {
    return notes;
  }
}
