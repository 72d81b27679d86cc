package dev.sizeup.scaling;

import dev.sizeup.spec.Documents;
import dev.sizeup.spec.Node;
import dev.sizeup.spec.Source;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.Suggestions;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A fitted law on disk, so that other commands use it like a built-in one:
 *
 * <pre>
 * law:
 *   name: my-ladder
 *   citation: fitted to 240 runs of runs.csv (Hoffmann et al. 2022, Approach 3)
 *   units: the loss of the runs in runs.csv
 *   E: 1.8172
 *   ...
 * provenance:          # how it was fitted; read by people, not by sizeup
 *   ...
 * </pre>
 */
public final class LawFile {
  private LawFile() {}

  private static final Set<String> TOP = Set.of("law", "provenance");
  private static final List<String> LAW = List.of("name", "citation", "units", "E", "A", "B", "alpha", "beta");

  /** The file {@code sizeup fit --save} writes: the law to full precision, then how it was fitted. */
  public static String write(LawFit fit, String name) {
    Parametric p = fit.law();
    StringBuilder out = new StringBuilder();
    out.append("# A scaling law L(N, D) = E + A/N^alpha + B/D^beta, written by sizeup fit.\n");
    out.append("# Use it with --law-file in plan, analyze and report.\n");
    out.append("law:\n");
    out.append("  name: ").append(quote(name)).append('\n');
    out.append("  citation: ").append(quote(p.citation())).append('\n');
    out.append("  units: ").append(quote(p.lossUnits())).append('\n');
    out.append("  E: ").append(number(p.E())).append('\n');
    out.append("  A: ").append(number(p.A())).append('\n');
    out.append("  B: ").append(number(p.B())).append('\n');
    out.append("  alpha: ").append(number(p.alpha())).append('\n');
    out.append("  beta: ").append(number(p.beta())).append('\n');
    out.append("provenance:\n");
    out.append("  method: ").append(fit.request().objective() == Objective.HUBER_LIKELIHOOD
        ? "Besiroglu et al. 2024 (Huber likelihood with a free scale on log loss, from the best of Hoffmann et al. "
            + "2022's 4,500-start grid)"
        : "Hoffmann et al. 2022, Approach 3 (Huber loss on log loss, 4,500-start grid)").append('\n');
    out.append("  objective_kind: ").append(fit.request().objective().key()).append('\n');
    out.append("  runs_file: ").append(quote(fit.runs().file())).append('\n');
    out.append("  runs_used: ").append(fit.runs().runs().size()).append('\n');
    out.append("  runs_dropped: ").append(fit.runs().dropped()).append('\n');
    out.append("  delta: ").append(number(fit.request().delta())).append('\n');
    out.append("  objective: ").append(number(fit.objective())).append('\n');
    if (fit.scale() != null) {
      out.append("  scale: ").append(number(fit.scale())).append('\n');
    }
    out.append("  starts: ").append(fit.starts().total()).append('\n');
    out.append("  starts_at_best: ").append(fit.starts().atBest()).append('\n');
    return out.toString();
  }

  /** Reads a law file; every problem is a located diagnostic. */
  public static Parametric read(Source source) throws SpecException {
    Node root = Documents.parse(source.text(), source.display(), Documents.Format.YAML);
    if (!(root instanceof Node.Mapping top)) {
      throw new SpecException(source.display(), root == null ? null : root.location(), null,
          "expected a mapping with a 'law' key, as sizeup fit --save writes");
    }
    for (String k : top.keys()) {
      if (!TOP.contains(k)) {
        throw new SpecException(source.display(), top.entries().get(k).keyLocation(), k,
            Suggestions.unknown("key '" + k + "'", k, TOP));
      }
    }
    if (!(top.get("law") instanceof Node.Mapping law)) {
      throw new SpecException(source.display(), top.location(), "law",
          "expected a mapping of name, E, A, B, alpha and beta");
    }
    for (String k : law.keys()) {
      if (!LAW.contains(k)) {
        throw new SpecException(source.display(), law.entries().get(k).keyLocation(), "law." + k,
            Suggestions.unknown("key '" + k + "'", k, LAW));
      }
    }
    String name = text(source, law, "name", null);
    if (ScalingLaws.ALL.stream().anyMatch(l -> l.name().equalsIgnoreCase(name))) {
      throw new SpecException(source.display(), law.get("name").location(), "law.name",
          "'" + name + "' is a built-in law's name; give the fitted law its own");
    }
    String citation = text(source, law, "citation", "read from " + source.display());
    String units = text(source, law, "units", "the loss of the runs it was fitted to");
    double e = number(source, law, "E", true);
    double a = number(source, law, "A", false);
    double b = number(source, law, "B", false);
    double alpha = number(source, law, "alpha", false);
    double beta = number(source, law, "beta", false);
    return new Parametric(name, citation, e, a, b, alpha, beta, units);
  }

  private static String text(Source s, Node.Mapping m, String key, String fallback) throws SpecException {
    Node n = m.get(key);
    if (n == null) {
      if (fallback == null) {
        throw new SpecException(s.display(), m.location(), "law." + key, "missing: the law needs a " + key);
      }
      return fallback;
    }
    if (!(n instanceof Node.Scalar sc) || sc.isNull() || sc.text().isBlank()) {
      throw new SpecException(s.display(), n.location(), "law." + key, "expected text");
    }
    return sc.text().strip();
  }

  private static double number(Source s, Node.Mapping m, String key, boolean zeroAllowed) throws SpecException {
    Node n = m.get(key);
    if (n == null) {
      throw new SpecException(s.display(), m.location(), "law." + key, "missing: the law needs " + key);
    }
    double v;
    try {
      if (!(n instanceof Node.Scalar sc) || (sc.kind() != Node.Kind.INTEGER && sc.kind() != Node.Kind.DECIMAL)) {
        throw new NumberFormatException();
      }
      v = Double.parseDouble(sc.text());
    } catch (NumberFormatException ex) {
      throw new SpecException(s.display(), n.location(), "law." + key, "expected a number");
    }
    if (!Double.isFinite(v) || (zeroAllowed ? v < 0 : v <= 0) || v > 1e30) {
      throw new SpecException(s.display(), n.location(), "law." + key, "expected a " + (zeroAllowed
          ? "non-negative" : "positive") + " number up to 1e30, got " + ((Node.Scalar) n).text());
    }
    return v;
  }

  /** Every digit Java needs to read the double back; an exponent with its sign, as YAML 1.1 wants it. */
  private static String number(double x) {
    String s = Double.toString(x);
    return s.contains("E-") ? s.replace("E-", "e-") : s.replace("E", "e+");
  }

  /** A YAML double-quoted string. */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
