package dev.sizeup.report;

import java.util.Locale;

/**
 * Fixed, locale-independent number formatting, so the same input always gives the same bytes, for
 * any magnitude: a figure too large to group exactly is written in scientific notation, never
 * clamped.
 */
public final class Numbers {
  private Numbers() {}

  /** Beyond this a double is no longer an exact integer worth grouping digit by digit. */
  private static final double GROUPED_LIMIT = 1e15;

  /** 124439808 → "124,439,808". */
  public static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A rounded quantity of any size: "1,474,560", or "1.157e+20" when it is 10^15 or more. */
  public static String grouped(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    return Math.abs(x) < GROUPED_LIMIT ? grouped(Math.round(x)) : sci(x);
  }

  /**
   * An amount of any size (PF-days, GPU-hours, dollars): grouped from 100 ("1,474,560"), three
   * significant figures from 0.001 ("2.00", "0.0450"), scientific notation beyond ("1.157e-17",
   * "1.157e+20"); never rounded to a misleading 0.
   */
  public static String amount(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    double a = Math.abs(x);
    if (a == 0) {
      return "0";
    }
    if (a >= 100) {
      return grouped(x);
    }
    if (a >= 0.001) {
      return new java.math.BigDecimal(x).round(new java.math.MathContext(3)).toPlainString();
    }
    return sci(x);
  }

  /** 7.4664e8 → "7.466e+08". */
  public static String sci(double x) {
    return String.format(Locale.ROOT, "%.3e", x);
  }

  /** 2.488e9 → "2.49B"; 1.4e12 → "1.40T"; 124439808 → "124M". Three significant figures; "1.00e+21" past E. */
  public static String human(double x) {
    double a = Math.abs(x);
    String[] suffix = {"", "K", "M", "B", "T", "P", "E"};
    int i = 0;
    while (a >= 999.5 && i < suffix.length - 1) {
      a /= 1000;
      x /= 1000;
      i++;
    }
    if (a >= 999.5) {
      return String.format(Locale.ROOT, "%.2e", x * Math.pow(1000, i));
    }
    String digits = a >= 99.95 ? "%.0f" : a >= 9.995 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, digits, x) + suffix[i];
  }

  /** 0.3102 → "31.02%" (never "-0.00%"). */
  public static String percent(double fraction) {
    return fixed(100 * fraction, 2) + "%";
  }

  /** A plain decimal with {@code digits} places (never a negative zero). */
  public static String fixed(double x, int digits) {
    String s = String.format(Locale.ROOT, "%." + digits + "f", x);
    return s.matches("-0\\.?0*") ? s.substring(1) : s;
  }

  /** A size in binary units, three significant figures: "512 B", "320 KiB", "12.6 GiB", "1.25 TiB". */
  public static String bytes(double b) {
    String[] unit = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double a = Math.abs(b);
    int i = 0;
    while (a >= 1023.5 && i < unit.length - 1) {
      a /= 1024;
      b /= 1024;
      i++;
    }
    if (i == 0) {
      return grouped(Math.round(b)) + " B";
    }
    String digits = a >= 99.95 ? "%.0f" : a >= 9.995 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, digits, b) + " " + unit[i];
  }
}
