package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sizeup.spec.SafetensorsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String FALCON = "src/test/resources/checkpoints/falcon-7b";

  /**
   * tiiuae/falcon-7b: its model.safetensors.index.json publishes a total_size of 14,434,379,520 bytes of
   * bf16, 7,217,189,760 stored values; the tied 65,024 × 4,544 head is stored twice, so the model has
   * 6,921,720,704 parameters (the preset's count, see docs/presets.md). inspect reads the folder's
   * config.json, knows the head is tied, and counts the copy once.
   */
  @Test
  void a_folder_is_compared_with_its_own_config_and_a_tied_copy_is_counted_once() throws Exception {
    Cli run = Cli.run("inspect", "--format", "json", FALCON);
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    JsonNode r = JSON.readTree(run.out());
    assertThat(r.get("stored_bytes").asLong()).isEqualTo(14_434_379_520L);
    assertThat(r.get("stored_values").asLong()).isEqualTo(7_217_189_760L);
    assertThat(r.get("parameters").asLong()).isEqualTo(6_921_720_704L);
    assertThat(r.get("tied_copies").get(0).get("head").asText()).isEqualTo("lm_head.weight");
    assertThat(r.get("comparison").get("matches").asBoolean()).isTrue();
    assertThat(r.get("comparison").get("file").asText()).isEqualTo(FALCON + "/config.json");
  }

  @Test
  void a_spec_that_says_otherwise_is_a_failed_check() throws Exception {
    Cli same = Cli.run("inspect", FALCON, "--spec", "falcon-7b");
    assertThat(same.exit()).isZero();
    Cli other = Cli.run("inspect", "--format", "json", FALCON, "--spec", "gpt2-small");
    assertThat(other.exit()).isEqualTo(1);
    JsonNode total = JSON.readTree(other.out()).get("comparison").get("parts").get(8);
    assertThat(total.get("part").asText()).isEqualTo("total");
    // gpt2-small ties its head too, so the copy is still counted once: 6,921,720,704 against 124,439,808
    assertThat(total.get("difference").asLong()).isEqualTo(6_921_720_704L - 124_439_808L);
  }

  /** A folder whose config.json names a model sizeup cannot count is still counted, with a warning. */
  @Test
  void a_folder_whose_config_cannot_be_read_is_counted_and_says_why_it_is_not_compared(@TempDir Path dir)
      throws Exception {
    SafetensorsFiles.write(dir.resolve("model.safetensors"), SafetensorsFiles.gpt2(2, 64, 100, 16), false);
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"mamba\", \"hidden_size\": 64}\n");
    Cli run = Cli.run("inspect", "--format", "json", dir.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
        .contains("config.json:1:16: warning: model_type: 'mamba' is a state-space model").endsWith("not compared)"));
    JsonNode r = JSON.readTree(run.out());
    assertThat(r.get("comparison").isNull()).isTrue();
    assertThat(r.get("comparison_skipped").asText()).contains("state-space");
  }

  @Test
  void one_shard_alone_is_counted_without_a_comparison() throws Exception {
    Cli run = Cli.run("inspect", "--format", "json", FALCON + "/model-00001-of-00002.safetensors");
    assertThat(run.exit()).isZero();
    assertThat(JSON.readTree(run.out()).get("comparison").isNull()).isTrue();
  }

  @Test
  void a_checkpoint_that_holds_what_no_pattern_knows_differs(@TempDir Path dir) throws Exception {
    List<SafetensorsFiles.Spec> tensors = new java.util.ArrayList<>(SafetensorsFiles.gpt2(12, 768, 50257, 1024));
    tensors.add(new SafetensorsFiles.Spec("transformer.h.0.adapter.weight", "F32", 8, 768));
    SafetensorsFiles.write(dir.resolve("model.safetensors"), tensors, false);
    Cli run = Cli.run("inspect", dir.toString(), "--spec", "gpt2-small");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("unmatched: transformer.h.0.adapter.weight [8, 768]")
        .containsPattern("unmatched +6,144 +0 +\\+6,144").contains("DIFFERS");
  }

  @Test
  void unreadable_checkpoints_are_one_line_and_exit_2(@TempDir Path dir) throws Exception {
    Cli missing = Cli.run("inspect", dir.resolve("nothing").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).endsWith("nothing: error: no such file or folder\n");
    Files.writeString(dir.resolve("short.safetensors"), "abc");
    Cli tiny = Cli.run("inspect", dir.resolve("short.safetensors").toString());
    assertThat(tiny.exit()).isEqualTo(2);
    assertThat(tiny.err()).endsWith("short.safetensors: error: not a safetensors file: shorter than the 8-byte header length\n");
    Cli empty = Cli.run("inspect", Files.createDirectory(dir.resolve("empty")).toString());
    assertThat(empty.err()).endsWith("empty: error: no *.safetensors files and no model.safetensors.index.json in this folder\n");
  }
}
