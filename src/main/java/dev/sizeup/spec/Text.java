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
   * one line and cannot reorder or recolour what follows it. Invisible characters (a byte-order mark,
   * a zero-width space), U+2028 and U+2029 (line breaks to some readers) and half a surrogate pair
   * (which cannot be encoded) are escaped too.
   */
  public static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        if (b != null) {
          b.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      // half of a surrogate pair on its own cannot be encoded: it is escaped like a control character
      String escape = Character.isSurrogate(c) ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : escape(c);
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
    // invisible, or a line break to some readers: a byte-order mark, a zero-width space, U+2028 and U+2029
    boolean invisible = c == '\ufeff' || c == '\u200b' || c == '\u2028' || c == '\u2029';
    return control || bidi || invisible ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : null;
  }

  /** {@code s} made safe and cut to at most {@code max} characters, with "..." where it was cut. */
  public static String clip(String s, int max) {
    String safe = safe(s);
    if (safe.length() <= max) {
      return safe;
    }
    int end = Math.max(0, max - 3);
    if (end > 0 && Character.isHighSurrogate(safe.charAt(end - 1))) {
      end--; // never cut a surrogate pair (an emoji) in half
    }
    return safe.substring(0, end) + "...";
  }
}
