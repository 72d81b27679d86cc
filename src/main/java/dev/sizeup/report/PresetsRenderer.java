package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.analysis.Analysis;
import dev.sizeup.analysis.Validation;
import dev.sizeup.analysis.ValidationRun;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.scaling.ChinchillaAssessment;
import java.util.List;

/** The output of {@code sizeup presets}: every shipped preset with its count, the published figure and its verdict. */
public final class PresetsRenderer implements Renderer<ValidationRun> {
  public static final PresetsRenderer INSTANCE = new PresetsRenderer();

  private PresetsRenderer() {}

  private static final String[] HEADINGS = {"preset", "parameters", "published", "match", "tokens", "verdict"};

  private static Table table(List<Validation> validations) {
    Table t = new Table(HEADINGS, false, true, true, false, true, false);
    for (Validation v : validations) {
      Analysis a = v.analysis();
      ParameterCount p = a.parameters();
      ChinchillaAssessment c = a.chinchilla();
      String published = v.checks().isEmpty() ? "-" : Numbers.grouped(v.checks().get(0).expected());
      String match = v.checks().isEmpty() ? "-" : v.checks().stream()
          .map(ch -> (ch.what().equals("parameters") ? "" : "active ") + ValidationRenderer.tolerance(ch.tolerance())
              + (ch.ok() ? "" : " MISMATCH"))
          .reduce((x, y) -> x + "; " + y).orElse("-");
      t.row(a.spec().name(),
          Numbers.grouped(p.total()) + (p.active() == p.total() ? "" : " (" + Numbers.grouped(p.active()) + " active)"),
          published, match, c.tokens() == null ? "-" : Numbers.human(c.tokens()),
          c.verdict() == null ? "-" : c.verdict().key());
    }
    return t;
  }

  @Override
  public String text(ValidationRun run) {
    StringBuilder out = new StringBuilder();
    table(run.validations()).text(out, "");
    return out.toString();
  }

  @Override
  public String markdown(ValidationRun run) {
    StringBuilder out = new StringBuilder();
    table(run.validations()).markdown(out);
    return out.toString();
  }

  @Override
  public String json(ValidationRun run) {
    ObjectNode o = Json.versioned();
    ArrayNode presets = o.putArray("presets");
    for (Validation v : run.validations()) {
      Analysis a = v.analysis();
      ObjectNode p = presets.addObject();
      p.put("name", a.spec().name());
      p.put("parameters", a.parameters().total());
      p.put("active_parameters", a.parameters().active());
      Json.put(p, "expected_parameters", v.checks().isEmpty() ? null : v.checks().get(0).expected());
      p.put("ok", v.ok());
      Json.put(p, "tokens", a.chinchilla().tokens());
      p.put("verdict", a.chinchilla().verdict() == null ? null : a.chinchilla().verdict().key());
      p.put("source", a.spec().source());
    }
    return Json.write(o);
  }
}
