package dev.sizeup.memory;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Suggestions;
import java.util.Arrays;
import java.util.Locale;

/**
 * The number format of the KV cache. An fp8 cache (vLLM's and TensorRT-LLM's {@code kv_cache_dtype fp8})
 * keeps per-layer scales, a few bytes per layer whatever the context, which are not counted.
 */
public enum KvFormat {
  FP32(4),
  BF16(2),
  FP16(2),
  FP8(1);

  private final long bytes;

  KvFormat(long bytes) {
    this.bytes = bytes;
  }

  public long bytes() {
    return bytes;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KvFormat parse(String text) {
    for (KvFormat f : values()) {
      if (f.key().equalsIgnoreCase(text.strip())) {
        return f;
      }
    }
    throw new InvalidValueException("kv_precision", Suggestions.unknown("KV-cache precision '" + text + "'", text,
        Arrays.stream(values()).map(KvFormat::key).toList()));
  }
}
