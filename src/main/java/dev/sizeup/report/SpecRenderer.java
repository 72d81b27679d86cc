package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecWriter;
import java.util.Map;

/** The output of {@code import}: the spec with every key explicit, as YAML or as JSON (which loads back too). */
public final class SpecRenderer {
  private SpecRenderer() {}

  public static String yaml(Spec spec) {
    return SpecWriter.toYaml(spec);
  }

  /** The spec as JSON, starting with the spec format's {@code schema_version}. */
  public static String json(Spec spec) {
    ObjectNode o = Json.F.objectNode();
    o.put("schema_version", SpecWriter.schemaVersion());
    Map<String, Object> doc = SpecWriter.document(spec);
    o.setAll(Json.map(doc));
    return Json.write(o);
  }
}
