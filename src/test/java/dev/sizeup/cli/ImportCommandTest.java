package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  static final String LLAMA = "src/test/resources/hf/llama-2-7b/config.json";

  @Test
  void import_prints_a_spec_that_analyze_counts_exactly(@TempDir Path dir) throws IOException {
    Cli run = Cli.run("import", LLAMA);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("name: meta-llama/Llama-2-7b-hf", "kv_heads: 32", "ffn: gated", "tied_embeddings: false");
    Path spec = dir.resolve("llama.yaml");
    Files.writeString(spec, run.out());
    Cli analyzed = Cli.run("analyze", "--format", "json", spec.toString());
    assertThat(analyzed.out()).contains("\"total\": 6738415616");
  }

  @Test
  void output_option_writes_the_file(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("llama.yaml");
    Cli run = Cli.run("import", LLAMA, "-o", out.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out)).startsWith("# Written by `sizeup import`");
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void a_bad_config_leaves_no_file_and_exits_2(@TempDir Path dir) {
    Path out = dir.resolve("x.yaml");
    Cli run = Cli.run("import", "src/test/resources/specs/bad/hf-unsupported-model-type.json", "-o", out.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("unsupported model_type 'mamba'");
    assertThat(out).doesNotExist();
  }

  @Test
  void analyze_and_validate_accept_config_json_directly() {
    Cli run = Cli.run("analyze", "--format", "markdown", "src/test/resources/hf/phi-2/config.json");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("| microsoft/phi-2 | 2,779,683,840 |");
    assertThat(Cli.run("validate", "src/test/resources/hf/phi-2/config.json").out()).startsWith("no-expected");
  }
}
