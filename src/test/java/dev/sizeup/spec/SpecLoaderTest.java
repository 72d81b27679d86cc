package dev.sizeup.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sizeup.analysis.Analyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecLoaderTest {
  static final Path BAD = Path.of("src/test/resources/specs/bad");
  static final Path GOOD = Path.of("src/test/resources/specs/good");

  /**
   * Each bad/NAME.yaml (or .json) has a bad/NAME.err holding the one diagnostic line it must
   * produce, without the leading file name. The whole pipeline runs (load, resolve, count), so
   * errors found while counting (overflow) are covered too.
   */
  @TestFactory
  Stream<DynamicTest> every_bad_spec_gives_one_located_diagnostic() throws IOException {
    List<Path> specs;
    try (Stream<Path> files = Files.list(BAD)) {
      specs = files.filter(p -> p.toString().matches(".*\\.(yaml|json)$")).sorted().toList();
    }
    assertThat(specs).hasSizeGreaterThanOrEqualTo(40);
    return specs.stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
      Path err = Path.of(spec.toString().replaceAll("\\.(yaml|json)$", ".err"));
      String expected = Inputs.display(spec) + ":" + Files.readString(err).strip();
      Analyzer.Batch batch = Analyzer.analyzeAll(List.of(spec.toString()), Analyzer.Options.DEFAULT);
      assertThat(batch.analyses()).isEmpty();
      assertThat(batch.errors()).hasSize(1);
      String rendered = batch.errors().get(0).render();
      assertThat(rendered).isEqualTo(expected).doesNotContain("\n").doesNotContain("Exception");
    }));
  }

  @Test
  void every_default_applied_is_recorded_in_key_order() throws SpecException {
    Spec spec = SpecLoader.load(GOOD.resolve("minimal.yaml"));
    assertThat(spec.defaults()).extracting(AppliedDefault::key).containsExactly(
        "name", "kv_heads", "head_dim", "d_ff", "positions", "position_offset", "ffn", "norm",
        "norms_per_layer", "final_norm", "embedding_norm", "bias", "qkv_bias", "attn_out_bias",
        "ffn_bias", "output_bias", "tied_embeddings", "qk_norm", "attention_sinks");
    Architecture a = spec.architecture();
    assertThat(spec.name()).isEqualTo("minimal");
    assertThat(a.attention().kvHeads()).isEqualTo(12);
    assertThat(a.attention().headDim()).isEqualTo(64);
    assertThat(a.ffn().dFf()).isEqualTo(4 * 768);
    assertThat(a.embeddings().positions()).isEqualTo(Positions.LEARNED);
    assertThat(a.norms().kind()).isEqualTo(Norm.LAYERNORM);
    assertThat(a.block().normsPerLayer()).isEqualTo(2);
    assertThat(a.norms().finalNorm()).isTrue();
    assertThat(a.attention().bias().qkv() && a.attention().bias().out() && a.ffn().bias()).isTrue();
    assertThat(a.embeddings().tied()).isTrue();
    assertThat(a.moe()).isNull();
  }

  /**
   * The original design's spec: layers, d_model, heads, d_ff and vocab, nothing else. Without a
   * context there is no learned table to size, so positions default to a parameter-free encoding
   * (rotary), and the default says so. The count is then GPT-2 small's 124,439,808 less its
   * 1,024 × 768 position table: 123,653,376.
   */
  @Test
  void the_five_key_spec_of_the_original_design_loads_with_every_default_reported() throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture: {layers: 12, d_model: 768, heads: 12, d_ff: 3072, vocab: 50257}
        """, "five-keys.yaml");
    assertThat(spec.architecture().embeddings().positions()).isEqualTo(Positions.ROTARY);
    assertThat(spec.architecture().context()).isNull();
    assertThat(spec.defaults()).filteredOn(d -> d.key().equals("positions")).singleElement()
        .extracting(AppliedDefault::rule).asString().contains("no context");
    assertThat(dev.sizeup.count.ParameterCounter.count(spec.architecture()).total())
        .isEqualTo(124_439_808L - 1024L * 768);
  }

  @Test
  void keys_that_are_given_are_not_reported_as_defaults() throws SpecException {
    Spec spec = SpecLoader.load(Path.of("architectures/gpt3-xl.yaml"));
    assertThat(spec.defaults()).extracting(AppliedDefault::key)
        .doesNotContain("name", "head_dim", "d_ff", "positions", "tied_embeddings");
  }

  /**
   * With ffn: gated and no d_ff, the LLaMA width rule applies. LLaMA 7B (d_model 4096) has
   * intermediate_size 11008 and LLaMA 13B (d_model 5120) has 13824 (Touvron et al. 2023; Hugging Face
   * config.json of meta-llama/Llama-2-7b-hf and -13b-hf).
   */
  @ParameterizedTest
  @CsvSource({"4096, 11008", "5120, 13824"})
  void gated_ffn_defaults_to_the_llama_width(long dModel, long dFf) throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture:
          layers: 2
          d_model: %d
          heads: 32
          vocab: 32000
          positions: rotary
          ffn: gated
        """.formatted(dModel), "llama.yaml");
    assertThat(spec.architecture().ffn().dFf()).isEqualTo(dFf);
    assertThat(spec.defaults()).extracting(AppliedDefault::key).contains("d_ff");
  }

  @Test
  void bias_is_the_default_for_the_three_bias_keys_but_each_can_override_it() throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10, context: 4, bias: false, qkv_bias: true}
        """, "b.yaml");
    assertThat(spec.architecture().attention().bias().qkv()).isTrue();
    assertThat(spec.architecture().attention().bias().out()).isFalse();
    assertThat(spec.architecture().ffn().bias()).isFalse();
  }

  @Test
  void a_shorthand_that_no_key_falls_back_on_is_still_checked() {
    assertThatThrownBy(() -> SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10, context: 4, bias: maybe,
          qkv_bias: true, attn_out_bias: true, ffn_bias: true}
        """, "b.yaml"))
        .isInstanceOf(SpecException.class).hasMessageContaining("expected true or false");
  }

  /** Common words for a value are read as it, and the defaults report names the canonical value. */
  @ParameterizedTest
  @CsvSource({
    "positions, rope, rotary",
    "positions, RoPE, rotary",
    "ffn, swiglu, gated",
    "ffn, GeGLU, gated",
    "norm, rms_norm, rmsnorm",
  })
  void aliases_are_read_as_their_canonical_value_and_reported(String key, String written, String canonical)
      throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10, %s: %s}
        """.formatted(key, written), "a.yaml");
    assertThat(spec.architecture().fields().get(key)).isEqualTo(canonical);
    assertThat(spec.defaults()).filteredOn(d -> d.key().equals(key)).singleElement()
        .satisfies(d -> {
          assertThat(d.kind()).isEqualTo(AppliedDefault.Kind.ALIAS);
          assertThat(d.rule()).isEqualTo("'" + written + "' means " + canonical);
        });
  }

  @Test
  void enum_values_match_in_any_case_without_a_note() throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10, positions: Rotary, norm: RMSNorm, ffn: GATED}
        """, "c.yaml");
    assertThat(spec.architecture().norms().kind()).isEqualTo(Norm.RMSNORM);
    assertThat(spec.defaults()).noneMatch(d -> d.kind() == AppliedDefault.Kind.ALIAS);
  }

  @ParameterizedTest
  @CsvSource({"300B, 300000000000", "3e11, 300000000000", "300000000000, 300000000000", "1.4T, 1400000000000",
      "3.0e+11, 300000000000"})
  void training_tokens_accept_numbers_and_suffixes(String written, long tokens) throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10, context: 4}
        training:
          tokens: %s
        """.formatted(written), "t.yaml");
    assertThat(spec.tokens()).isEqualTo(tokens);
  }

  /** YAML 1.1 reads 017 as octal 15 and 0x10 as 16; sizes are decimal, so both are refused. */
  @ParameterizedTest
  @ValueSource(strings = {"017", "0x10", "0o17", "0b101", "1e3", "12.0", "\"12\"", "yes", ".inf", "٣"})
  void sizes_are_decimal_integers_only(String written) {
    assertThatThrownBy(() -> SpecLoader.parse("""
        architecture: {layers: %s, d_model: 8, heads: 2, vocab: 10}
        """.formatted(written), "n.yaml"))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).render()).asString()
        .startsWith("n.yaml:1:24: error: architecture.layers: expected ");
  }

  @Test
  void underscores_between_digits_are_accepted() throws SpecException {
    Spec spec = SpecLoader.parse("architecture: {layers: 1, d_model: 8, heads: 2, vocab: 50_257}\n", "u.yaml");
    assertThat(spec.architecture().vocab()).isEqualTo(50_257);
  }

  /**
   * A rounded published figure ({@code 3.21B}) stands for every count that rounds to it: within half
   * a unit of its last digit, here ±5,000,000. A figure with every digit is exact.
   */
  @ParameterizedTest
  @CsvSource({
    "3.21B,     3210000000, 10000000",
    "70B,      70000000000, 1000000000",
    "174600M, 174600000000, 1000000",
    "12.9e9,   12900000000, 100000000",
    "1.20T,  1200000000000, 10000000000",
  })
  void a_rounded_expected_count_has_a_tolerance_of_half_its_last_digit(String written, long value, long unit)
      throws SpecException {
    Spec spec = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}
        expected: {parameters: %s}
        """.formatted(written), "e.yaml");
    assertThat(spec.expected().parameters().value()).isEqualTo(value);
    assertThat(spec.expected().parameters().tolerance()).isEqualTo(new Tolerance.Rounding(unit, written));
    Tolerance t = spec.expected().parameters().tolerance();
    assertThat(t.accepts(value, value + unit / 2)).isTrue();
    assertThat(t.accepts(value, value - unit / 2)).isTrue();
    assertThat(t.accepts(value, value + unit / 2 + 1)).isFalse();
  }

  @Test
  void an_explicit_tolerance_overrides_the_rounding_and_every_digit_means_exact() throws SpecException {
    Spec relative = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}
        expected: {parameters: 3.21B, tolerance: 0.01}
        """, "e.yaml");
    assertThat(relative.expected().parameters().tolerance()).isEqualTo(new Tolerance.Relative(0.01));
    Spec exact = SpecLoader.parse("""
        architecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}
        expected: {parameters: 124439808}
        """, "e.yaml");
    assertThat(exact.expected().parameters().tolerance()).isEqualTo(new Tolerance.Exact());
  }

  @Test
  void a_spec_written_in_json_loads_like_yaml() throws SpecException {
    Spec spec = SpecLoader.parse("""
        {"name": "tiny", "architecture": {"layers": 2, "d_model": 64, "heads": 4, "vocab": 100, "context": 16}}
        """, "tiny.json");
    assertThat(spec.name()).isEqualTo("tiny");
    assertThat(spec.architecture().layers()).isEqualTo(2);
  }

  @Test
  void a_missing_file_is_a_diagnostic_not_an_exception() {
    assertThatThrownBy(() -> SpecLoader.load(Path.of("no/such/spec.yaml")))
        .isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).render())
        .isEqualTo("no/such/spec.yaml: error: no such file");
  }

  @Test
  void unknown_keys_suggest_the_closest_known_key() {
    assertThat(Suggestions.closest("kv_head", List.of("heads", "kv_heads", "head_dim"))).isEqualTo("kv_heads");
    assertThat(Suggestions.closest("dmodel", List.of("d_model", "d_ff"))).isEqualTo("d_model");
    assertThat(Suggestions.closest("flash_attention", List.of("d_model", "d_ff"))).isNull();
  }

  @Test
  void a_name_with_control_characters_is_kept_but_printed_escaped() throws SpecException {
    Spec spec = SpecLoader.parse("name: \"evil\\nname\\u001b[31m\"\narchitecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}\n",
        "x.yaml");
    assertThat(spec.name()).isEqualTo("evil\nname\u001b[31m");
    assertThat(Text.safe(spec.name())).isEqualTo("evil\\nname\\u001b[31m");
  }

  /** Every key an Architecture echoes is described in the spec reference. */
  @Test
  void every_spec_key_is_documented() throws IOException {
    String doc = Files.readString(Path.of("docs/spec.md"));
    for (Key<Architecture, ?> k : Architecture.KEYS) {
      assertThat(doc).as(k.name()).contains("`" + k.name() + "`");
    }
    for (Key<Moe, ?> k : Moe.KEYS) {
      assertThat(doc).as(k.name()).contains("`" + k.name() + "`");
    }
  }
}
