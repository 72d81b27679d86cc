package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user hands the tool: model folders, caches, presets, standard input, and files that are not specs. */
class InputsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path LLAMA = Path.of("src/test/resources/hf/llama-2-7b/config.json");

  /** A downloaded model folder holds more JSON than its config; only config.json is read. */
  @Test
  void a_hugging_face_model_folder_reads_only_its_config(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("Llama-2-7b-hf");
    Files.createDirectories(model);
    Files.copy(LLAMA, model.resolve("config.json"));
    Files.writeString(model.resolve("generation_config.json"), "{\"bos_token_id\": 1, \"eos_token_id\": 2}");
    Files.writeString(model.resolve("tokenizer_config.json"), "{\"add_bos_token\": true}");
    Files.writeString(model.resolve("model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 13476839424}}");
    Files.writeString(model.resolve("special_tokens_map.json"), "{}");
    Cli run = Cli.run("analyze", "--format", "json", dir.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    JsonNode r = JSON.readTree(run.out());
    assertThat(r).hasSize(1);
    assertThat(r.get(0).get("parameters").get("total").asLong()).isEqualTo(6_738_415_616L);
    assertThat(Cli.run("analyze", "--format", "json", model.toString()).out()).isEqualTo(run.out());
  }

  /**
   * A hub cache names the model in its folder (models--org--name/snapshots/HASH/config.json), and a
   * config's _name_or_path may be a path on the machine that wrote it: the name comes from the cache.
   */
  @Test
  void a_hub_cache_snapshot_is_named_after_its_repository(@TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("hub/models--meta-llama--Llama-2-7b-hf/snapshots/01c7f73d771dfac7d292323805ebc428287df4f9");
    Files.createDirectories(snapshot);
    String config = Files.readString(LLAMA).replace("\"meta-llama/Llama-2-7b-hf\"", "\"/fsx/checkpoints/run-17\"");
    Files.writeString(snapshot.resolve("config.json"), config);
    JsonNode r = JSON.readTree(Cli.run("analyze", "--format", "json", dir.resolve("hub").toString()).out()).get(0);
    assertThat(r.get("name").asText()).isEqualTo("meta-llama/Llama-2-7b-hf");
  }

  @Test
  void a_configs_name_does_not_depend_on_how_its_path_is_spelled(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("my-model");
    Files.createDirectories(model);
    Files.writeString(model.resolve("config.json"), Files.readString(LLAMA).replace("\"_name_or_path\": \"meta-llama/Llama-2-7b-hf\",", ""));
    String viaFolder = JSON.readTree(Cli.run("analyze", "--format", "json", model.toString()).out()).get(0).get("name").asText();
    String viaFile = JSON.readTree(Cli.run("analyze", "--format", "json", model.resolve("config.json").toString()).out())
        .get(0).get("name").asText();
    String viaDots = JSON.readTree(Cli.run("analyze", "--format", "json",
        model.resolve("../my-model/./config.json").toString()).out()).get(0).get("name").asText();
    assertThat(viaFolder).isEqualTo("my-model").isEqualTo(viaFile).isEqualTo(viaDots);
  }

  @Test
  void name_overrides_the_derived_name_for_one_input_only() throws Exception {
    JsonNode r = JSON.readTree(Cli.run("analyze", "--format", "json", "--name", "llama-7b", LLAMA.toString()).out()).get(0);
    assertThat(r.get("name").asText()).isEqualTo("llama-7b");
    Cli two = Cli.run("analyze", "--name", "x", "gpt2-small", "gpt2-medium");
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).isEqualTo("sizeup analyze: --name: names a single input, but 2 were given\n");
  }

  @Test
  void a_preset_is_named_from_any_directory_and_a_typo_gets_a_suggestion() throws Exception {
    JsonNode r = JSON.readTree(Cli.run("analyze", "--format", "json", "llama3-8b").out()).get(0);
    assertThat(r.get("file").asText()).isEqualTo("preset:llama3-8b");
    // Meta Llama 3 model card; transformers LlamaForCausalLM.num_parameters() = 8,030,261,248
    assertThat(r.get("parameters").get("total").asLong()).isEqualTo(8_030_261_248L);
    Cli typo = Cli.run("analyze", "lama3-8b");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).isEqualTo("lama3-8b: error: no such file, directory or preset; did you mean the preset 'llama3-8b'?\n");
  }

  @Test
  void standard_input_is_read_as_a_spec_or_a_config() throws Exception {
    Cli spec = Cli.withStdin("architecture: {layers: 12, d_model: 768, heads: 12, d_ff: 3072, vocab: 50257, context: 1024}\n",
        "analyze", "--format", "json", "-");
    assertThat(spec.exit()).isZero();
    JsonNode s = JSON.readTree(spec.out()).get(0);
    assertThat(s.get("file").asText()).isEqualTo("<stdin>");
    assertThat(s.get("name").asText()).isEqualTo("stdin");
    assertThat(s.get("parameters").get("total").asLong()).isEqualTo(124_439_808L);
    Cli config = Cli.withStdin(Files.readString(LLAMA), "analyze", "--format", "json", "-");
    assertThat(JSON.readTree(config.out()).get(0).get("name").asText()).isEqualTo("meta-llama/Llama-2-7b-hf");
    Cli twice = Cli.withStdin("x", "analyze", "-", "-");
    assertThat(twice.err()).contains("<stdin>: error: standard input can be read only once");
  }

  @Test
  void an_empty_argument_does_not_scan_the_current_directory() {
    Cli run = Cli.run("analyze", "", "gpt2-small");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("gpt2-small").doesNotContain("architectures/");
    assertThat(run.err()).isEqualTo("'': error: empty path (give a spec file, a directory, a preset name, or - for standard input)\n");
  }

  /** A file far larger than any spec is refused before it is parsed, and the other inputs are still read. */
  @Test
  void an_oversized_input_is_refused_in_one_line_and_the_others_are_read(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "name: " + "x".repeat(2 << 20) + "\n");
    Cli run = Cli.run("analyze", "--format", "markdown", big.toString(), "gpt2-small");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("| gpt2-small |");
    assertThat(run.err()).isEqualTo(big.toString().replace('\\', '/')
        + ": error: larger than 256 KiB: a spec or config.json is a few KB, so this is not one\n");
    Cli stdin = Cli.withStdin("#".repeat((1 << 20) + 1), "analyze", "-");
    assertThat(stdin.err()).startsWith("<stdin>: error: larger than 256 KiB");
  }

  @Test
  void devices_are_not_read() {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Cli run = Cli.run("analyze", "/dev/zero", "gpt2-small");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("/dev/zero: error: not a regular file (a FIFO, device or socket is not a spec)\n");
  }

  /** A FIFO with no writer would block a reader forever; it is refused without opening it. */
  @Test
  void a_fifo_is_refused_without_blocking(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe.yaml");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available");
      return;
    }
    assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
    Cli run = Cli.run("analyze", fifo.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).endsWith("pipe.yaml: error: not a regular file (a FIFO, device or socket is not a spec)\n");
  }

  @Test
  void text_that_is_not_utf8_is_refused_and_a_byte_order_mark_is_ignored(@TempDir Path dir) throws IOException {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "name: caf\u00e9\narchitecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(Cli.run("analyze", latin1.toString()).err()).endsWith("latin1.yaml: error: not UTF-8 text\n");
    Path bom = dir.resolve("bom.yaml");
    Files.writeString(bom, "\uFEFFarchitecture: {layers: 1, d_model: 8, heads: 2, vocab: 10}\n");
    assertThat(Cli.run("analyze", bom.toString()).exit()).isZero();
  }

  @Test
  void a_config_without_model_type_says_so(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(LLAMA).replace("\"model_type\": \"llama\",", ""));
    Cli run = Cli.run("analyze", config.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("config.json:1:1: error: model_type: this looks like a Hugging Face config.json but has no model_type");
  }
}
