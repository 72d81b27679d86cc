package dev.sizeup.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed, strict reading of a parsed document for inputs without {@link Key} descriptions (the
 * top level of a spec, a GPU catalog). Every refusal is a {@link SpecException} at the value's line
 * and column, naming the dotted key.
 */
public final class NodeReader {
  private final String file;

  public NodeReader(String file) {
    this.file = file;
  }

  /** Parses {@code text} as YAML and returns its root. */
  public static Node parseYaml(String text, String file) throws SpecException {
    return Documents.parse(text, file, Documents.Format.YAML);
  }

  public SpecException error(Node at, String key, String detail) {
    return new SpecException(file, at == null ? Location.UNKNOWN : at.location(), key, detail);
  }

  /** {@code node} as a mapping whose keys are all among {@code known} (a "did you mean" otherwise). */
  public Node.Mapping mapping(Node node, String key, List<String> known) throws SpecException {
    if (!(node instanceof Node.Mapping m)) {
      String got = key.isEmpty() && isNull(node) ? "an empty document" : Node.describe(node);
      throw error(node, key, "expected a mapping with keys " + String.join(", ", known) + ", got " + got);
    }
    for (Map.Entry<String, Node.Entry> e : m.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        String child = key.isEmpty() ? e.getKey() : key + "." + e.getKey();
        throw new SpecException(file, e.getValue().keyLocation(), Text.clip(child, 80),
            Suggestions.unknown("key", e.getKey(), known));
      }
    }
    return m;
  }

  /** {@code node} as a list. */
  public List<Node> list(Node node, String key) throws SpecException {
    if (!(node instanceof Node.Sequence s)) {
      throw error(node, key, "expected a list, got " + Node.describe(node));
    }
    return s.items();
  }

  /** A scalar's text as written (a name, a source); null when absent. */
  public String text(Node.Mapping m, String name, String key) throws SpecException {
    Node n = m.get(name);
    if (n == null || isNull(n)) {
      return null;
    }
    if (!(n instanceof Node.Scalar s)) {
      throw error(n, key, "expected a string, got " + Node.describe(n));
    }
    return s.text();
  }

  /** A list of strings; empty when absent. */
  public List<String> texts(Node.Mapping m, String name, String key) throws SpecException {
    Node n = m.get(name);
    if (n == null || isNull(n)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    List<Node> items = list(n, key);
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Node.Scalar s) || s.isNull()) {
        throw error(items.get(i), key + "[" + i + "]", "expected a string, got " + Node.describe(items.get(i)));
      }
      out.add(s.text());
    }
    return out;
  }

  private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /** A plain decimal number (not .nan, .inf, hex or octal); null when absent. */
  public BigDecimal number(Node n, String key) throws SpecException {
    if (n == null || isNull(n)) {
      return null;
    }
    if (!(n instanceof Node.Scalar s) || !(s.kind() == Node.Kind.INTEGER || s.kind() == Node.Kind.DECIMAL)
        || !NUMBER.matcher(s.text().strip()).matches()) {
      throw error(n, key, "expected a number, got " + Node.describe(n));
    }
    if (s.kind() == Node.Kind.INTEGER) {
      try {
        Key.decimal(s.text(), Long.MIN_VALUE);
      } catch (IllegalArgumentException e) {
        throw error(n, key, e.getMessage());
      }
    }
    return new BigDecimal(s.text().strip());
  }

  public static boolean isNull(Node n) {
    return n instanceof Node.Scalar s && s.isNull();
  }
}
