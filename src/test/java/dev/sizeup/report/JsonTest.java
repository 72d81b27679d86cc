package dev.sizeup.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonTest {
  /** Unit conversions leave float noise in the last digits; 15 significant digits drop it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "1.1397888000000002E24 | 1.1397888E24",
    "800000.0000000001     | 800000.0",
    "13192.000000000002    | 13192.0",
    "0.1                   | 0.1",
    "2.0023059466741937    | 2.00230594667419",
    // JDK 17's Double.toString prints these with 16 or 17 digits (JDK-4511638)
    "1e23                  | 1.0E23",
    "1.5619037184E23       | 1.5619037184E23",
    "2e-3                  | 0.002",
  })
  void real_numbers_are_written_with_fifteen_significant_digits(double x, String written) {
    ObjectNode o = Json.F.objectNode();
    Json.put(o, "x", x);
    assertThat(Json.write(o)).isEqualTo("{\n  \"x\": " + written + "\n}\n");
  }

  @Test
  void counts_stay_integers_and_absent_values_are_null() {
    ObjectNode o = Json.versioned();
    Json.put(o, "total", 174_604_259_328L);
    Json.put(o, "tokens", (Long) null);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("layers", 96L);
    spec.put("tied_embeddings", true);
    spec.put("moe", null);
    o.set("architecture", Json.map(spec));
    assertThat(Json.write(o)).isEqualTo("{\n  \"schema_version\": 1,\n  \"total\": 174604259328,\n  \"tokens\": null,\n"
        + "  \"architecture\": {\n    \"layers\": 96,\n    \"tied_embeddings\": true,\n    \"moe\": null\n  }\n}\n");
  }
}
