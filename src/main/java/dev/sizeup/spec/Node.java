package dev.sizeup.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML or JSON document as the user wrote it: every scalar keeps its text exactly as written
 * (so that {@code 017} or {@code 0x10} can be refused instead of read as octal or hex), and every
 * node keeps its line and column for diagnostics. Built by {@link Documents}; read by the resolvers.
 */
public sealed interface Node permits Node.Scalar, Node.Mapping, Node.Sequence {

  /** Where the node starts. */
  Location location();

  /** How the document typed a scalar (YAML types plain scalars by its own rules; quoted ones are strings). */
  enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

  /** A scalar value and the text it was written as. */
  record Scalar(String text, Kind kind, Location location) implements Node {
    public boolean isNull() {
      return kind == Kind.NULL;
    }
  }

  /** A key of a mapping: where the key is written, and its value. */
  record Entry(String key, Location keyLocation, Node value) {}

  /** A mapping, in the order its keys are written. */
  record Mapping(Map<String, Entry> entries, Location location) implements Node {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value at {@code key}, or null when the key is absent. */
    public Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    public Set<String> keys() {
      return entries.keySet();
    }
  }

  /** A list. */
  record Sequence(List<Node> items, Location location) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** The node in the user's words, for "expected X, got Y" messages. */
  static String describe(Node node) {
    if (node instanceof Mapping) {
      return "a mapping";
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    Scalar s = (Scalar) node;
    return switch (s.kind()) {
      case NULL -> "nothing";
      case STRING -> "the string \"" + Text.clip(s.text(), 40) + "\"";
      default -> Text.clip(s.text(), 40);
    };
  }
}
