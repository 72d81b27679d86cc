package dev.sizeup.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.plan.Gpu;
import dev.sizeup.plan.Precision;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Presets;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingMemoryTest {
  static Architecture preset(String name) throws SpecException {
    return SpecLoader.parse(Presets.text(name), name).architecture();
  }

  static TrainingSetup setup(long seq) {
    return new TrainingSetup(TrainingPrecision.BF16, Optimizer.ADAMW, Optimizer.ADAMW.states(TrainingPrecision.BF16),
        new ActivationSetup(1, seq, Recompute.NONE, true, true));
  }

  static Stream<String> presets() {
    return Presets.names().stream();
  }

  /** On one GPU the single stage holds every parameter the count has, no more and no fewer. */
  @ParameterizedTest
  @MethodSource("presets")
  void one_gpu_holds_every_parameter(String name) throws SpecException {
    Architecture a = preset(name);
    StageMemory s = TrainingMemory.largest(a, setup(2048), new Layout(1, 1, 1, 0, false));
    assertThat(s.parameters()).isEqualTo(ParameterCounter.count(a).total());
  }

  /**
   * Pipeline stages partition the model; a tied embedding appears twice once the head sits on another
   * stage than the embedding (Megatron-LM keeps a copy of the word embeddings on the last stage).
   */
  @ParameterizedTest
  @MethodSource("presets")
  void pipeline_stages_partition_the_parameters(String name) throws SpecException {
    Architecture a = preset(name);
    long p = a.layers() % 4 == 0 ? 4 : a.layers() % 2 == 0 ? 2 : 1;
    List<StageMemory> stages = TrainingMemory.stages(a, setup(2048), new Layout(1, 1, p, 0, false));
    long sum = stages.stream().mapToLong(StageMemory::parameters).sum();
    ParameterCount n = ParameterCounter.count(a);
    long copy = a.embeddings().tied() && p > 1 ? n.embedding() : 0;
    assertThat(sum).isEqualTo(n.total() + copy);
    assertThat(stages).hasSize((int) p);
    assertThat(stages.get(0).inFlight()).isEqualTo(p);
    assertThat(stages.get((int) p - 1).inFlight()).isEqualTo(1);
  }

  /**
   * Tensor parallelism splits the attention and feed-forward weights and the embedding t ways; norms
   * stay whole on every rank. Llama 2 7B (config.json: 32 layers, hidden 4,096, SwiGLU 11,008, vocab
   * 32,000, RMSNorm, untied) on t = 2: each layer's 4·4096² + 3·4096·11,008 weights halve, its two
   * 4,096-wide norms do not; the embedding and head (2 · 32,000 · 4,096) halve; the final norm does not.
   */
  @Test
  void tensor_parallelism_splits_the_matrices_and_keeps_the_norms_whole() throws SpecException {
    Architecture a = preset("llama2-7b");
    long layer = 4L * 4096 * 4096 + 3L * 4096 * 11_008;
    long expected = 32 * (layer / 2 + 2 * 4096) + 2L * 32_000 * 4096 / 2 + 4096;
    assertThat(TrainingMemory.largest(a, setup(4096), new Layout(1, 2, 1, 0, false)).parameters()).isEqualTo(expected);
  }

  /**
   * The smallest layout is checked against brute force: every layout with fewer GPUs (within the same
   * limits) fails to fit, and the one found fits.
   */
  @ParameterizedTest
  @MethodSource("searchCases")
  void the_smallest_layout_is_the_least_that_fits(String name, double gib) throws SpecException {
    Architecture a = preset(name);
    TrainingSetup setup = setup(2048);
    Gpu gpu = new Gpu("test", List.of(), "test", new Gpu.Memory((long) (gib * (1L << 30)), 1e12),
        Map.of(Precision.BF16, 1e15), "");
    Device device = new Device(gpu, 0);
    LayoutSearch.Limits limits = new LayoutSearch.Limits(256, 8);
    Layout found = LayoutSearch.smallest(a, setup, device, limits, true);
    Long bestBrute = null;
    for (long tp = 1; tp <= 8; tp++) {
      for (long pp = 1; pp <= a.layers() && tp * pp <= 256; pp++) {
        for (long dp = 1; dp * tp * pp <= 256; dp++) {
          for (long ep = 1; ep <= dp; ep++) {
            for (int zero = 0; zero <= 3; zero++) {
              if (dp % ep != 0) {
                continue;
              }
              Layout l = new Layout(dp, tp, pp, ep, zero, true);
              if (l.fitsShape(a) && TrainingMemory.largest(a, setup, l).total() <= device.usable()
                  && (bestBrute == null || l.gpus() < bestBrute)) {
                bestBrute = l.gpus();
              }
            }
          }
        }
      }
    }
    if (bestBrute == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).isNotNull();
      assertThat(found.gpus()).isEqualTo(bestBrute);
      assertThat(TrainingMemory.largest(a, setup, found).total()).isLessThanOrEqualTo(device.usable());
    }
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> searchCases() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("pythia-1b", 8.0),
        org.junit.jupiter.params.provider.Arguments.of("llama2-7b", 24.0),
        org.junit.jupiter.params.provider.Arguments.of("llama2-7b", 80.0),
        org.junit.jupiter.params.provider.Arguments.of("mixtral-8x7b", 40.0),
        org.junit.jupiter.params.provider.Arguments.of("mixtral-8x7b", 12.0),
        org.junit.jupiter.params.provider.Arguments.of("gpt2-small", 0.5),
        org.junit.jupiter.params.provider.Arguments.of("llama2-70b", 2.0));
  }

  /**
   * Expert parallelism divides the routed experts among ep ranks. Mixtral 8x7B (config.json: 32 layers of
   * 8 SwiGLU experts, 4,096 → 14,336): 8 · 3 · 4,096 · 14,336 = 1,409,286,144 routed parameters per layer,
   * 45,097,156,608 in all; the other 46,702,792,704 − 45,097,156,608 = 1,605,636,096 stay on every GPU.
   * On ep = 8 each GPU holds one expert per layer: 1,605,636,096 + 5,637,144,576.
   */
  @Test
  void expert_parallelism_divides_the_routed_experts() throws SpecException {
    Architecture a = preset("mixtral-8x7b");
    assertThat(TrainingMemory.largest(a, setup(4096), new Layout(8, 1, 1, 8, 0, false)).parameters())
        .isEqualTo(1_605_636_096L + 5_637_144_576L);
    assertThat(TrainingMemory.largest(a, setup(4096), new Layout(8, 1, 1, 1, 0, false)).parameters())
        .isEqualTo(46_702_792_704L);
  }

  @Test
  void expert_parallelism_must_divide_the_experts_and_dp_and_needs_experts() throws SpecException {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Layout(6, 1, 1, 4, 0, false))
        .hasMessageContaining("expert parallelism of 4 must divide the data-parallel degree (6)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Layout(6, 1, 1, 3, 0, false).checkFits(preset("mixtral-8x7b")))
        .hasMessageContaining("expert parallelism of 3 must divide the experts (8)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Layout(2, 1, 1, 2, 0, false).checkFits(preset("llama2-7b")))
        .hasMessageContaining("needs a mixture of experts");
  }

  /**
   * Latent attention's down projections stay whole on every tensor-parallel rank (vLLM's ReplicatedLinear
   * for q_a_proj and kv_a_proj_with_mqa). A small latent model listed tensor by tensor: embedding 32 × 16
   * (split), two RMSNorms of 16 and the latent norms of 8 and 4 (whole), q_down 16 × 8 (whole), q_up 8 × 16
   * (split), kv_down 16 × 6 (whole), kv_up 4 × 24 (split), W_O 16 × 16 (split), MLP 2 · 16 · 32 (split),
   * the final norm 16 (whole): 2,300 parameters; on t = 2 each rank holds (512 + 128 + 96 + 256 + 1,024)/2
   * + 32 + 12 + 128 + 96 + 16 = 1,292.
   */
  @Test
  void latent_down_projections_are_whole_on_every_tensor_parallel_rank() throws SpecException {
    Architecture a = SpecLoader.parse("""
        architecture:
          layers: 1
          d_model: 16
          heads: 4
          vocab: 32
          d_ff: 32
          ffn: mlp
          norm: rmsnorm
          bias: false
          latent: {q_lora_rank: 8, kv_lora_rank: 4, qk_nope_head_dim: 2, qk_rope_head_dim: 2, v_head_dim: 4}
        """, "tiny-mla").architecture();
    assertThat(ParameterCounter.count(a).total()).isEqualTo(2300);
    assertThat(TrainingMemory.largest(a, setup(8), new Layout(1, 2, 1, 0, false)).parameters()).isEqualTo(1292);
  }
}
