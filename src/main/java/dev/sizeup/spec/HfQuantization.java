package dev.sizeup.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The quantization a Hugging Face {@code config.json} declares ({@code quantization_config}), as far
 * as a count of its checkpoint needs it: the width of the integers GPTQ and AWQ pack into 32-bit words.
 */
public final class HfQuantization {
  private HfQuantization() {}

  /**
   * {@code quantization_config.bits} (GPTQ, and AWQ as transformers writes it) or {@code w_bit}
   * (AutoAWQ), or null when the file is not a readable config or declares neither. A config that
   * cannot be read is reported when it is loaded, not here.
   */
  public static Integer bits(Path config) {
    if (config == null || !Files.isRegularFile(config)) {
      return null;
    }
    try {
      JsonNode q = new ObjectMapper().readTree(config.toFile()).path("quantization_config");
      for (String field : new String[] {"bits", "w_bit"}) {
        if (q.path(field).canConvertToInt() && q.path(field).isIntegralNumber()) {
          return q.path(field).intValue();
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
