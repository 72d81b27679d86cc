package dev.sizeup.spec;

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

  /** A number as people write it: plain from 0.0001 to 10^7, else like 1e-9 or 4.9e-324; never rounded to zero. */
  static String show(double x) {
    if (!Double.isFinite(x)) {
      return String.valueOf(x);
    }
    double a = Math.abs(x);
    if (x == 0 || (a >= 1e-4 && a < 1e7)) {
      return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }
    return Double.toString(x).replace(".0E", "E").replace("E", "e");
  }
}
