package dev.sizeup.flops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.scaling.Chinchilla;
import dev.sizeup.scaling.VerdictBands;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlopsCounterTest {

  /**
   * Kaplan et al. 2020, Table 1, written in the paper's symbols: N = 2·d_model·n_layer·(2·d_attn + d_ff)
   * non-embedding parameters (QKV, projection, feed-forward), C_forward = 2N + 2·n_layer·n_ctx·d_attn,
   * plus the table's de-embedding row 2·d_model·n_vocab. Checked for GPT-2 small (12, 768, 3072,
   * vocab 50257, n_ctx 1024) and GPT-3 175B (96, 12288, 49152, n_ctx 2048; Brown et al. 2020, Table 2.1).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gpt2-small, 12,   768, 12,  64,  3072, 1024",
    "gpt3-175b,  96, 12288, 96, 128, 49152, 2048",
  })
  void forward_flops_follow_kaplan_table_1(String model, long nLayer, long dModel, long heads, long headDim,
      long dFf, long nCtx) throws SpecException {
    Architecture a = SpecLoader.load(Path.of("architectures/" + model + ".yaml")).architecture();
    double dAttn = heads * headDim;
    double n = 2.0 * dModel * nLayer * (2 * dAttn + dFf);
    double kaplan = 2 * n + 2.0 * nLayer * nCtx * dAttn + 2.0 * dModel * 50257;
    FlopsPerToken f = FlopsCounter.perToken(a, ParameterCounter.count(a), null);
    assertThat(f.forward()).isEqualTo(kaplan);
    assertThat(f.training()).isEqualTo(3 * kaplan);
  }

  @Test
  void two_n_and_six_n_use_the_exact_parameter_count() throws SpecException {
    Architecture a = SpecLoader.load(Path.of("architectures/gpt2-small.yaml")).architecture();
    ParameterCount p = ParameterCounter.count(a);
    FlopsPerToken f = FlopsCounter.perToken(a, p, null);
    assertThat(f.forward2n()).isEqualTo(2.0 * 124_439_808);
    assertThat(f.training6n()).isEqualTo(6.0 * 124_439_808);
    assertThat(f.forward2nNonEmbedding()).isEqualTo(2.0 * 85_056_000);
  }

  @Test
  void tying_the_head_does_not_change_the_matmul_count() throws SpecException {
    Architecture tied = SpecLoader.load(Path.of("architectures/gpt2-small.yaml")).architecture();
    Architecture untied = SpecLoader.parse("""
        architecture: {layers: 12, d_model: 768, heads: 12, vocab: 50257, context: 1024, tied_embeddings: false}
        """, "untied.yaml").architecture();
    assertThat(FlopsCounter.forward(untied, 1024)).isEqualTo(FlopsCounter.forward(tied, 1024));
  }

  @Test
  void without_a_context_the_matmul_count_is_unknown() throws SpecException {
    Architecture a = SpecLoader.parse("""
        architecture: {layers: 2, d_model: 64, heads: 4, vocab: 100, positions: rotary}
        """, "r.yaml").architecture();
    FlopsPerToken f = FlopsCounter.perToken(a, ParameterCounter.count(a), null);
    assertThat(f.forward()).isNull();
    assertThat(f.training()).isNull();
    assertThat(f.forward2n()).isPositive();
  }

  /**
   * Brown et al. 2020, Table D.1: "Total train compute (flops)" is 6 × params × 300B tokens
   * (flops per param per token 6 = 2 forward × 3). With the table's own parameter column, 6·N·D must
   * reproduce the printed value to its last digit.
   */
  @ParameterizedTest(name = "GPT-3 {0}")
  @CsvSource({
    "Small,     125, 2.25E+20",
    "Medium,    356, 6.41E+20",
    "Large,     760, 1.37E+21",
    "XL,       1320, 2.38E+21",
    "2.7B,     2650, 4.77E+21",
    "6.7B,     6660, 1.20E+22",
    "13B,     12850, 2.31E+22",
    "175B,   174600, 3.14E+23",
  })
  void six_n_d_reproduces_gpt3_table_d1(String model, long paramsMillions, BigDecimal publishedFlops) {
    double flops = Chinchilla.assess(paramsMillions * 1_000_000, 300_000_000_000L, VerdictBands.DEFAULT).trainingFlops();
    double halfUlp = publishedFlops.ulp().doubleValue() / 2;
    assertThat(flops).isCloseTo(publishedFlops.doubleValue(), within(halfUlp));
  }
}
