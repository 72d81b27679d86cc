package dev.sizeup.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.report.SizingReportsTestAccess;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.SpecLoader;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SizerTest {
  private static Sizing size(String preset) throws Exception {
    return Sizer.size(SpecLoader.load(Inputs.read(Inputs.preset(preset), InputStream.nullInputStream()), null),
        SizingReportsTestAccess.defaults());
  }

  /** GPT-2 small: 124,439,808 parameters (Hugging Face gpt2, model.safetensors); no training tokens published. */
  @Test
  void a_spec_without_tokens_is_sized_at_twenty_tokens_per_parameter() throws Exception {
    Sizing s = size("gpt2-small");
    assertThat(s.tokensAssumed()).isTrue();
    assertThat(s.analysis().chinchilla().tokens()).isEqualTo(20L * 124_439_808L);
  }

  /** GPT-3 175B was trained on 300B tokens (Brown et al. 2020, Table 2.2): the spec's tokens are kept. */
  @Test
  void given_tokens_are_kept() throws Exception {
    Sizing s = size("gpt3-175b");
    assertThat(s.tokensAssumed()).isFalse();
    assertThat(s.analysis().chinchilla().tokens()).isEqualTo(300_000_000_000L);
    assertThat(s.plan().computeFlops()).isEqualTo(s.analysis().chinchilla().trainingFlops());
  }

  /**
   * Llama 2 70B has 68,976,648,192 parameters (Hugging Face meta-llama/Llama-2-70b-hf); in bf16 that is
   * 137.95 GB, more than an 80 GB H100 less a 10% reserve (72 GB) holds, and half of it (68.98 GB, plus
   * 0.67 GB of KV cache for 4,096 tokens: 2·80·8·128 values × 2 bytes × 4,096 ÷ 2) fits: two GPUs.
   */
  @Test
  void serving_takes_the_fewest_gpus_that_hold_the_weights_and_the_cache() throws Exception {
    Sizing s = size("llama2-70b");
    assertThat(s.serving().setup().tp()).isEqualTo(2);
    assertThat(s.serving().fits()).isTrue();
    assertThat(s.weights().get(0).bytes()).isEqualTo(2 * 68_976_648_192L);
  }
}
