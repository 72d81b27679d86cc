package dev.sizeup.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  @Test
  void options_out_of_range_name_their_key() {
    assertThatThrownBy(() -> new Analyzer.Options(null, null, null, 0L, null))
        .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("seq_len: expected an integer from 1 to ");
    assertThatThrownBy(() -> new Analyzer.Options(0L, null, null, null, null))
        .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("tokens: ");
  }

  @Test
  void a_batch_keeps_input_order_and_puts_each_error_in_its_place() {
    Analyzer.Batch batch = Analyzer.analyzeAll(List.of("gpt2-medium", "no-such-preset", "gpt2-small"),
        Analyzer.Options.DEFAULT);
    assertThat(batch.analyses()).extracting(a -> a.spec().name()).containsExactly("gpt2-medium", "gpt2-small");
    assertThat(batch.errors()).extracting(SpecException::file).containsExactly("no-such-preset");
  }

  /** A count that does not fit 64 bits is the user's sizes, reported where the architecture is. */
  @Test
  void a_count_beyond_64_bits_is_a_located_diagnostic() throws SpecException {
    var spec = SpecLoader.parse("""
        name: absurd
        architecture: {layers: 1000000000, d_model: 1000000000, heads: 1, vocab: 10, head_dim: 1000000000}
        """, "absurd.yaml");
    assertThatThrownBy(() -> Analyzer.analyze(spec, Analyzer.Options.DEFAULT))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).render()).asString()
        .isEqualTo("absurd.yaml:2:1: error: architecture: sizes too large: the parameter count overflows a 64-bit "
            + "integer (over 9.2e18)");
  }

  /** The tokens option replaces each spec's own training tokens. */
  @Test
  void tokens_replace_the_specs_own() throws SpecException {
    Analysis a = Analyzer.analyze(SpecLoader.parse("""
        architecture: {layers: 96, d_model: 12288, heads: 96, vocab: 50257, context: 2048}
        training: {tokens: 300B}
        """, "g.yaml"), new Analyzer.Options(1_400_000_000_000L, null, null, null, null));
    assertThat(a.chinchilla().tokens()).isEqualTo(1_400_000_000_000L);
    assertThat(a.spec().tokens()).isEqualTo(1_400_000_000_000L);
  }
}
