package dev.sizeup.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Presets;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"
 * (arXiv:2205.05198), Table 2: activation memory per transformer layer, in bytes, for a GPT block with
 * 16-bit activations and dropout. The expected values are the table's closed forms evaluated here, not
 * the code's term-by-term sum.
 */
class ActivationsTest {
  /** GPT-3 175B's shape (Brown et al. 2020, Table 2.1; Korthikanti et al. 2022, Table 3): a = 96, h = 12,288, s = 2,048. */
  private static final long A = 96;
  private static final long H = 12_288;
  private static final long S = 2_048;

  private static Architecture gpt3() throws SpecException {
    return SpecLoader.parse("""
        architecture: {layers: 96, d_model: 12288, heads: 96, vocab: 50257, context: 2048, ffn: mlp, norm: layernorm}
        """, "gpt3.yaml").architecture();
  }

  private static long perLayer(Architecture a, long b, Recompute r, boolean flash, long t, boolean sp) {
    return Activations.perLayer(a, a.block(), new ActivationSetup(b, S, r, flash, true), t, sp, 2);
  }

  /** §4.1: "5as/h ... for GPT-3 175B ... is 80": the attention scores take 80/34 of the rest. */
  @Test
  void gpt3_scores_term_is_80_sbh() throws SpecException {
    long b = 1;
    long withScores = perLayer(gpt3(), b, Recompute.NONE, false, 1, false);
    long without = perLayer(gpt3(), b, Recompute.SELECTIVE, false, 1, false);
    assertThat(5 * A * S / H).isEqualTo(80);
    assertThat(withScores - without).isEqualTo(S * b * H * 80);
  }

  @ParameterizedTest(name = "b = {0}: sbh(34 + 5as/h)")
  @CsvSource({"1", "4"})
  void no_parallelism(long b) throws SpecException {
    assertThat(perLayer(gpt3(), b, Recompute.NONE, false, 1, false)).isEqualTo(S * b * H * (34 + 5 * A * S / H));
  }

