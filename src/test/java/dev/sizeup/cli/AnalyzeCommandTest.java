package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyzeCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(Cli run) throws Exception {
    assertThat(run.err()).isEmpty();
    return JSON.readTree(run.out());
  }

  @Test
  void json_output_has_the_contracted_keys_with_integer_counts() throws Exception {
    JsonNode r = json(Cli.run("analyze", "--format", "json", "architectures/gpt3-175b.yaml")).get(0);
    assertThat(names(r)).contains("name", "file", "architecture", "parameters", "flops_per_token", "chinchilla");
    assertThat(names(r.get("parameters"))).contains("total", "embedding", "position", "attention", "feed_forward",
        "norm", "output", "non_embedding", "per_layer", "active", "router");
    assertThat(names(r.get("flops_per_token"))).contains("forward_2n", "training_6n", "forward", "training");
    assertThat(names(r.get("chinchilla"))).contains("optimal_tokens", "tokens", "tokens_per_parameter",
        "ratio_to_optimal", "training_flops", "verdict");
    r.get("parameters").fields().forEachRemaining(e -> assertThat(e.getValue().isIntegralNumber()
        || e.getKey().equals("groups") || e.getKey().equals("within")).as(e.getKey()).isTrue());
    r.get("parameters").get("within").forEach(v -> assertThat(v.isIntegralNumber()).isTrue());
    assertThat(r.get("chinchilla").get("optimal_tokens").isIntegralNumber()).isTrue();
    assertThat(r.get("chinchilla").get("tokens").isIntegralNumber()).isTrue();

    assertThat(r.get("name").asText()).isEqualTo("gpt3-175b");
    assertThat(r.get("file").asText()).isEqualTo("architectures/gpt3-175b.yaml");
    assertThat(r.get("architecture").get("d_model").asLong()).isEqualTo(12288);
    assertThat(r.get("architecture").get("kv_heads").asLong()).isEqualTo(96);
    // Brown et al. 2020, Table D.1: 174,600M parameters, 300B tokens
    assertThat(r.get("parameters").get("total").asLong()).isBetween(174_550_000_000L, 174_650_000_000L);
    assertThat(r.get("chinchilla").get("tokens").asLong()).isEqualTo(300_000_000_000L);
    assertThat(r.get("chinchilla").get("verdict").asText()).isEqualTo("severely-under-trained");
    // Table D.1: 3.14E+23 total training FLOPs
    assertThat(r.get("chinchilla").get("training_flops").asDouble()).isBetween(3.135e23, 3.145e23);
  }

  @Test
  void without_tokens_the_chinchilla_fields_other_than_optimal_tokens_are_null() throws Exception {
    JsonNode c = json(Cli.run("analyze", "--format", "json", "architectures/gpt2-small.yaml")).get(0).get("chinchilla");
    assertThat(c.get("optimal_tokens").asLong()).isEqualTo(20L * 124_439_808);
    for (String key : List.of("tokens", "tokens_per_parameter", "ratio_to_optimal", "training_flops", "verdict")) {
      assertThat(c.get(key).isNull()).as(key).isTrue();
    }
  }

  @Test
  void tokens_option_overrides_the_spec_and_accepts_suffixes() throws Exception {
    JsonNode c = json(Cli.run("analyze", "--format", "json", "--tokens", "1.4T", "architectures/gpt3-175b.yaml"))
        .get(0).get("chinchilla");
    assertThat(c.get("tokens").asLong()).isEqualTo(1_400_000_000_000L);
  }

  @Test
  void verdict_bands_can_be_set_on_the_command_line() throws Exception {
    // GPT-3 175B at 300B tokens: D/(20N) = 0.0859
    JsonNode c = json(Cli.run("analyze", "--format", "json", "--verdict-bands", "0.05,0.8,1.25",
        "architectures/gpt3-175b.yaml")).get(0).get("chinchilla");
    assertThat(c.get("verdict").asText()).isEqualTo("under-trained");
  }

  @Test
  void results_come_in_input_order_and_directories_expand_sorted() throws Exception {
    JsonNode r = json(Cli.run("analyze", "--format", "json", "architectures/gpt3-xl.yaml", "architectures/gpt2-small.yaml"));
    assertThat(r.findValuesAsText("name")).containsExactly("gpt3-xl", "gpt2-small");
    JsonNode dir = json(Cli.run("analyze", "--format", "json", "architectures/"));
    List<String> files = new ArrayList<>();
    dir.forEach(n -> files.add(n.get("file").asText()));
    assertThat(files).isSorted().hasSizeGreaterThanOrEqualTo(12).allMatch(f -> f.startsWith("architectures/"));
  }

  @Test
  void a_bad_file_is_reported_and_the_others_still_analyzed() throws Exception {
    Cli run = Cli.run("analyze", "--format", "json", "architectures/gpt2-small.yaml",
        "src/test/resources/specs/bad/zero-size.yaml", "no/such/file.yaml", "architectures/gpt2-medium.yaml");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(JSON.readTree(run.out()).findValuesAsText("name")).containsExactly("gpt2-small", "gpt2-medium");
    assertThat(run.err().lines()).containsExactly(
        "src/test/resources/specs/bad/zero-size.yaml:5:10: error: architecture.heads: expected a positive integer, got 0",
        "no/such/file.yaml: error: no such file, directory or preset");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--tokens=lots", "--tokens=0", "--format=xml", "--verdict-bands=0.8,0.2,1", "--no-such-option"})
  void bad_options_give_one_line_and_exit_2(String option) {
    Cli run = Cli.run("analyze", option, "architectures/gpt2-small.yaml");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("sizeup analyze: ").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void no_command_and_no_inputs_are_usage_errors() {
    assertThat(Cli.run().exit()).isEqualTo(2);
    Cli noInputs = Cli.run("analyze");
    assertThat(noInputs.exit()).isEqualTo(2);
    assertThat(noInputs.err()).contains("INPUT");
  }

  @Test
  void help_lists_the_exit_codes() {
    Cli run = Cli.run("--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Exit codes:").contains("0", "1", "2", "3").contains("internal error");
  }

  @Test
  void text_output_aligns_the_parts_and_marks_defaults() {
    Cli run = Cli.run("analyze", "src/test/resources/specs/good/minimal.yaml");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("kv_heads         12         default: heads")
        .containsPattern("total +124,439,808 +100\\.00%")
        .containsPattern("embedding +38,597,376 +31\\.02%");
  }

  @Test
  void markdown_output_is_one_row_per_spec() {
    Cli run = Cli.run("analyze", "--format", "markdown", "architectures/gpt2-small.yaml", "architectures/gpt3-175b.yaml");
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("| gpt2-small | 124,439,808 |");
    assertThat(lines.get(3)).startsWith("| gpt3-175b | 174,604,259,328 |").contains("| severely-under-trained | 2.002 (chinchilla) | 0.336 |");
  }

  @Test
  void output_is_byte_identical_across_runs_and_locales() {
    Locale before = Locale.getDefault();
    try {
      String[] args = {"analyze", "--format", "text", "architectures/"};
      String first = Cli.run(args).out();
      Locale.setDefault(Locale.GERMANY);
      assertThat(Cli.run(args).out()).isEqualTo(first);
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      assertThat(Cli.run("analyze", "--format", "json", "architectures/").out())
          .isEqualTo(Cli.run("analyze", "--format", "json", "architectures/").out())
          .doesNotContain("٠");
    } finally {
      Locale.setDefault(before);
    }
  }

  /**
   * The matmul count depends on the sequence length: at Llama 3 8B's 8,192-token context the
   * attention term is 2·32·8192·4096 = 2.1e9 FLOPs per token on top of 2N ≈ 1.6e10. --seq-len
   * chooses another length and the JSON says where it came from; the 2N-based counts need none.
   */
  @Test
  void seq_len_sets_the_matmul_count_and_is_reported_with_its_source() throws Exception {
    JsonNode atContext = json(Cli.run("analyze", "--format", "json", "llama3-8b")).get(0).get("flops_per_token");
    assertThat(atContext.get("seq_len").asLong()).isEqualTo(8192);
    assertThat(atContext.get("seq_len_source").asText()).isEqualTo("context");
    assertThat(atContext.get("context").asLong()).isEqualTo(8192);
    JsonNode chosen = json(Cli.run("analyze", "--format", "json", "--seq-len", "2048", "llama3-8b")).get(0)
        .get("flops_per_token");
    assertThat(chosen.get("seq_len").asLong()).isEqualTo(2048);
    assertThat(chosen.get("seq_len_source").asText()).isEqualTo("chosen");
    assertThat(atContext.get("forward").asDouble() - chosen.get("forward").asDouble())
        .isEqualTo(2.0 * 32 * (8192 - 2048) * 4096);
    assertThat(chosen.get("forward_2n").asDouble()).isEqualTo(atContext.get("forward_2n").asDouble());
    Cli bad = Cli.run("analyze", "--seq-len", "0", "llama3-8b");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("sizeup analyze: --seq-len: ");
  }

  @Test
  void without_a_context_the_2n_columns_are_still_shown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path spec = dir.resolve("five.yaml");
    java.nio.file.Files.writeString(spec, "architecture: {layers: 12, d_model: 768, heads: 12, d_ff: 3072, vocab: 50257}\n");
    String row = Cli.run("analyze", "--format", "markdown", spec.toString()).out().lines().toList().get(2);
    assertThat(row).startsWith("| five | 123,653,376 | 85,056,000 | 7.419e+08 | n/a |");
    assertThat(Cli.run("analyze", "--format", "markdown", "--seq-len", "1024", spec.toString()).out())
        .contains("| 7.978e+08 @ 1,024 |");
  }

  /** A name can hold anything; it never breaks a line of output or a markdown table. */
  @Test
  void control_characters_and_pipes_in_names_are_escaped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path spec = dir.resolve("evil.yaml");
    java.nio.file.Files.writeString(spec,
        "name: \"a|b\\nc\\u001b[31m\"\narchitecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}\n");
    Cli md = Cli.run("analyze", "--format", "markdown", spec.toString());
    assertThat(md.out().lines()).hasSize(3);
    assertThat(md.out()).contains("| a\\|b\\\\nc\\\\u001b[31m |").doesNotContain("\u001b");
    Cli text = Cli.run("analyze", spec.toString());
    assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("a|b\\nc\\u001b[31m  (");
    assertThat(JSON.readTree(Cli.run("analyze", "--format", "json", spec.toString()).out()).get(0).get("name").asText())
        .isEqualTo("a|b\nc\u001b[31m");
  }

  static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
