package dev.sizeup.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelStatesTest {
  private static final long PSI = 7_500_000_000L;
  private static final long N_D = 64;

  /**
   * Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
   * Figure 1: Ψ = 7.5B parameters, K = 12, N_d = 64 GPUs. The figure prints 120 GB for the baseline,
   * 31.4 GB with P_os, 16.6 GB with P_os+g and 1.9 GB with P_os+g+p; the exact bytes are the formulas
   * beside each bar: (2 + 2 + K)·Ψ, 2Ψ + 2Ψ + K·Ψ/N_d, 2Ψ + (2 + K)·Ψ/N_d, (2 + 2 + K)·Ψ/N_d.
   */
  @ParameterizedTest(name = "ZeRO stage {0}: {1} bytes, printed as {2} GB")
  @CsvSource({
    "0, 120000000000, 120",
    "1,  31406250000, 31.4",
    "2,  16640625000, 16.6",
    "3,   1875000000, 1.9",
  })
  void zero_figure_1_for_7_5b_parameters_on_64_gpus(int stage, long exact, double printedGb) {
    StateBytes mixedAdam = Optimizer.ADAMW.states(TrainingPrecision.BF16);
    ModelStates s = ModelStates.of(mixedAdam, PSI, stage, N_D);
    long total = s.weights() + s.gradients() + s.optimizer();
    assertThat(total).isEqualTo(exact);
    assertThat(total / 1e9).isCloseTo(printedGb, within(0.05));
  }

  /** ZeRO §3.1: mixed-precision Adam keeps 2Ψ + 2Ψ + 12Ψ, "K = 12" for the fp32 copy, momentum and variance. */
  @ParameterizedTest(name = "{0} {1}: {2} + {3} + {4} bytes per parameter")
  @CsvSource({
    // Rajbhandari et al. 2020, §3.1: fp16 weights and gradients, fp32 master weights, momentum, variance
    "BF16, ADAMW, 2, 2, 12",
    "FP16, ADAMW, 2, 2, 12",
    // fp32 throughout: weights, gradients, momentum and variance, 4 bytes each
    "FP32, ADAMW, 4, 4, 8",
    // Dettmers et al. 2022, §2: two 8-bit moments (2 bytes) beside the fp32 master weights
    "BF16, ADAMW_8BIT, 2, 2, 6",
    "FP32, ADAMW_8BIT, 4, 4, 2",
    // one fp32 momentum buffer (plus the fp32 master weights)
    "BF16, SGD, 2, 2, 8",
    "FP32, SGD, 4, 4, 4",
  })
  void bytes_per_parameter_by_precision_and_optimizer(TrainingPrecision p, Optimizer o, long w, long g, long opt) {
    StateBytes s = o.states(p);
    assertThat(s.weights()).isEqualTo(w);
    assertThat(s.gradients()).isEqualTo(g);
    assertThat(s.optimizer().bytesPerParameter()).isEqualTo(opt);
  }

  /**
   * 8-bit Adam quantises each moment block-wise in blocks of 2,048 values with one fp32 absolute maximum
   * per block (Dettmers et al. 2022, §2.1): 2 moments × 4 bytes per block, 4,096 bytes of scales for 1M
   * parameters (512 blocks), and a partial block counts whole.
   */
  @ParameterizedTest(name = "{0} parameters: {1} bytes")
  @CsvSource({
    "1048576, 6295552", // 1,048,576 × (4 + 2) + 512 × 8
    "1048577, 6295566", // one more parameter: 6 more bytes, and a 513th block: 8 more
  })
  void eight_bit_adam_adds_two_fp32_scales_per_block_of_2048(long n, long bytes) {
    assertThat(Optimizer.ADAMW_8BIT.states(TrainingPrecision.BF16).optimizer().bytes(n)).isEqualTo(bytes);
  }
}
