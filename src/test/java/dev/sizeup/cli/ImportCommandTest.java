package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.spec.Inputs;
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
    assertThat(Files.readString(out)).startsWith("# Written by sizeup from ");
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
    assertThat(run.err()).contains("unsupported model_type 'bespoke_lm'");
    assertThat(out).doesNotExist();
  }

  @Test
  void analyze_and_validate_accept_config_json_directly() {
    Cli run = Cli.run("analyze", "--format", "markdown", "src/test/resources/hf/phi-2/config.json");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("| microsoft/phi-2 | 2,779,683,840 |");
    assertThat(Cli.run("validate", "src/test/resources/hf/phi-2/config.json").out()).startsWith("no-expected");
  }

  /** Writing the spec can fail for reasons that are the user's, not bugs: one line, exit 2, nothing left behind. */
  @Test
  void an_output_that_cannot_be_written_is_a_user_error(@TempDir Path dir) throws IOException {
    Cli toDirectory = Cli.run("import", LLAMA, "-o", dir.toString());
    assertThat(toDirectory.exit()).isEqualTo(2);
    assertThat(toDirectory.err()).isEqualTo(dir.toString().replace('\\', '/') + ": error: cannot write: is a directory\n");
    Cli missingFolder = Cli.run("import", LLAMA, "-o", dir.resolve("no/such/x.yaml").toString());
    assertThat(missingFolder.exit()).isEqualTo(2);
    assertThat(missingFolder.err()).endsWith("no/such/x.yaml: error: cannot write: its folder " + Inputs.display(dir.resolve("no/such"))
        + " does not exist (create it first)\n");
    assertThat(dir.resolve("no")).doesNotExist();
    Path file = dir.resolve("plain");
    Files.writeString(file, "");
    Cli parentIsAFile = Cli.run("import", LLAMA, "-o", file.resolve("x.yaml").toString());
    assertThat(parentIsAFile.exit()).isEqualTo(2);
    assertThat(parentIsAFile.err()).endsWith("plain/x.yaml: error: cannot write: its folder " + Inputs.display(file) + " is a file\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void a_read_only_folder_is_a_user_error(@TempDir Path dir) throws IOException {
    Path ro = dir.resolve("ro");
    Files.createDirectory(ro);
    org.junit.jupiter.api.Assumptions.assumeTrue(ro.toFile().setWritable(false, false));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "running as a user who can write anywhere");
      Cli run = Cli.run("import", LLAMA, "-o", ro.resolve("x.yaml").toString());
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).endsWith("x.yaml: error: cannot write: permission denied\n");
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }

  /** The written file gets the permissions any new file gets (the umask's), not a temporary file's 0600. */
  @Test
  void the_written_file_has_the_usual_permissions(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("llama.yaml");
    assertThat(Cli.run("import", LLAMA, "-o", out.toString()).exit()).isZero();
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
    Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
    assertThat(Cli.run("import", LLAMA, "-o", out.toString()).exit()).isZero();
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-rw----");
  }

  @Test
  void json_output_is_a_spec_that_loads_back_and_name_renames_it(@TempDir Path dir) throws IOException {
    Cli run = Cli.run("import", "--format", "json", "--name", "llama-2-7b", LLAMA);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("{\n  \"schema_version\": 1,\n  \"name\": \"llama-2-7b\",");
    Path spec = dir.resolve("llama.json");
    Files.writeString(spec, run.out());
    Cli analyzed = Cli.run("analyze", "--format", "json", spec.toString());
    assertThat(analyzed.err()).isEmpty();
    assertThat(analyzed.out()).contains("\"name\": \"llama-2-7b\"", "\"total\": 6738415616");
  }

  /** Every config fixture: the spec import writes counts exactly what the config counts, in YAML and JSON. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"bloom-560m", "falcon-7b", "falcon-7b-refinedweb",
      "gemma-2-2b", "gemma-2b", "gpt2", "llama-2-7b", "llama-3.2-1b", "mistral-7b-v0.1", "mixtral-8x7b-v0.1",
      "opt-1.3b", "phi-2", "phi-3-mini-4k", "pythia-160m", "qwen2-0.5b", "qwen2-7b"})
  void imported_specs_load_back_to_the_same_architecture(String model, @TempDir Path dir) throws Exception {
    String config = "src/test/resources/hf/" + model + "/config.json";
    String direct = Cli.run("analyze", "--format", "json", config).out();
    for (String format : java.util.List.of("yaml", "json")) {
      Path spec = dir.resolve("spec." + format);
      assertThat(Cli.run("import", "--format", format, config, "-o", spec.toString()).exit()).isZero();
      Cli analyzed = Cli.run("analyze", "--format", "json", spec.toString());
      assertThat(analyzed.err()).isEmpty();
      com.fasterxml.jackson.databind.JsonNode a = AnalyzeCommandTest.JSON.readTree(analyzed.out()).get(0);
      com.fasterxml.jackson.databind.JsonNode b = AnalyzeCommandTest.JSON.readTree(direct).get(0);
      assertThat(a.get("architecture")).isEqualTo(b.get("architecture"));
      assertThat(a.get("parameters")).isEqualTo(b.get("parameters"));
      assertThat(a.get("name")).isEqualTo(b.get("name"));
    }
  }
}
