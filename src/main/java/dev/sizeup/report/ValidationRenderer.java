package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.analysis.Validation;
import dev.sizeup.analysis.ValidationRun;
import dev.sizeup.spec.Text;
import dev.sizeup.spec.Tolerance;

/** The output of {@code validate}: one line per spec and a summary, a markdown table, or JSON. */
public final class ValidationRenderer implements Renderer<ValidationRun> {
  public static final ValidationRenderer INSTANCE = new ValidationRenderer();

  private ValidationRenderer() {}

  @Override
  public String text(ValidationRun run) {
    StringBuilder out = new StringBuilder();
    run.validations().forEach(v -> out.append(line(v)).append('\n'));
    return out.append(summary(run)).append('\n').toString();
  }

  static String line(Validation v) {
    String who = Text.safe(v.analysis().spec().file()) + " (" + Text.safe(v.analysis().spec().name()) + ")";
    if (v.checks().isEmpty()) {
      return "no-expected  " + who + ": no expected block, nothing to check";
    }
    StringBuilder b = new StringBuilder(v.ok() ? "ok           " : "MISMATCH     ").append(who).append(':');
    for (Validation.Check c : v.checks()) {
      b.append(' ').append(c.what()).append(' ').append(Numbers.grouped(c.actual()));
      if (c.difference() == 0) {
        b.append(" = expected");
      } else {
        b.append(" vs expected ").append(Numbers.grouped(c.expected()))
            .append(", difference ").append(c.difference() > 0 ? "+" : "").append(Numbers.grouped(c.difference()))
            .append(" (").append(signedPercent(c.relativeDifference())).append(')');
      }
      b.append(", ").append(tolerance(c.tolerance())).append(c.ok() ? "" : " EXCEEDED").append(';');
    }
    b.setLength(b.length() - 1);
    return b.toString();
  }

  /** "exact", "tolerance 0.039%" or "within ±50,000,000 (12.9B is rounded)". */
  static String tolerance(Tolerance t) {
    if (t instanceof Tolerance.Relative r) {
      return "tolerance " + Numbers.fixed(100 * r.fraction(), 3) + "%";
    }
    if (t instanceof Tolerance.Rounding r) {
      return "within ±" + Numbers.grouped(r.unit() / 2) + " (" + Text.safe(r.written()) + " is rounded)";
    }
    return "exact";
  }

  static String summary(ValidationRun run) {
    int specs = run.validations().size() + run.unreadable();
    return "validated " + specs + (specs == 1 ? " spec: " : " specs: ") + run.matched() + " ok, "
        + run.mismatched() + " mismatched, " + run.unchecked() + " without expected counts, " + run.unreadable()
        + " unreadable";
  }

  private static String signedPercent(double fraction) {
    return (fraction > 0 ? "+" : "") + Numbers.fixed(100 * fraction, 4) + "%";
  }

  @Override
  public String markdown(ValidationRun run) {
    Table t = new Table(new String[] {"spec", "count", "ours", "published", "difference", "tolerance", "result"},
        false, false, true, true, true, false, false);
    for (Validation v : run.validations()) {
      if (v.checks().isEmpty()) {
        t.row(v.analysis().spec().name(), "-", Numbers.grouped(v.analysis().parameters().total()), "-", "-", "-",
            "no expected block");
      }
      for (Validation.Check c : v.checks()) {
        t.row(v.analysis().spec().name(), c.what(), Numbers.grouped(c.actual()), Numbers.grouped(c.expected()),
            c.difference() == 0 ? "0" : (c.difference() > 0 ? "+" : "") + Numbers.grouped(c.difference()),
            tolerance(c.tolerance()), c.ok() ? "ok" : "MISMATCH");
      }
    }
    StringBuilder out = new StringBuilder();
    t.markdown(out);
    return out.append('\n').append(summary(run)).append('\n').toString();
  }

  @Override
  public String json(ValidationRun run) {
    ObjectNode o = Json.versioned();
    o.put("ok", run.ok() && run.unreadable() == 0);
    ArrayNode results = o.putArray("results");
    for (Validation v : run.validations()) {
      ObjectNode r = results.addObject();
      r.put("name", v.analysis().spec().name());
      r.put("file", v.analysis().spec().file());
      r.put("ok", v.ok());
      ArrayNode checks = r.putArray("checks");
      for (Validation.Check c : v.checks()) {
        ObjectNode j = checks.addObject();
        j.put("quantity", c.what());
        j.put("expected", c.expected());
        j.put("actual", c.actual());
        j.put("difference", c.difference());
        Json.put(j, "relative_difference", c.relativeDifference());
        j.set("tolerance", tolerance(Json.F.objectNode(), c.tolerance()));
        j.put("ok", c.ok());
      }
    }
    ObjectNode s = o.putObject("summary");
    s.put("specs", run.validations().size() + run.unreadable());
    s.put("ok", run.matched());
    s.put("mismatched", run.mismatched());
    s.put("without_expected", run.unchecked());
    s.put("unreadable", run.unreadable());
    return Json.write(o);
  }

  private static ObjectNode tolerance(ObjectNode o, Tolerance t) {
    if (t instanceof Tolerance.Relative r) {
      o.put("kind", "relative");
      Json.put(o, "relative", r.fraction());
    } else if (t instanceof Tolerance.Rounding r) {
      o.put("kind", "rounding");
      o.put("absolute", r.unit() / 2);
      o.put("written", r.written());
    } else {
      o.put("kind", "exact");
    }
    return o;
  }
}
