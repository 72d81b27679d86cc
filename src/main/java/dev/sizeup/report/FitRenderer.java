package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.scaling.Allocation;
import dev.sizeup.scaling.LawFit;
import dev.sizeup.scaling.Objective;
import dev.sizeup.scaling.Parametric;
import java.util.List;
import java.util.Locale;

/**
 * The output of {@code sizeup fit}: the fitted law, how many starts reached it, the compute-optimal
 * split at each budget, and bootstrap intervals. JSON keys are a public contract (docs/json.md).
 */
public final class FitRenderer implements Renderer<LawFit> {
  public static final FitRenderer INSTANCE = new FitRenderer();

  private FitRenderer() {}

  /** A parameter to five significant figures: "1.8172", "477.82", "0.34731". */
  static String sig(double x) {
    return new java.math.BigDecimal(x).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
  }

  private static double[] values(Parametric p) {
    return new double[] {p.E(), p.A(), p.B(), p.alpha(), p.beta(), p.a(), p.b()};
  }

  private static final String[] WHAT = {"irreducible loss", "parameter term", "data term", "parameter exponent",
      "data exponent", "N_opt ∝ C^a, a = β/(α+β)", "D_opt ∝ C^b, b = α/(α+β)"};

  private static Table parameterTable(LawFit f) {
    LawFit.Intervals iv = f.intervals();
    String[] head = iv == null ? new String[] {"", "value", ""}
        : new String[] {"", "value", "80% interval", "95% interval", ""};
    Table t = iv == null ? new Table(head, false, true, false) : new Table(head, false, true, true, true, false);
    double[] v = values(f.law());
    for (int i = 0; i < v.length; i++) {
      String name = LawFit.PARAMETERS.get(i);
      if (iv == null) {
        t.row(name, sig(v[i]), WHAT[i]);
      } else {
        LawFit.Named n = iv.parameters().get(i);
        t.row(name, sig(v[i]), sig(n.p10()) + " – " + sig(n.p90()), sig(n.p025()) + " – " + sig(n.p975()), WHAT[i]);
      }
    }
    return t;
  }

  private static Table allocationTable(LawFit f) {
    LawFit.Intervals iv = f.intervals();
    Table t = iv == null
        ? new Table(new String[] {"compute", "parameters", "tokens", "tokens/parameter"}, true, true, true, true)
        : new Table(new String[] {"compute", "parameters", "95%", "tokens", "95%", "tokens/parameter", "95%"},
            true, true, true, true, true, true, true);
    for (int i = 0; i < f.allocations().size(); i++) {
      Allocation a = f.allocations().get(i);
      if (iv == null) {
        t.row(Numbers.sci(a.computeFlops()), Numbers.human(a.parameters()), Numbers.human(a.tokens()),
            Numbers.fixed(a.tokensPerParameter(), 1));
      } else {
        List<LawFit.Named> ci = iv.allocation().get(i);
        t.row(Numbers.sci(a.computeFlops()), Numbers.human(a.parameters()),
            Numbers.human(ci.get(0).p025()) + " – " + Numbers.human(ci.get(0).p975()), Numbers.human(a.tokens()),
            Numbers.human(ci.get(1).p025()) + " – " + Numbers.human(ci.get(1).p975()),
            Numbers.fixed(a.tokensPerParameter(), 1),
            Numbers.fixed(ci.get(2).p025(), 1) + " – " + Numbers.fixed(ci.get(2).p975(), 1));
      }
    }
    return t;
  }

  private static String header(LawFit f) {
    boolean likelihood = f.request().objective() == Objective.HUBER_LIKELIHOOD;
    return String.format(Locale.ROOT, "%s: %d runs fitted%s; L(N, D) = E + A/N^α + B/D^β, " + (likelihood
            ? "Huber likelihood, δ = %s, free scale, on log loss (Besiroglu et al. 2024)"
            : "Huber δ = %s on log loss (Hoffmann et al. 2022, Approach 3)"),
        f.runs().file(), f.runs().runs().size(),
        f.runs().dropped() == 0 ? "" : " (" + f.runs().dropped() + " left out by the filters)",
        sig(f.request().delta()));
  }

