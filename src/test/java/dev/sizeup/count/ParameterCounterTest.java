package dev.sizeup.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Block;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.FeedForward;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Norms;
import dev.sizeup.spec.Norm;
import dev.sizeup.spec.Positions;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterCounterTest {

  /**
   * Exact counts of the released GPT-2 checkpoints, from Hugging Face
   * {@code GPT2LMHeadModel.from_pretrained(name).num_parameters()} (openai-community/gpt2,
   * gpt2-medium, gpt2-large, gpt2-xl; config.json gives n_layer, n_embd, n_head, vocab 50257,
   * n_positions 1024). Radford et al. 2019, Table 2 gives the shapes (its 117M/345M/762M/1542M
   * labels predate the recount).
   */
  @ParameterizedTest(name = "{0}: {4}")
  @CsvSource({
    "gpt2,        12,  768, 12,  124439808",
    "gpt2-medium, 24, 1024, 16,  354823168",
    "gpt2-large,  36, 1280, 20,  774030080",
    "gpt2-xl,     48, 1600, 25, 1557611200",
  })
  void gpt2_checkpoints_count_exactly(String model, long layers, long dModel, long heads, long published) {
    Architecture a = Architectures.gpt(layers, dModel, heads, dModel / heads, 1024);
    assertThat(ParameterCounter.count(a).total()).isEqualTo(published);
  }

  /**
   * Brown et al. 2020, Table 2.1 (shapes; context 2048) and Table D.1 (parameters in millions,
   * printed to the digit shown). The XL and 13B rows use attention width = d_model (see the presets
   * for why Table 2.1's d_head/d_model contradict themselves there). The count must round to the
   * published figure: |count − published| ≤ half a unit of the last printed digit.
   */
  @ParameterizedTest(name = "GPT-3 {0}: {5}M")
  @CsvSource({
    "Small,  12,   768, 12,  64,    125,  0.5",
    "Medium, 24,  1024, 16,  64,    356,  0.5",
    "Large,  24,  1536, 16,  96,    760,  0.5",
    "XL,     24,  2048, 16, 128,   1320,  5",
    "2.7B,   32,  2560, 32,  80,   2650,  5",
    "6.7B,   32,  4096, 32, 128,   6660,  5",
    "13B,    40,  5120, 40, 128,  12850,  5",
    "175B,   96, 12288, 96, 128, 174600, 50",
  })
  void gpt3_models_round_to_table_d1(String model, long layers, long dModel, long heads, long headDim,
      long publishedMillions, double halfUnitMillions) {
    long total = ParameterCounter.count(Architectures.gpt(layers, dModel, heads, headDim, 2048)).total();
    assertThat(Math.abs(total / 1e6 - publishedMillions)).isLessThanOrEqualTo(halfUnitMillions);
  }

  /**
   * The part-by-part counts of GPT-2 small follow from the published shapes (nanoGPT's model.py and
   * Hugging Face's GPT2 modules: c_attn 768×2304+2304, c_proj 768×768+768, c_fc 768×3072+3072,
   * mlp c_proj 3072×768+768, two LayerNorms of 2×768 per block, ln_f).
   */
  @Test
  void gpt2_small_parts_match_the_checkpoint_layout() {
    ParameterCount p = ParameterCounter.count(Architectures.gpt(12, 768, 12, 64, 1024));
    assertThat(p.embedding()).isEqualTo(50257L * 768);
    assertThat(p.position()).isEqualTo(1024L * 768);
    assertThat(p.attention()).isEqualTo(12L * ((768L * 2304 + 2304) + (768L * 768 + 768)));
    assertThat(p.feedForward()).isEqualTo(12L * ((768L * 3072 + 3072) + (3072L * 768 + 768)));
    assertThat(p.norm()).isEqualTo((12L * 2 + 1) * 2 * 768);
    assertThat(p.output()).isZero();
    assertThat(p.perLayer()).isEqualTo(7_087_872L);
    assertThat(p.nonEmbedding()).isEqualTo(124_439_808L - 50257L * 768 - 1024L * 768);
  }

  /** Issue 2's seed material counts GPT-2 small without positions, attention biases or final norm. */
  @Test
  void simplified_gpt2_small_counts_123_614_976() throws SpecException {
    Architecture a = SpecLoader.load(Path.of("src/test/resources/specs/good/gpt2-small-simplified.yaml")).architecture();
    assertThat(ParameterCounter.count(a).total()).isEqualTo(123_614_976L);
  }

  @Test
  void tied_embeddings_count_the_matrix_once() {
    Architecture tied = Architectures.gpt(12, 768, 12, 64, 1024);
    long difference = ParameterCounter.count(Architectures.untied(tied)).total() - ParameterCounter.count(tied).total();
    assertThat(difference).isEqualTo(50257L * 768);
    assertThat(ParameterCounter.count(Architectures.untied(tied)).output()).isEqualTo(50257L * 768);
  }

  /**
   * Grouped-query attention shrinks K and V to kv_heads · head_dim columns each (Ainslie et al. 2023):
   * Mistral 7B's attention is 4096×4096 (Q) + 2 × 4096×1024 (K, V) + 4096×4096 (O) per layer
   * (config.json: hidden_size 4096, num_attention_heads 32, num_key_value_heads 8).
   */
  @Test
  void grouped_query_attention_shrinks_only_k_and_v() {
    Architecture mistralLike = new Architecture(32, 4096, 32000, 32768L,
        new Block(Architectures.attention(32, 8, 128, false, false), new FeedForward(FfnKind.GATED, 14336, false), 2, null),
        new Norms(Norm.RMSNORM, true, false),
        new Embeddings(Positions.ROTARY, 0, false, false));
    ParameterCount p = ParameterCounter.count(mistralLike);
    assertThat(p.attention()).isEqualTo(32L * (4096L * 4096 * 2 + 2L * 4096 * 1024));
    assertThat(p.feedForward()).isEqualTo(32L * 3 * 4096 * 14336);
    assertThat(p.norm()).isEqualTo((32L * 2 + 1) * 4096);
    assertThat(p.position()).isZero();
  }

  @Test
  void sizes_whose_count_overflows_64_bits_throw_instead_of_wrapping() {
    Architecture absurd = Architectures.gpt(1_000_000_000L, 1_000_000_000L, 1, 1_000_000_000L, 1024);
    assertThatThrownBy(() -> ParameterCounter.count(absurd)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void a_count_record_rejects_parts_that_do_not_add_up() {
    assertThatThrownBy(() -> new ParameterCount(1, 2, 3, 4, 5, 6, 0, 99, 99, 99 - 1 - 2 - 6, 1, java.util.List.of(),
        new ParameterCount.Within(0, 0, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum");
  }
}
