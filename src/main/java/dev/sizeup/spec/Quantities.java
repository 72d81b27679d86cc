package dev.sizeup.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses counts written the way people write them: {@code 300000000000}, {@code 3e11},
 * {@code 300B}, {@code 1.4T}, {@code 500_000}. Suffixes K, M, B (or G) and T are powers of 1000.
 * Digits are ASCII: other scripts' digits, hexadecimal and the like are refused, never reinterpreted.
 */
public final class Quantities {
  private Quantities() {}

  public static final String FORMAT_HINT = "a positive whole number such as 300000000000, 3e11, 300B or 1.4T";
  static final String NUMBER_HINT = "a positive number such as 5.76e23, 2e6 or 2M";

  /** An ASCII decimal number: digits with optional '_' between them, a fraction, an exponent. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+(_[0-9]+)*(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /**
   * A count and the precision it was written with.
   *
   * @param value the count
   * @param unit  one unit of the last digit written: 1 for {@code 124439808}, 10^7 for {@code 3.21B},
   *              10^9 for {@code 70B}; a rounded figure stands for anything within half of it
   */
  public record Count(long value, long unit) {
    /** True when the written figure had every digit: only the exact value matches it. */
    public boolean exact() {
      return unit == 1;
    }
  }

  /**
   * @throws IllegalArgumentException with a user-facing message when {@code text} is not a count
   */
  public static long parseCount(String text) {
    return count(text).value();
  }

  /** The count and the precision it was written with. */
  public static Count count(String text) {
    BigDecimal value = parse(text, FORMAT_HINT);
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("expected " + FORMAT_HINT + ", got '" + Text.clip(text, 40) + "'");
    }
    // stripped first: an exponent like 1e-999999999 or 1e999999999 must not build a huge integer
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 0) {
      String plain = stripped.precision() + stripped.scale() <= 40 ? " (= " + stripped.toPlainString() + ")" : "";
      throw new IllegalArgumentException("expected a whole number, got '" + Text.clip(text, 40) + "'" + plain);
    }
    if (stripped.precision() - stripped.scale() > 19) {
      throw new IllegalArgumentException("'" + Text.clip(text, 40) + "' is too large (more than 9.2e18)");
    }
    BigInteger whole = stripped.toBigIntegerExact();
    if (whole.bitLength() > 63) {
      throw new IllegalArgumentException("'" + Text.clip(text, 40) + "' is too large (more than 9.2e18)");
    }
    long unit = value.scale() >= 0 ? 1 : BigInteger.TEN.pow(-value.scale()).longValueExact();
    return new Count(whole.longValueExact(), unit);
  }

  /** Parses a positive real number with an optional K/M/B/T suffix (used for budgets). */
  public static double parsePositive(String text) {
    BigDecimal value = parse(text, NUMBER_HINT);
    double d = value.doubleValue();
    if (!(d > 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("expected " + NUMBER_HINT + ", got '" + Text.clip(text, 40) + "'");
    }
    return d;
  }

  private static BigDecimal parse(String text, String hint) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("expected " + hint + ", got nothing");
    }
    String s = text.strip();
    int exponent = 0;
    char last = Character.toUpperCase(s.charAt(s.length() - 1));
    switch (last) {
      case 'K' -> exponent = 3;
      case 'M' -> exponent = 6;
      case 'B', 'G' -> exponent = 9;
      case 'T' -> exponent = 12;
      default -> { }
    }
    if (exponent != 0) {
      s = s.substring(0, s.length() - 1).strip();
    }
    if (!NUMBER.matcher(s).matches()) {
      throw new IllegalArgumentException("expected " + hint + ", got '" + Text.clip(text, 40) + "'");
    }
    try {
      return new BigDecimal(s.replace("_", "").toLowerCase(Locale.ROOT)).scaleByPowerOfTen(exponent);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("expected " + hint + ", got '" + Text.clip(text, 40) + "'");
    }
  }
}
