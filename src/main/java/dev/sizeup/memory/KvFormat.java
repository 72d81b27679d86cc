package dev.sizeup.memory;

import dev.sizeup.spec.SpecEnum;

/**
 * The number format of the KV cache. An fp8 cache (vLLM's and TensorRT-LLM's {@code kv_cache_dtype fp8})
 * keeps per-layer scales, a few bytes per layer whatever the context, which are not counted.
 */
public enum KvFormat implements SpecEnum {
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

  public static KvFormat parse(String text) {
    return SpecEnum.option(KvFormat.class, text, "kv_precision", "KV-cache precision");
  }
}
