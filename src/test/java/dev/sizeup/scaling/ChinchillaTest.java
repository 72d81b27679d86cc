package dev.sizeup.scaling;

import dev.sizeup.spec.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChinchillaTest {

  /**
   * Hoffmann et al. 2022: Chinchilla, 70B parameters trained on 1.4T tokens (abstract; Table 1),
   * is their compute-optimal model. GPT-3 175B on 300B tokens (Brown et al. 2020, Table D.1) and
   * Gopher 280B on 300B tokens (Rae et al. 2021; Hoffmann et al. Table 1) are the under-trained
   * models the paper points at.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Chinchilla 70B,  70000000000, 1400000000000, 1.0,                compute-optimal",
    "GPT-3 175B,     175000000000,  300000000000, 0.08571428571428572, severely-under-trained",
    "Gopher 280B,    280000000000,  300000000000, 0.05357142857142857, severely-under-trained",
  })
  void published_models_get_the_verdict_the_paper_gives_them(String model, long n, long d, double ratio, String verdict) {
    ChinchillaAssessment c = Chinchilla.assess(n, d, VerdictBands.DEFAULT);
    assertThat(c.optimalTokens()).isEqualTo(20 * n);
    assertThat(c.ratioToOptimal()).isEqualTo(ratio);
    assertThat(c.tokensPerParameter()).isEqualTo((double) d / n);
    assertThat(c.trainingFlops()).isEqualTo(6.0 * n * d);
    assertThat(c.verdict().key()).isEqualTo(verdict);
  }

  @ParameterizedTest(name = "ratio {0} → {1}")
  @CsvSource({
    "0.1999, severely-under-trained",
    "0.2,    under-trained",
    "0.7999, under-trained",
    "0.8,    compute-optimal",
    "1.25,   compute-optimal",
    "1.2501, over-trained",
    "120,    over-trained",
  })
  void default_bands_split_at_0_2_0_8_and_1_25(double ratio, String verdict) {
    assertThat(VerdictBands.DEFAULT.classify(ratio).key()).isEqualTo(verdict);
  }

  @Test
  void bands_can_be_moved() {
    VerdictBands strict = new VerdictBands(0.5, 0.95, 1.05);
    assertThat(strict.classify(0.9)).isEqualTo(Verdict.UNDER_TRAINED);
    assertThat(strict.classify(1.1)).isEqualTo(Verdict.OVER_TRAINED);
    assertThat(strict.classify(0.4)).isEqualTo(Verdict.SEVERELY_UNDER_TRAINED);
  }

  @Test
  void bands_must_increase() {
    assertThatThrownBy(() -> new VerdictBands(0.8, 0.2, 1.25)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new VerdictBands(0, 0.8, 1.25)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new VerdictBands(0.2, 0.8, Double.NaN)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void without_tokens_only_the_optimal_count_is_known() {
    ChinchillaAssessment c = Chinchilla.assess(124_439_808, null, VerdictBands.DEFAULT);
    assertThat(c.optimalTokens()).isEqualTo(2_488_796_160L);
    assertThat(c.tokens()).isNull();
    assertThat(c.verdict()).isNull();
  }
}
