package dev.sizeup.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a resolved spec with every architecture key explicit, so that it needs no defaults to be
 * read back: {@link SpecLoader} loads the output to the same architecture.
 */
public final class SpecWriter {
  private SpecWriter() {}

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  /** YAML, headed by comments that name the input and every default it left to its defaults. */
  public static String toYaml(Spec spec) {
    StringBuilder header = new StringBuilder();
    header.append("# Written by sizeup from ").append(Text.safe(spec.file())).append(".\n");
    if (!spec.defaults().isEmpty()) {
      header.append("# Defaults and aliases applied while reading it:\n");
      for (AppliedDefault d : spec.defaults()) {
        header.append("#   ").append(Text.safe(d.key())).append(": ").append(Text.safe(d.rule())).append('\n');
      }
    }
    try {
      return header + YAML.writeValueAsString(document(spec));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The spec as a map: {@code name}, {@code source}, {@code architecture} with every key, and the
   * training tokens when known. JSON output adds {@code schema_version}.
   */
  public static Map<String, Object> document(Spec spec) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", spec.name());
    doc.put("source", spec.source());
    Map<String, Object> architecture = new LinkedHashMap<>(spec.architecture().fields());
    architecture.values().removeIf(v -> v == null);
    doc.put("architecture", architecture);
    if (spec.tokens() != null) {
      doc.put("training", Map.of("tokens", spec.tokens()));
    }
    return doc;
  }

  /** The version of the spec format written (the optional {@code schema_version} key). */
  public static long schemaVersion() {
    return SpecResolver.SCHEMA_VERSION;
  }
}
