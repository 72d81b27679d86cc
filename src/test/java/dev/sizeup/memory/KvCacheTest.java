package dev.sizeup.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.spec.Presets;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import org.junit.jupiter.api.Test;

class KvCacheTest {
  /**
   * Kwon et al. 2023, "Efficient Memory Management for Large Language Model Serving with
   * PagedAttention" (vLLM), §3: "for the 13B parameter OPT model, the KV cache of a single token
   * demands 800 KB of space, calculated as 2 (key and value vectors) × 5120 (hidden state size) × 40
   * (number of layers) × 2 (bytes per FP16)" = 819,200 bytes.
   */
  @Test
  void opt_13b_caches_800_kb_per_token() throws SpecException {
    KvCache kv = KvCache.of(SpecLoader.parse("""
        architecture: {layers: 40, d_model: 5120, heads: 40, vocab: 50272, context: 2048, ffn: mlp, norm: layernorm}
        """, "opt-13b.yaml").architecture());
    assertThat(kv.bytesPerToken16Bit()).isEqualTo(819_200L);
    assertThat(kv.latent()).isFalse();
  }

  /**
   * Grouped-query attention caches kv_heads heads, not heads: Llama 3 8B (config.json: 32 layers,
   * 8 key/value heads of 128) caches 2 · 8 · 128 · 32 = 65,536 values, a quarter of Llama 2 7B's
   * 2 · 32 · 128 · 32 (32 heads, no grouping).
   */
  @Test
  void grouped_query_attention_caches_only_the_key_value_heads() throws SpecException {
    long llama3 = KvCache.of(SpecLoader.parse(Presets.text("llama3-8b"), "llama3-8b").architecture()).valuesPerToken();
    long llama2 = KvCache.of(SpecLoader.parse(Presets.text("llama2-7b"), "llama2-7b").architecture()).valuesPerToken();
    assertThat(llama3).isEqualTo(65_536L);
    assertThat(llama2).isEqualTo(262_144L);
  }

  /**
   * DeepSeek-AI 2024, "DeepSeek-V2", §2.1.2 and Table 1: MLA caches (d_c + d_h^R) · l elements per
   * token; with d_c = 4·d_h and d_h^R = d_h/2 (d_h = 128: kv_lora_rank 512, qk_rope_head_dim 64) "its
   * KV cache is equal to GQA with only 2.25 groups": 2 · 2.25 · 128 · 60 layers = 34,560.
   */
  @Test
  void latent_attention_caches_the_latent_and_the_rotary_key() throws SpecException {
    KvCache kv = KvCache.of(SpecLoader.parse("""
        architecture:
          layers: 60
          d_model: 5120
          heads: 128
          vocab: 102400
          latent: {q_lora_rank: 1536, kv_lora_rank: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128}
        """, "deepseek-v2.yaml").architecture());
    assertThat(kv.valuesPerToken()).isEqualTo(34_560L);
    assertThat(kv.latent()).isTrue();
  }

  /**
   * Jiang et al. 2023, "Mistral 7B", §2 (Rolling Buffer Cache): with a window of W = 4,096, "on a
   * sequence length of 32k tokens, this reduces the cache memory usage by 8x". Below the window nothing
   * changes.
   */
  @Test
  void a_sliding_window_caps_the_cache_8x_at_32k_for_mistral() throws SpecException {
    var windowed = SpecLoader.parse(Presets.text("mistral-7b"), "mistral-7b").architecture();
    var full = SpecLoader.parse(Presets.text("mistral-7b").replace("  sliding_window: 4096\n", ""), "full").architecture();
    assertThat(KvCache.valuesAt(full, 32_768)).isEqualTo(8 * KvCache.valuesAt(windowed, 32_768));
    assertThat(KvCache.valuesAt(windowed, 4096)).isEqualTo(KvCache.valuesAt(full, 4096));
    assertThat(KvCache.valuesAt(windowed, 4096)).isEqualTo(4096L * KvCache.of(windowed).valuesPerToken());
  }

  /**
   * gpt-oss-20b (config.json: 24 layers, layer_types alternating sliding_attention and full_attention,
   * sliding_window 128, 8 key/value heads of 64): at 131,072 tokens, 12 layers cache 128 tokens and 12
   * cache all of them, 2 · 8 · 64 = 1,024 values per layer and token.
   */
  @Test
  void alternating_windows_cap_half_the_layers() throws SpecException, java.io.IOException {
    var a = SpecLoader.load(java.nio.file.Path.of("src/test/resources/hf/gpt-oss-20b/config.json")).architecture();
    assertThat(KvCache.valuesAt(a, 131_072)).isEqualTo(12L * 1024 * 128 + 12L * 1024 * 131_072);
  }
}
