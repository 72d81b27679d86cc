package dev.sizeup.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A closed set of spec values. Each is written in lower kebab case in specs and JSON
 * ({@code layernorm-no-bias}); input is matched ignoring case and with {@code _} read as {@code -},
 * and a value may have aliases, the other common words for it ({@code rope} for {@code rotary}),
 * which the defaults report names as such.
 */
public interface SpecEnum {
  String name();

  /** The canonical spelling in specs and JSON output. */
  default String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Other words accepted for this value. */
  default List<String> aliases() {
    return List.of();
  }

  /** Looks a value up by its spelling or an alias, ignoring case; the error names the accepted ones. */
  static <E extends Enum<E> & SpecEnum> E parse(Class<E> type, String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (E e : type.getEnumConstants()) {
      if (e.key().equals(t) || e.aliases().contains(t)) {
        return e;
      }
    }
    String best = Suggestions.closest(t, Arrays.stream(type.getEnumConstants())
        .flatMap(e -> Stream.concat(Stream.of(e.key()), e.aliases().stream())).toList());
    throw new IllegalArgumentException("expected one of " + choices(type) + ", got '" + Text.clip(text, 40) + "'"
        + (best == null ? "" : "; did you mean '" + best + "'?"));
  }

  /**
   * Looks up the value of a domain option ({@code key}, e.g. {@code optimizer}) by its spelling or an
   * alias, ignoring case; an unknown one is the user's error: "unknown {@code what} 'x'; did you mean 'y'?".
   */
  static <E extends Enum<E> & SpecEnum> E option(Class<E> type, String text, String key, String what) {
    String t = text.strip();
    for (E e : type.getEnumConstants()) {
      if (e.key().equalsIgnoreCase(t) || e.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(t))) {
        return e;
      }
    }
    throw new InvalidValueException(key, Suggestions.unknown(what + " '" + text + "'", text,
        Arrays.stream(type.getEnumConstants()).map(SpecEnum::key).toList()));
  }

  static <E extends Enum<E> & SpecEnum> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(SpecEnum::key).collect(Collectors.joining(" | "));
  }
}
