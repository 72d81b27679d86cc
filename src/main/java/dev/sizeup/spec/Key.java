package dev.sizeup.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One key of a spec mapping, described once: its name, how its value is read and echoed, its
 * default, the value that means "this feature is absent" (what an importer leaves unset), and where
 * the resolved value lives in its owner record. Loading, the defaults report, the text and JSON
 * echo and the YAML writer are all driven by these descriptions, so a new knob is one record field
 * and one {@code Key}.
 *
 * @param <O> the record that holds the resolved value (e.g. {@link Architecture})
 * @param <T> the value's type
 */
public final class Key<O, T> {
  private final String name;
  private final Type<T> type;
  private final Rule<T> fallback;
  private final T absent;
  private final boolean hasAbsent;
  private final Function<O, T> get;
  private final String doc;

  private Key(String name, Type<T> type, Rule<T> fallback, T absent, boolean hasAbsent, Function<O, T> get, String doc) {
    this.name = name;
    this.type = type;
    this.fallback = fallback;
    this.absent = absent;
    this.hasAbsent = hasAbsent;
    this.get = get;
    this.doc = doc;
  }

  /** A value the resolver filled in, and the rule it followed (shown as "default: rule"). */
  public record Default<T>(T value, String rule) {}

  /** How a key's default is found from the values resolved so far; null from {@link #required()}. */
  @FunctionalInterface
  public interface Rule<T> {
    Default<T> apply(Values v);
  }

  /** Resolved values, looked up by key (resolving, and defaulting, on first use). */
  public interface Values {
    <T> T get(Key<?, T> key);

    /** True when the input itself gives the key. */
    boolean given(Key<?, ?> key);
  }

  // ---- construction -------------------------------------------------------------------------------

  public static <T> Rule<T> required() {
    return null;
  }

  public static <T> Rule<T> fixed(T value, String rule) {
    return v -> new Default<>(value, rule);
  }

  /** A key with a default. */
  public static <O, T> Key<O, T> of(String name, Type<T> type, Rule<T> fallback, Function<O, T> get, String doc) {
    return new Key<>(name, type, fallback, null, false, get, doc);
  }

  /** A key with a default and an "absent" value that an importer may leave the key at. */
  public static <O, T> Key<O, T> feature(String name, Type<T> type, Rule<T> fallback, T absent, Function<O, T> get,
      String doc) {
    return new Key<>(name, type, fallback, absent, true, get, doc);
  }

  /** A key that is read but not echoed: a shorthand that feeds other keys' defaults (e.g. {@code bias}). */
  public static <O, T> Key<O, T> shorthand(String name, Type<T> type, Rule<T> fallback, String doc) {
    return new Key<>(name, type, fallback, null, true, null, doc);
  }

  public String name() {
    return name;
  }

  public Type<T> type() {
    return type;
  }

  public Rule<T> fallback() {
    return fallback;
  }

  public boolean isRequired() {
    return fallback == null;
  }

  public boolean hasAbsent() {
    return hasAbsent;
  }

  public T absent() {
    return absent;
  }

  /** False for a shorthand key, which has no resolved value of its own. */
  public boolean isEchoed() {
    return get != null;
  }

  public T get(O owner) {
    return get.apply(owner);
  }

  /**
   * This key as a key of {@code P}, whose value is found through {@code part}: a block key of the
   * architecture's own block. It has the same name, type and default, so resolvers treat both alike.
   */
  public <P> Key<P, T> lift(Function<P, O> part) {
    return new Key<>(name, type, fallback, absent, hasAbsent, get == null ? null : p -> get.apply(part.apply(p)), doc);
  }

  /** One line for the reference documentation. */
  public String doc() {
    return doc;
  }

  @Override
  public String toString() {
    return name;
  }

  // ---- value types --------------------------------------------------------------------------------

  /** How a key's value is read from a document and written back. */
  public sealed interface Type<T> permits Size, Flag, Choice, Nested, Groups {
    /** Reads a (non-null) node; the message of an {@link IllegalArgumentException} is the user's error. */
    T read(Node node);

    /** The value as echoed in JSON and YAML: a Long, Boolean, String or nested map. */
    Object echo(T value);

    /** "a positive integer", "true or false", "one of a | b". */
    String expected();
  }

  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");

  /**
   * An integer size, at least {@code min}, written in decimal digits: YAML 1.1 would read
   * {@code 017} as octal 15 and {@code 0x10} as 16, so those are refused, not reinterpreted.
   */
  public record Size(long min) implements Type<Long> {
    public static final Size POSITIVE = new Size(1);
    public static final Size NON_NEGATIVE = new Size(0);

    @Override
    public Long read(Node node) {
      if (!(node instanceof Node.Scalar s) || s.kind() != Node.Kind.INTEGER) {
        throw new IllegalArgumentException("expected " + expected() + ", got " + Node.describe(node));
      }
      return decimal(s.text(), min);
    }

