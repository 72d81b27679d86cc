package dev.sizeup.spec;

/**
 * Text that came from an input file, made safe to print: a name or a path may hold control
 * characters (a newline, an escape sequence) or bidirectional overrides that would break a one-line
 * diagnostic, a table row or the terminal itself.
 */
public final class Text {
  private Text() {}

  /**
   * {@code s} with every control character written as an escape ({@code \n}, {@code \t},
   * {@code \u001b}) and every bidirectional-override character as {@code \u202e}, so that it prints on
   * one line and cannot reorder or recolour what follows it.
   */
  public static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = escape(c);
      if (escape != null && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (escape != null) {
          b.append(escape);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
    boolean bidi = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
        || c == '\u200f' || c == '\u061c';
    return control || bidi ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : null;
  }

  /** {@code s} made safe and cut to at most {@code max} characters, with "..." where it was cut. */
  public static String clip(String s, int max) {
    String safe = safe(s);
    return safe.length() <= max ? safe : safe.substring(0, Math.max(0, max - 3)) + "...";
  }
}
