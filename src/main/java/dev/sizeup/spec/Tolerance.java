package dev.sizeup.spec;

/** How closely a count must match a published one. */
public sealed interface Tolerance {

  /** True when {@code actual} matches {@code expected} within this tolerance. */
  boolean accepts(long expected, long actual);

  /** Every digit was published: only the exact value matches. */
  record Exact() implements Tolerance {
    @Override
    public boolean accepts(long expected, long actual) {
      return actual == expected;
    }
  }

  /** An explicit relative tolerance, |actual − expected| / expected ≤ fraction (the spec's {@code tolerance}). */
  record Relative(double fraction) implements Tolerance {
    public Relative {
      if (!(fraction > 0) || fraction >= 1) {
        throw new IllegalArgumentException("a relative tolerance is in (0, 1), got " + fraction);
      }
    }

    @Override
    public boolean accepts(long expected, long actual) {
      return Math.abs((double) actual - expected) <= fraction * expected;
    }
  }

  /**
   * A rounded figure ({@code 3.21B}) stands for every count that rounds to it: within half a unit of
   * its last digit, |actual − expected| ≤ unit / 2.
   *
   * @param unit    one unit of the last digit written (10^7 for 3.21B)
   * @param written the figure as written
   */
  record Rounding(long unit, String written) implements Tolerance {
    public Rounding {
      if (unit < 2) {
        throw new IllegalArgumentException("a rounded figure has a unit above 1, got " + unit);
      }
    }

    @Override
    public boolean accepts(long expected, long actual) {
      double difference = Math.abs((double) actual - expected);
      return 2 * difference <= unit;
    }
  }

  /** The tolerance a figure written with {@code count}'s precision implies when no tolerance is given. */
  static Tolerance ofWritten(Quantities.Count count, String written) {
    return count.exact() ? new Exact() : new Rounding(count.unit(), written);
  }

  /** An explicit tolerance: 0 is exact. */
  static Tolerance relative(double fraction) {
    return fraction == 0 ? new Exact() : new Relative(fraction);
  }
}