    @Override
    public Object echo(Long value) {
      return value;
    }

    @Override
    public String expected() {
      return min >= 1 ? "a positive integer" : "an integer >= " + min;
    }
  }

  /** Parses integer text strictly: ASCII decimal digits, optional '_' between them, no leading zero. */
  static long decimal(String text, long min) {
    String t = text.strip();
    String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    if (!DECIMAL.matcher(t).matches()) {
      String lower = digits.toLowerCase(Locale.ROOT);
      if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
        throw new IllegalArgumentException("expected a decimal integer, got " + Text.clip(text, 40)
            + " (hexadecimal, octal and binary are not accepted for sizes)");
      }
      throw new IllegalArgumentException("expected a decimal integer, got " + Text.clip(text, 40));
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new IllegalArgumentException("expected a decimal integer without a leading zero, got " + Text.clip(text, 40)
          + " (YAML 1.1 reads a leading zero as octal)");
    }
    BigInteger v = new BigInteger(t.replace("_", ""));
    if (v.signum() < 0 && min >= 0) {
      throw new IllegalArgumentException("expected " + (min >= 1 ? "a positive integer" : "an integer >= " + min)
          + ", got " + Text.clip(text.strip(), 40));
    }
    if (v.bitLength() > 63) {
      throw new IllegalArgumentException(
          "expected an integer of at most 9223372036854775807, got " + Text.clip(text, 40));
    }
    long value = v.longValueExact();
    if (value < min) {
      throw new IllegalArgumentException("expected " + (min >= 1 ? "a positive integer" : "an integer >= " + min)
          + ", got " + value);
    }
    return value;
  }

  /** {@code true} or {@code false} (any case); YAML 1.1's yes/no/on/off are refused, not guessed. */
  public record Flag() implements Type<Boolean> {
    public static final Flag INSTANCE = new Flag();

    @Override
    public Boolean read(Node node) {
      if (node instanceof Node.Scalar s && s.kind() == Node.Kind.BOOLEAN) {
        String t = s.text().strip().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
          return t.equals("true");
        }
        throw new IllegalArgumentException("expected true or false, got " + Text.clip(s.text(), 20)
            + " (YAML 1.1 reads it as a boolean; write true or false)");
      }
      throw new IllegalArgumentException("expected true or false, got " + Node.describe(node));
    }

    @Override
    public Object echo(Boolean value) {
      return value;
    }

    @Override
    public String expected() {
      return "true or false";
    }
  }

  /** One value of a closed set, matched case-insensitively, with its aliases ({@code rope} for rotary). */
  public record Choice<E extends Enum<E> & SpecEnum>(Class<E> type) implements Type<E> {
    @Override
    public E read(Node node) {
      if (!(node instanceof Node.Scalar s) || s.kind() == Node.Kind.NULL) {
        throw new IllegalArgumentException("expected " + expected() + ", got " + Node.describe(node));
      }
      return SpecEnum.parse(type, s.text());
    }

    @Override
    public Object echo(E value) {
      return value.key();
    }

    @Override
    public String expected() {
      return "one of " + SpecEnum.choices(type);
    }

    /** The canonical value when {@code text} was an alias of it (not just another case or separator), else null. */
    public E aliased(String text) {
      E e = SpecEnum.parse(type, text);
      return e.key().equalsIgnoreCase(text.strip().replace('_', '-')) ? null : e;
    }
  }

  /**
   * A nested mapping resolved by its own keys into a record (e.g. {@code moe} into {@link Moe}).
   * Absent means the feature is off (null).
   */
  public record Nested<G>(List<Key<G, ?>> keys, Function<Values, G> build) implements Type<G> {
    @Override
    public G read(Node node) {
      throw new UnsupportedOperationException("a group is resolved key by key");
    }

    @Override
    public Object echo(G value) {
      return value == null ? null : Keys.echo(value, keys);
    }

    @Override
    public String expected() {
      return "a mapping with keys " + keys.stream().map(Key::name).collect(Collectors.joining(", "));
    }
  }

  /**
   * A list of layer groups: each a mapping with {@code layers} and the block keys it overrides, the
   * others inherited from the architecture's own (see {@link Group}).
   */
  public record Groups() implements Type<List<Group>> {
    public static final Groups INSTANCE = new Groups();

    @Override
    public List<Group> read(Node node) {
      throw new UnsupportedOperationException("groups are resolved group by group");
    }

    /** Groups are echoed against the architecture's own block: see {@link Architecture#fields()}. */
    @Override
    public Object echo(List<Group> groups) {
      throw new UnsupportedOperationException("groups are echoed against the architecture's own block");
    }

    @Override
    public String expected() {
      return "a list of mappings, each with layers and the block keys it overrides";
    }
  }

}
