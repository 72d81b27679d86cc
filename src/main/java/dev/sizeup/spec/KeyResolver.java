package dev.sizeup.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the keys of one mapping (the architecture, a nested block such as {@code moe}, or a
 * layer group) by their {@link Key} descriptions: a key the input gives is read strictly, a key it
 * leaves out takes its default, resolved on first use so that a default may depend on other keys, and
 * is recorded for the defaults report. Keys the descriptions do not know are refused with a "did you
 * mean". Keys are looked up by name, so a block key and its lifted architecture form are one key.
 *
 * <p>The input is either a parsed document ({@link Node.Mapping}) or, for an importer, typed values by
 * key name; an importer must set every key that has no "absent" value, so a knob added later is off for
 * every imported model until its importer says otherwise. A layer group's resolver inherits every key
 * its mapping leaves out from the architecture's resolver, and reads an explicit null as "absent"
 * ({@code moe: null} makes a group dense).
 */
final class KeyResolver implements Key.Values {
  private final Map<String, Key<?, ?>> keys = new LinkedHashMap<>();
  private final String path;
  private final String label;
  private final Node.Mapping node;
  private final Location anchor;
  private final Map<String, Object> typed;
  private final KeyResolver parent;
  private final List<AppliedDefault> notes;
  private final Map<String, Object> values = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();

  private KeyResolver(List<? extends Key<?, ?>> keys, String path, String label, Node.Mapping node, Location anchor,
      Map<String, Object> typed, KeyResolver parent, List<AppliedDefault> notes) {
    keys.forEach(k -> this.keys.put(k.name(), k));
    this.path = path;
    this.label = label;
    this.node = node;
    this.anchor = anchor;
    this.typed = typed;
    this.parent = parent;
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
  static KeyResolver of(List<? extends Key<?, ?>> keys, Node.Mapping node, String path, String label, Location anchor,
      List<AppliedDefault> notes) {
    KeyResolver r = new KeyResolver(keys, path, label, node, anchor, null, null, notes);
    r.refuseUnknownKeys();
    return r;
  }

  /** Resolves an importer's typed values (keys absent from {@code typed} take their "absent" value). */
  static KeyResolver ofValues(List<? extends Key<?, ?>> keys, Map<String, Object> typed, String path) {
    return new KeyResolver(keys, path, "", null, Location.UNKNOWN, typed, null, new ArrayList<>());
  }

  /**
   * Resolves every key, so that every given value is checked even when nothing needs it; a shorthand
   * is resolved only when given (it is reported as a default only when another key falls back on it).
   */
  KeyResolver resolveAll() {
    for (Key<?, ?> k : keys.values()) {
      if (k.isEchoed() || given(k)) {
        get(k);
      }
    }
    return this;
  }

  private void refuseUnknownKeys() {
    for (Node.Entry e : node.entries().values()) {
      if (!keys.containsKey(e.key())) {
        throw new Located(path + "." + Text.clip(e.key(), 60), e.keyLocation(),
            Suggestions.unknown("key", e.key(), keys.keySet()));
      }
    }
  }

  @Override
  public boolean given(Key<?, ?> key) {
    if (typed != null) {
      return typed.containsKey(key.name());
    }
    Node n = node.get(key.name());
    return n != null && (parent != null || !(n instanceof Node.Scalar s && s.isNull()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Key<?, T> key) {
    String name = key.name();
    if (values.containsKey(name)) {
      return (T) values.get(name);
    }
    Key<?, T> own = (Key<?, T>) keys.get(name);
    if (own == null) {
      throw new IllegalStateException(name + " is not a key of " + path);
    }
    if (!resolving.add(name)) {
      throw new IllegalStateException("the default of " + path + "." + name + " depends on itself");
    }
    T value = resolve(own);
    resolving.remove(name);
    values.put(name, value);
    return value;
  }

  @SuppressWarnings("unchecked")
  private <T> T resolve(Key<?, T> key) {
    String dotted = path + "." + key.name();
    if (typed != null) {
      if (typed.containsKey(key.name())) {
        Object v = typed.get(key.name());
        return key.type() instanceof Key.Groups ? (T) groups(dotted, (List<Map<String, Object>>) v, null) : (T) v;
      }
      if (inherits(key)) {
        return parent.get(key);
      }
      if (key.hasAbsent()) {
        return key.absent();
      }
      throw new IllegalStateException("the importer left " + dotted + " unset");
    }
    if (given(key)) {
      Node n = node.get(key.name());
      if (n instanceof Node.Scalar s && s.isNull()) {
        if (!key.hasAbsent()) {
          throw new Located(dotted, n.location(), "a group can leave " + key.name() + " out, but cannot clear it");
        }
        return key.absent();
      }
      if (key.type() instanceof Key.Nested<?> nested) {
        return (T) nested(nested, dotted, node.entries().get(key.name()));
      }
      if (key.type() instanceof Key.Groups) {
        return (T) groups(dotted, null, node.entries().get(key.name()));
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
    if (inherits(key)) {
      return parent.get(key);
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

  private <G> G nested(Key.Nested<G> g, String dotted, Node.Entry entry) {
    if (!(entry.value() instanceof Node.Mapping m)) {
      throw new Located(dotted, entry.value().location(), "expected " + g.expected() + ", got "
          + Node.describe(entry.value()));
    }
    String childLabel = label + entry.key() + ".";
    KeyResolver child = KeyResolver.of(g.keys(), m, dotted, childLabel, entry.keyLocation(), notes);
    child.resolveAll();
    return g.build().apply(child);
  }

  /** Layer groups, from a written list or an importer's list of overrides by key name. */
  private List<Group> groups(String dotted, List<Map<String, Object>> typedGroups, Node.Entry entry) {
    List<Group> out = new ArrayList<>();
    if (typedGroups != null) {
      for (int i = 0; i < typedGroups.size(); i++) {
        KeyResolver child = new KeyResolver(Group.KEYS, dotted + "[" + i + "]", "", null, Location.UNKNOWN,
            typedGroups.get(i), this, notes);
        out.add(Group.from(child.resolveAll()));
      }
      return out;
    }
    if (!(entry.value() instanceof Node.Sequence list) || list.items().isEmpty()) {
      throw new Located(dotted, entry.value().location(), "expected " + Key.Groups.INSTANCE.expected() + ", got "
          + Node.describe(entry.value()));
    }
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      String at = dotted + "[" + i + "]";
      if (!(item instanceof Node.Mapping m)) {
        throw new Located(at, item.location(), "expected a mapping with layers and the block keys it overrides, got "
            + Node.describe(item));
      }
      KeyResolver child = new KeyResolver(Group.KEYS, at, "", m, item.location(), null, this, notes);
      child.refuseUnknownKeys();
      out.add(Group.from(child.resolveAll()));
    }
    return out;
  }

  /** A group takes what it leaves out from the architecture, but for its own layer count. */
  private boolean inherits(Key<?, ?> key) {
    return parent != null && key != Group.LAYERS;
  }
}
