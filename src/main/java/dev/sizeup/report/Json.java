package dev.sizeup.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * The one JSON writer: a fixed layout, integers as JSON integers, and real numbers rounded to 15
 * significant digits, which drops the float noise of unit conversions (1.1397888000000002E24 is
 * written 1.1397888E24) and keeps every digit a double can hold meaningfully; each is written with
 * the shortest digits that read back as the same double.
 */
public final class Json {
  private Json() {}

  /**
   * The version of every JSON output's layout. It changes only when a key is removed or changes
   * meaning; keys are added without changing it (see docs/json.md).
   */
  public static final int SCHEMA_VERSION = 1;

  static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final MathContext DIGITS = new MathContext(15);
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(indent);
    printer.indentArraysWith(indent);
    // Schubfach: the shortest digits that read back as the same double. JDK 17's Double.toString does
    // not always give them (1e23 prints as 9.999999999999999E22; JDK-4511638, fixed in JDK 19).
    WRITER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build()).writer(printer);
  }

  /** Serialises a tree with the project's fixed layout and a trailing newline. */
  public static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An object that starts with {@code schema_version}. */
  static ObjectNode versioned() {
    ObjectNode o = F.objectNode();
    o.put("schema_version", SCHEMA_VERSION);
    return o;
  }

  /** {@code x} rounded to 15 significant digits. */
  static double clean(double x) {
    if (!Double.isFinite(x) || x == 0) {
      return x == 0 ? 0.0 : x;
    }
    return new BigDecimal(x).round(DIGITS).doubleValue();
  }

  static void put(ObjectNode o, String key, Double value) {
    if (value == null) {
      o.putNull(key);
    } else {
      o.put(key, clean(value));
    }
  }

  static void put(ObjectNode o, String key, Long value) {
    if (value == null) {
      o.putNull(key);
    } else {
      o.put(key, value.longValue());
    }
  }

  /** A spec-style map (Long, Boolean, String, nested map or list of them, null) as a JSON object. */
  static ObjectNode map(Map<String, Object> fields) {
    ObjectNode o = F.objectNode();
    fields.forEach((k, v) -> o.set(k, value(v)));
    return o;
  }

  @SuppressWarnings("unchecked")
  private static com.fasterxml.jackson.databind.JsonNode value(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Map<?, ?> nested) {
      return map((Map<String, Object>) nested);
    }
    if (v instanceof java.util.List<?> list) {
      ArrayNode a = F.arrayNode();
      list.forEach(item -> a.add(value(item)));
      return a;
    }
    return F.textNode(v.toString());
  }

  static ArrayNode array() {
    return F.arrayNode();
  }
}
