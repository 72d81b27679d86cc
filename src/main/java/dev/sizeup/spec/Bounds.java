package dev.sizeup.spec;

import java.util.Locale;

/**
 * Range checks for values that come from the user (options, budgets): a value outside its
 * meaningful range is refused with an {@link InvalidValueException} naming the key, so that it
 * never turns into Infinity, NaN or a clamped integer further on.
 */
public final class Bounds {
  private Bounds() {}

  /** Requires {@code low < value ≤ high} (or {@code low ≤ value} when {@code lowIncluded}). */
  public static double check(String key, double value, double low, boolean lowIncluded, double high, String unit) {
    boolean ok = (lowIncluded ? value >= low : value > low) && value <= high;
    if (!ok) {
      throw new InvalidValueException(key, "expected a number in " + (lowIncluded ? "[" : "(") + show(low) + ", "
          + show(high) + "]" + (unit.isEmpty() ? "" : " " + unit) + ", got " + show(value));
    }
    return value;
  }

  /** Requires {@code low ≤ value ≤ high}. */
  public static long check(String key, long value, long low, long high, String unit) {
    if (value < low || value > high) {
      throw new InvalidValueException(key, "expected an integer from " + low + " to " + high
          + (unit.isEmpty() ? "" : " " + unit) + ", got " + value);
    }
    return value;
  }

  /** A number as people write it: plain when short, else in scientific notation. */
  static String show(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return String.valueOf(x);
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e7) {
      return String.format(Locale.ROOT, "%d", (long) x);
    }
    double a = Math.abs(x);
    if (a >= 1e-3 && a < 1e7) {
      return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.4g", x).replaceAll("\\.?0+e", "e").replace("e+", "e");
  }
}
