package dev.sizeup.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Echo of resolved records through their key descriptions. */
final class Keys {
  private Keys() {}

  /** The owner's values by key name, in key order, as {@link Key.Type#echo} writes them; shorthands left out. */
  static <O> Map<String, Object> echo(O owner, List<Key<O, ?>> keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Key<O, ?> k : keys) {
      if (k.isEchoed()) {
        m.put(k.name(), echoOne(owner, k));
      }
    }
    return m;
  }

  private static <O, T> Object echoOne(O owner, Key<O, T> k) {
    T value = k.get(owner);
    return value == null ? null : k.type().echo(value);
  }
}