  @ParameterizedTest(name = "t = {0}: sbh(10 + 24/t + 5as/(ht))")
  @CsvSource({"2", "4", "8"})
  void tensor_parallelism(long t) throws SpecException {
    long b = 1;
    // sbh·(10 + 24/t + 5as/(ht)) = 10·sbh + (24·sbh + 5·a·s²·b)/t, exact here as t divides both
    long expected = 10 * S * b * H + (24 * S * b * H + 5 * A * S * S * b) / t;
    assertThat(perLayer(gpt3(), b, Recompute.NONE, false, t, false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "t = {0}: sbh/t·(34 + 5as/h)")
  @CsvSource({"2", "4", "8"})
  void tensor_and_sequence_parallelism(long t) throws SpecException {
    long b = 1;
    assertThat(perLayer(gpt3(), b, Recompute.NONE, false, t, true)).isEqualTo(S * b * H * (34 + 5 * A * S / H) / t);
  }

  @ParameterizedTest(name = "t = {0}: sbh/t·34")
  @CsvSource({"1", "8"})
  void tensor_and_sequence_parallelism_with_selective_recomputation(long t) throws SpecException {
    long b = 1;
    assertThat(perLayer(gpt3(), b, Recompute.SELECTIVE, false, t, t > 1)).isEqualTo(S * b * H * 34 / t);
  }

  @ParameterizedTest(name = "t = {0}: sbh(10 + 24/t)")
  @CsvSource({"2", "8"})
  void tensor_parallelism_with_selective_recomputation(long t) throws SpecException {
    assertThat(perLayer(gpt3(), 1, Recompute.SELECTIVE, false, t, false)).isEqualTo(S * H * (10 + 24 / t));
  }

  /**
   * Korthikanti et al. 2022, §5: selective recomputation "saves 70% of the activation memory for GPT-3
   * and 65% for MT-NLG" (MT-NLG 530B: a = 128, h = 20,480, s = 2,048, Table 3; 5as/h = 64).
   */
  @ParameterizedTest(name = "{0}: {4}% saved")
  @CsvSource({
    "gpt3,  96, 12288, 96,  70",
    "mtnlg, 128, 20480, 105, 65",
  })
  void selective_recomputation_saves_70_and_65_percent(String name, long heads, long h, long layers, long percent)
      throws SpecException {
    Architecture a = SpecLoader.parse("architecture: {layers: " + layers + ", d_model: " + h + ", heads: " + heads
        + ", vocab: 51200, context: 2048, ffn: mlp, norm: layernorm}", name).architecture();
    double full = perLayer(a, 1, Recompute.NONE, false, 1, false);
    double selective = perLayer(a, 1, Recompute.SELECTIVE, false, 1, false);
    assertThat(Math.round(100 * (1 - selective / full))).isEqualTo(percent);
  }

  /**
   * Table 2: full recomputation keeps the layer's input, 2sbh. With sequence parallelism that input
   * arrives split along the sequence, 2sbh/t (a deviation from the table, which lists 2sbh throughout).
   */
  @Test
  void full_recomputation_keeps_the_layer_input_2sbh_split_by_sequence_parallelism() throws SpecException {
    assertThat(perLayer(gpt3(), 1, Recompute.FULL, false, 1, false)).isEqualTo(2 * S * H);
    assertThat(perLayer(gpt3(), 1, Recompute.FULL, false, 8, true)).isEqualTo(2 * S * H / 8);
  }

  /**
   * A fused kernel stores no s² scores, only FlashAttention-2's fp32 log-sum-exp per query and head
   * (Dao 2023, Algorithm 1, line 13: "write L_i"): 34·sbh + 4·a·s·b.
   */
  @Test
  void flash_attention_keeps_a_log_sum_exp_instead_of_the_scores() throws SpecException {
    assertThat(perLayer(gpt3(), 1, Recompute.NONE, true, 1, false)).isEqualTo(S * H * 34 + 4 * A * S);
  }

  /**
   * The generalised count for Llama 2 70B (config.json: hidden 8,192, 64 heads, 8 key/value heads of
   * 128, SwiGLU of 28,672, RMSNorm), no dropout, FlashAttention, listed tensor by tensor in bytes per
   * token (16-bit): two norm inputs 2·2h; the attention and feed-forward inputs 2h + 2h; Q 2·8192, K and
   * V 2·1024 each, the output projection's input 2·8192; gate, up and their product 3 · 2·28,672; the
   * log-sum-exp 4 · 64.
   */
  @Test
  void llama2_70b_tensor_by_tensor() throws SpecException {
    Architecture a = SpecLoader.parse(Presets.text("llama2-70b"), "llama2-70b").architecture();
    long perToken = 2 * 2 * 8192 + 2 * 8192 + 2 * 8192
        + 2 * 8192 + 2 * 1024 + 2 * 1024 + 2 * 8192
        + 3 * 2 * 28_672
        + 4 * 64;
    long s = 4096;
    assertThat(Activations.perLayer(a, a.block(), new ActivationSetup(1, s, Recompute.NONE, true, false), 1, false, 2))
        .isEqualTo(perToken * s);
  }

  /** Without dropout the masks go: 2·sbh of residual masks and a·s²·b of the probabilities', and the dropout output 2·a·s²·b. */
  @Test
  void no_dropout_drops_the_masks_and_the_dropout_output() throws SpecException {
    Architecture a = gpt3();
    long with = Activations.perLayer(a, a.block(), new ActivationSetup(1, S, Recompute.NONE, false, true), 1, false, 2);
    long without = Activations.perLayer(a, a.block(), new ActivationSetup(1, S, Recompute.NONE, false, false), 1, false, 2);
    assertThat(with - without).isEqualTo(2 * S * H + 3 * A * S * S);
  }
}
