package dev.sizeup.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.spec.Tolerance;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
  /**
   * Mixtral 8x7B: 12,879,925,248 parameters active per token (2 of 8 experts, as counted), published
   * as "12.9B" (Mistral AI's announcement): 20,074,752 below, within the ±50,000,000 that 12.9B stands for.
   */
  @Test
  void a_rounded_figure_accepts_what_rounds_to_it_and_nothing_else() {
    Tolerance rounded = new Tolerance.Rounding(100_000_000, "12.9B");
    assertThat(new Validation.Check("active_parameters", 12_900_000_000L, 12_879_925_248L, rounded).ok()).isTrue();
    assertThat(new Validation.Check("active_parameters", 12_900_000_000L, 12_849_999_999L, rounded).ok()).isFalse();
    assertThat(new Validation.Check("active_parameters", 12_900_000_000L, 12_850_000_000L, rounded).ok()).isTrue();
  }

  /** GPT-2 small: HF GPT2LMHeadModel.num_parameters() = 124,439,808; one off is a mismatch. */
  @Test
  void an_exact_figure_accepts_only_itself_and_a_relative_one_its_fraction() {
    assertThat(new Validation.Check("parameters", 124_439_808L, 124_439_808L, new Tolerance.Exact()).ok()).isTrue();
    assertThat(new Validation.Check("parameters", 124_439_808L, 124_439_809L, new Tolerance.Exact()).ok()).isFalse();
    Validation.Check relative = new Validation.Check("parameters", 1_000_000L, 1_010_000L, new Tolerance.Relative(0.01));
    assertThat(relative.ok()).isTrue();
    assertThat(relative.difference()).isEqualTo(10_000L);
    assertThat(relative.relativeDifference()).isEqualTo(0.01);
  }

  @Test
  void a_run_counts_matches_mismatches_specs_without_figures_and_unreadable_inputs() {
    Analyzer.Batch batch = Analyzer.analyzeAll(List.of("gpt2-small", "mixtral-8x7b", "src/test/resources/hf/phi-2",
        "src/test/resources/specs/bad/zero-size.yaml"), Analyzer.Options.DEFAULT);
    ValidationRun run = ValidationRun.of(batch);
    assertThat(run.matched()).isEqualTo(2);
    assertThat(run.unchecked()).isEqualTo(1);
    assertThat(run.mismatched()).isZero();
    assertThat(run.unreadable()).isEqualTo(1);
    assertThat(run.ok()).isTrue();
  }
}
