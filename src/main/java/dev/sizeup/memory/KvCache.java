package dev.sizeup.memory;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.Latent;

/**
 * What a decoder caches for each token it has seen, summed over its layers: the values of the KV
 * cache per token of context, exact.
 *
 * <p>Per layer of ordinary attention, the keys and values of every key/value head:
 * 2 · kv_heads · head_dim (with grouped-query attention, kv_heads &lt; heads; Ainslie et al. 2023,
 * §2). Per layer of multi-head latent attention, the compressed key/value latent and the decoupled
 * rotary key shared by all heads: kv_lora_rank + qk_rope_head_dim (DeepSeek-AI 2024, DeepSeek-V2,
 * §2.1.2 and Table 1: "(d_c + d_h^R) · l" elements per token, against 2·n_h·d_h·l for multi-head
 * attention). The per-head keys and values are rebuilt from the latent, and never cached. The values
 * per token are those of a context no longer than any sliding window; {@link #valuesAt} caps each
 * layer at its window.
 *
 * @param valuesPerToken cached values per token, over all layers
 * @param latent         true when some layer caches a latent rather than keys and values
 */
public record KvCache(long valuesPerToken, boolean latent) {
  /** Bytes in a 16-bit cache (bf16 or fp16). */
  public static final long BYTES_PER_VALUE_16_BIT = 2;

  public KvCache {
    if (valuesPerToken < 0) {
      throw new IllegalArgumentException("valuesPerToken < 0: " + valuesPerToken);
    }
  }

  /** The cache of {@code arch}, layer group by layer group. */
  public static KvCache of(Architecture arch) {
    long values = 0;
    boolean anyLatent = false;
    for (Group g : arch.blocks()) {
      Attention a = g.block().attention();
      anyLatent |= a.latent() != null;
      values = addExact(values, multiplyExact(g.layers(), perLayer(a)));
    }
    return new KvCache(values, anyLatent);
  }

  /**
   * The values cached for a sequence of {@code context} tokens: each layer keeps min(context, window)
   * tokens (a sliding-window layer keeps only its window; Jiang et al. 2023, §2, "Rolling Buffer Cache").
   */
  public static long valuesAt(Architecture arch, long context) {
    long values = 0;
    for (Group g : arch.blocks()) {
      Attention a = g.block().attention();
      values = addExact(values, multiplyExact(multiplyExact(g.layers(), perLayer(a)), a.attended(context)));
    }
    return values;
  }

  /** True when some layer attends within a sliding window. */
  public static boolean windowed(Architecture arch) {
    return arch.blocks().stream().anyMatch(g -> g.block().attention().window() != null);
  }

  static long perLayer(Attention a) {
    Latent l = a.latent();
    return l == null ? multiplyExact(2L, a.kvDim()) : addExact(l.kvLoraRank(), l.qkRopeHeadDim());
  }

  /** Bytes per token of context in a 16-bit cache. */
  public long bytesPerToken16Bit() {
    return multiplyExact(valuesPerToken, BYTES_PER_VALUE_16_BIT);
  }
}
