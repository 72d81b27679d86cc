package dev.sizeup.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sizeup.plan.Gpu;
import dev.sizeup.plan.Precision;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.SpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceMemoryTest {
  /** An 80 GiB GPU with H100 SXM's bandwidth and bf16 peak, nothing reserved, so that the figures below are plain arithmetic. */
  static final Device GPU = new Device(new Gpu("test-80gib", List.of(), "", new Gpu.Memory(80L << 30, 3.35e12),
      Map.of(Precision.BF16, 989.4e12, Precision.FP16, 989.4e12, Precision.FP8, 1978.9e12, Precision.INT8, 1978.9e12), ""), 0);

  static InferenceMemory serve(String preset, WeightFormat w, long batch, long context, long tp) throws SpecException {
    return InferenceMemory.of(TrainingMemoryTest.preset(preset), new InferenceSetup(w, 128, KvFormat.BF16, batch, context, tp), GPU);
  }

  /**
   * Llama 2 7B (32 layers, 32 heads of 128, no grouping) caches 2 · 32 · 32 · 128 · 2 bytes = 524,288
   * bytes (0.5 MiB) per token in fp16 (NVIDIA, "Mastering LLM Techniques: Inference Optimization": "1 *
   * 4096 * 2 * 32 * 4096 * 2 bytes, which is ~2 GB" for 4,096 tokens); Llama 2 70B (80 layers, 8 key/value heads of 128; Touvron et al.
   * 2023b, §2.2 and Table 1: GQA for 34B and 70B) caches 2 · 80 · 8 · 128 · 2 = 327,680 bytes (320 KiB).
   */
  @Test
  void llama2_kv_cache_per_token() throws SpecException {
    assertThat(serve("llama2-7b", WeightFormat.FP16, 1, 4096, 1).kvCachePerToken()).isEqualTo(524_288L);
    assertThat(serve("llama2-70b", WeightFormat.FP16, 1, 4096, 1).kvCachePerToken()).isEqualTo(327_680L);
  }

  /**
   * Mistral 7B (Jiang et al. 2023, Table 1; the checkpoint's 7,241,732,096 parameters) in bf16 takes
   * 14,483,464,192 bytes; it caches 2 · 32 layers · 8 key/value heads · 128 · 2 = 131,072 bytes per
   * token, 536,870,912 per 4,096-token sequence. Beside the weights on 80 GiB (85,899,345,920 bytes):
   * ⌊71,415,881,728 / 536,870,912⌋ = 133 sequences.
   */
  @Test
  void mistral_7b_on_80_gib_holds_133_sequences_of_4k() throws SpecException {
    InferenceMemory m = serve("mistral-7b", WeightFormat.BF16, 1, 4096, 1);
    assertThat(m.weights()).isEqualTo(14_483_464_192L);
    assertThat(m.kvCachePerToken()).isEqualTo(131_072L);
    assertThat(m.maxBatchAtContext()).isEqualTo(133);
    assertThat(m.fits()).isTrue();
  }

  /**
   * A mixture of experts keeps every expert resident: Mixtral 8x7B's 46,702,792,704 parameters
   * (safetensors total of mistralai/Mixtral-8x7B-v0.1) in bf16, though a token uses 12,879,925,248
   * (two of eight experts). A decoding step of one sequence reads only the experts that token uses, and
   * of the untied 32,000 × 4,096 input embedding only its row: 12,879,925,248 − 131,072,000 weights.
   */
  @Test
  void moe_weights_are_all_resident_but_one_token_reads_its_experts() throws SpecException {
    InferenceMemory m = serve("mixtral-8x7b", WeightFormat.BF16, 1, 1, 1);
    assertThat(m.weights()).isEqualTo(2 * 46_702_792_704L);
    assertThat(m.fits()).isFalse();
    double kv = m.perGpu().kvCache();
    assertThat(m.speed().bytesPerStep() - kv).isCloseTo(2 * (12_879_925_248.0 - 131_072_000), within(1.0));
  }

  /** With a batch large enough, every expert is read: 1 − (1 − 2/8)^256 ≈ 1. */
  @Test
  void a_large_batch_reads_every_expert() throws SpecException {
    InferenceMemory m = serve("mixtral-8x7b", WeightFormat.BF16, 256, 1, 1);
    assertThat(m.speed().bytesPerStep() - m.perGpu().kvCache()).isCloseTo(2 * (46_702_792_704.0 - 131_072_000), within(1.0));
  }

  /**
   * int4 with groups of 128 as GPTQ and AWQ store it: per matrix of in × out, 4 bits per weight and, per
   * group of 128 inputs of each output, an fp16 scale and a 4-bit zero. Llama 2 7B, listed by shape:
   * per layer q, k, v, o (4,096 × 4,096) and gate, up (4,096 × 11,008), down (11,008 × 4,096); the
   * embedding and head (32,000 × 4,096 each) and the 65 norms of 4,096 stay 16-bit.
   */
  @Test
  void int4_weights_with_group_scales() throws SpecException {
    long square = (4L * 4096 * 4096 + 20L * 4096 * (4096 / 128)) / 8;
    long up = (4L * 4096 * 11_008 + 20L * 11_008 * (4096 / 128)) / 8;
    long down = (4L * 11_008 * 4096 + 20L * 4096 * (11_008 / 128)) / 8; // 11,008 inputs = 86 groups of 128
    long expected = 32 * (4 * square + 2 * up + down) + 2 * (2L * 32_000 * 4096) + 2 * 65L * 4096;
    assertThat(serve("llama2-7b", WeightFormat.INT4, 1, 1, 1).weights()).isEqualTo(expected);
  }

  /** fp8 and int8 halve bf16's matrices; what is left (embeddings, head, norms) stays 16-bit. */
  @Test
  void eight_bit_formats_keep_the_embeddings_in_16_bit() throws SpecException {
    long matrices = 32 * (4L * 4096 * 4096 + 3L * 4096 * 11_008);
    long rest = 2L * 32_000 * 4096 + 65L * 4096;
    assertThat(serve("llama2-7b", WeightFormat.FP8, 1, 1, 1).weights()).isEqualTo(matrices + 32 * 7 * 4L + 2 * rest);
    assertThat(serve("llama2-7b", WeightFormat.INT8, 1, 1, 1).weights())
        .isEqualTo(matrices + 32 * 2L * (4 * 4096 + 2 * 11_008 + 4096) + 2 * rest);
  }

  /**
   * On more GPUs than key/value heads each GPU caches one head (the heads are replicated): Llama 2 70B
   * on 16 GPUs caches 2 · 80 · 1 · 128 · 2 = 40,960 bytes per token on each, 655,360 in all, twice the
   * model's 327,680.
   */
  @Test
  void kv_heads_are_replicated_beyond_their_number() throws SpecException {
    InferenceMemory m = serve("llama2-70b", WeightFormat.BF16, 1, 4096, 16);
    assertThat(m.perGpu().kvCachePerToken()).isEqualTo(40_960L);
    assertThat(serve("llama2-70b", WeightFormat.BF16, 1, 4096, 8).perGpu().kvCachePerToken()).isEqualTo(40_960L);
    assertThat(serve("llama2-70b", WeightFormat.BF16, 1, 4096, 4).perGpu().kvCachePerToken()).isEqualTo(81_920L);
  }

  /** A latent is not split by heads: every GPU caches DeepSeek-V3's 61 · (512 + 64) values per token whole. */
  @Test
  void a_latent_cache_is_whole_on_every_gpu() throws SpecException {
    InferenceMemory m = serve("deepseek-v3", WeightFormat.FP8, 1, 4096, 8);
    assertThat(m.perGpu().kvCachePerToken()).isEqualTo(61L * 576 * 2);
    assertThat(m.kvCachePerToken()).isEqualTo(61L * 576 * 2);
  }

  @Test
  void tensor_parallelism_must_divide_the_heads() throws SpecException {
    Architecture a = TrainingMemoryTest.preset("llama2-7b");
    assertThatThrownBy(() -> InferenceMemory.of(a, new InferenceSetup(WeightFormat.BF16, 128, KvFormat.BF16, 1, 1, 3), GPU))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("must divide the heads (32)");
  }

  /**
   * Decoding one sequence is bound by memory bandwidth, far below the ridge (989.4 TFLOP/s ÷ 3.35 TB/s
   * ≈ 295 FLOP/byte): about 2 FLOPs per 2-byte weight, 1 FLOP/byte. A batch of 1,024 short sequences
   * moves past it; at 512 sequences of 128 tokens the KV cache read (512 · 128 · 0.5 MiB = 34 GB) keeps
   * it below.
   */
  @Test
  void decoding_turns_compute_bound_past_the_ridge() throws SpecException {
    InferenceMemory one = serve("llama2-7b", WeightFormat.BF16, 1, 128, 1);
    assertThat(one.speed().bound()).isEqualTo(InferenceMemory.Bound.MEMORY_BANDWIDTH);
    assertThat(one.speed().arithmeticIntensity()).isCloseTo(1.0, within(0.05));
    assertThat(one.speed().ridge()).isCloseTo(295.3, within(0.1));
    assertThat(serve("llama2-7b", WeightFormat.BF16, 1024, 16, 1).speed().bound()).isEqualTo(InferenceMemory.Bound.COMPUTE);
    assertThat(serve("llama2-7b", WeightFormat.BF16, 512, 128, 1).speed().bound())
        .isEqualTo(InferenceMemory.Bound.MEMORY_BANDWIDTH);
  }

  /**
   * Decoding a token after C others: 2 FLOPs per weight it multiplies and 2·C·(d_qk + d_v) per layer
   * for the attention over the cache (Chowdhery et al. 2022, Appendix B). Llama 2 7B: per layer
   * 4 · 4096² + 3 · 4096 · 11,008 = 202,375,168 weights, 32 layers and the 32,000 × 4,096 head:
   * 6,607,077,376; at C = 1,000, 2 · 6,607,077,376 + 2 · 32 · 1,000 · 8,192 = 13,738,442,752.
   */
  @Test
  void decode_flops_are_2_per_weight_plus_the_attention_over_the_cache() throws SpecException {
    assertThat(serve("llama2-7b", WeightFormat.BF16, 1, 1000, 1).speed().flops().decode()).isEqualTo(13_738_442_752.0);
  }
}