  private static String starts(LawFit f) {
    String grid = f.starts().atBest() + " of " + f.starts().total() + " starts reached it (to 1e-9 relative, or "
        + "1e-14 for an exact fit)";
    String head = f.scale() == null
        ? "objective " + String.format(Locale.ROOT, "%.10g", f.objective()) + "; " + grid
        : "negative log-likelihood " + String.format(Locale.ROOT, "%.10g", f.objective()) + " at scale σ = "
            + String.format(Locale.ROOT, "%.4g", f.scale()) + ", refined from the Huber objective's best fit; "
            + grid;
    return head
        + (f.intervals() == null ? "" : "; intervals from " + f.intervals().resamples() + " bootstrap resamples, seed "
            + f.request().seed());
  }

  @Override
  public String text(LawFit f) {
    StringBuilder out = new StringBuilder(header(f)).append('\n');
    out.append(starts(f)).append("\n\n");
    parameterTable(f).text(out, "  ");
    if (!f.allocations().isEmpty()) {
      out.append("\ncompute-optimal split\n");
      allocationTable(f).text(out, "  ");
    }
    out.append("\nA and B trade off along a nearly flat valley of the objective: read them with their intervals.\n");
    return out.toString();
  }

  @Override
  public String markdown(LawFit f) {
    StringBuilder out = new StringBuilder(header(f)).append(".\n\n");
    out.append(starts(f)).append(".\n\n");
    parameterTable(f).markdown(out);
    if (!f.allocations().isEmpty()) {
      out.append("\nCompute-optimal split:\n\n");
      allocationTable(f).markdown(out);
    }
    return out.toString();
  }

  @Override
  public String json(LawFit f) {
    ObjectNode o = Json.versioned();
    ObjectNode runs = o.putObject("runs");
    runs.put("file", f.runs().file());
    runs.put("used", f.runs().runs().size());
    runs.put("dropped", f.runs().dropped());
    Json.put(o, "delta", f.request().delta());
    ObjectNode p = o.putObject("parameters");
    double[] v = values(f.law());
    for (int i = 0; i < 5; i++) {
      Json.put(p, LawFit.PARAMETERS.get(i), v[i]);
    }
    ObjectNode ex = o.putObject("exponents");
    Json.put(ex, "a", v[5]);
    Json.put(ex, "b", v[6]);
    Json.put(o, "objective", f.objective());
    o.put("objective_kind", f.request().objective().key());
    if (f.scale() != null) {
      Json.put(o, "scale", f.scale());
    }
    o.putObject("starts").put("total", f.starts().total()).put("at_best", f.starts().atBest());
    ArrayNode alloc = o.putArray("allocation");
    for (Allocation a : f.allocations()) {
      ObjectNode x = alloc.addObject();
      Json.put(x, "compute", a.computeFlops());
      Json.put(x, "parameters", a.parameters());
      Json.put(x, "tokens", a.tokens());
      Json.put(x, "tokens_per_parameter", a.tokensPerParameter());
    }
    LawFit.Intervals iv = f.intervals();
    if (iv == null) {
      o.putNull("intervals");
    } else {
      ObjectNode i = o.putObject("intervals");
      i.put("resamples", iv.resamples());
      i.put("seed", f.request().seed());
      ObjectNode params = i.putObject("parameters");
      iv.parameters().forEach(n -> params.set(n.name(), interval(n)));
      ArrayNode ia = i.putArray("allocation");
      for (int k = 0; k < iv.allocation().size(); k++) {
        ObjectNode x = ia.addObject();
        Json.put(x, "compute", f.allocations().get(k).computeFlops());
        iv.allocation().get(k).forEach(n -> x.set(n.name(), interval(n)));
      }
    }
    return Json.write(o);
  }

  /** {"80": [p10, p90], "95": [p2.5, p97.5]}. */
  private static ObjectNode interval(LawFit.Named n) {
    ObjectNode o = Json.F.objectNode();
    o.putArray("80").add(Json.clean(n.p10())).add(Json.clean(n.p90()));
    o.putArray("95").add(Json.clean(n.p025())).add(Json.clean(n.p975()));
    return o;
  }
}
