package dev.sizeup.spec;

/** Where a key sits in an input, for diagnostics found after loading (e.g. an overflow while counting). */
public interface Locator {
  /** Where to point for {@code key}; the nearest key above it when it is not in the input. */
  Location locate(String key);

  /** True when the input itself has {@code key}, so that a diagnostic may name it. */
  boolean has(String key);

  Locator NOWHERE = new Locator() {
    @Override
    public Location locate(String key) {
      return Location.UNKNOWN;
    }

    @Override
    public boolean has(String key) {
      return false;
    }
  };

  /**
   * A key's place in a parsed document: its value when that is a scalar, the key itself when its
   * value is a mapping or a list, and for a key that is not there, the nearest key above it (a
   * missing key is reported at the mapping it belongs in).
   */
  static Locator of(Node root) {
    return new Locator() {
      @Override
      public Location locate(String key) {
        Location best = root.location();
        if (key == null || key.isEmpty()) {
          return best;
        }
        Node current = root;
        for (String part : key.split("\\.")) {
          if (!(current instanceof Node.Mapping m) || m.entries().get(part) == null) {
            break;
          }
          Node.Entry e = m.entries().get(part);
          best = e.value() instanceof Node.Scalar ? e.value().location() : e.keyLocation();
          current = e.value();
        }
        return best;
      }

      @Override
      public boolean has(String key) {
        Node current = root;
        for (String part : key.split("\\.")) {
          if (!(current instanceof Node.Mapping m) || m.entries().get(part) == null) {
            return false;
          }
          current = m.entries().get(part).value();
        }
        return true;
      }
    };
  }
}
