package dev.sizeup.spec;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the known word closest to a mistyped one, by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /** The known word within a small edit distance of {@code word} (case ignored), or null. */
  public static String closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = java.lang.Integer.MAX_VALUE;
    for (String k : known) {
      int d = levenshtein(w, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    // a suggestion must keep part of the word: '' or '3' is not a typo of 'ln'
    int allowed = Math.min(Math.max(2, word.length() / 3), word.length() - 1);
    return bestDistance <= allowed ? best : null;
  }

  /** "unknown X; did you mean 'y'?" or "unknown X; expected one of ...". */
  public static String unknown(String what, String word, Collection<String> known) {
    String best = closest(word, known);
    if (best != null) {
      return "unknown " + what + "; did you mean '" + best + "'?";
    }
    return "unknown " + what + "; expected one of " + String.join(", ", known.stream().sorted().toList());
  }

  static int levenshtein(String a, String b) {
    if (a.length() > 200 || b.length() > 200) {
      return java.lang.Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
