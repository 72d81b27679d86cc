package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every JSON output validates against the schema published for it in docs/schema, which forbids
 * undocumented keys: a key added to an output without being documented, or a value of the wrong type,
 * fails here.
 */
class JsonSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  static JsonSchema schema(String name) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("docs/schema/" + name + ".schema.json"))) {
      return FACTORY.getSchema(in);
    }
  }

  static DynamicTest valid(String schemaName, String... args) {
    return DynamicTest.dynamicTest(String.join(" ", args), () -> {
      Cli run = Cli.run(args);
      assertThat(run.err()).isEmpty();
      assertThat(run.exit()).isIn(0, 1);
      assertValid(schemaName, JSON.readTree(run.out()));
    });
  }

  static void assertValid(String schemaName, JsonNode node) throws IOException {
    Set<ValidationMessage> errors = schema(schemaName).validate(node);
    assertThat(errors).as("%s schema", schemaName).isEmpty();
  }

  static List<String> presets() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("architectures"))) {
      return files.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
    }
  }

  static List<String> configs() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/hf"))) {
      return dirs.filter(Files::isDirectory).map(p -> p.resolve("config.json").toString()).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> analyze_output_matches_its_schema() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String preset : presets()) {
      tests.add(valid("analyze", "analyze", "--format", "json", preset));
    }
    tests.add(valid("analyze", "analyze", "--format", "json", "src/test/resources/hf/"));
    tests.add(valid("analyze", "analyze", "--format", "json", "--tokens", "1T", "--seq-len", "4096", "--law", "kaplan",
        "mixtral-8x7b", "gpt2-small"));
    tests.add(valid("analyze", "analyze", "--format", "json", "--tokens", "300B", "--law", "rule20", "gpt3-175b"));
    tests.add(valid("analyze", "analyze", "--format", "json", "--law", "epoch", "docs/examples/five-keys.yaml",
        "docs/examples/aliases.yaml"));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> plan_output_matches_its_schema() {
    return Stream.of(
        valid("plan", "plan", "--format", "json", "--compute", "5.76e23"),
        valid("plan", "plan", "--format", "json", "--gpus", "2048", "--gpu", "h100", "--days", "30"),
        valid("plan", "plan", "--format", "json", "--budget-usd", "2e6", "--gpu", "h100", "--usd-per-gpu-hour", "2.5"),
        valid("plan", "plan", "--format", "json", "--target-loss", "1.75", "--gpu", "a100", "--gpus", "1024"),
        valid("plan", "plan", "--format", "json", "--compute", "5.76e23", "--gpu", "h100", "--inference-tokens", "1e13"),
        valid("plan", "plan", "--format", "json", "--compute", "1e40", "--law", "kaplan"));
  }

  @TestFactory
  Stream<DynamicTest> memory_output_matches_its_schema() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(valid("memory", "memory", "--format", "json", "architectures/"));
    tests.add(valid("memory", "memory", "--format", "json", "llama2-70b", "--gpus", "64", "--zero", "3", "--tp", "8"));
    tests.add(valid("memory", "memory", "--format", "json", "llama2-70b", "--max-gpus", "2"));
    tests.add(valid("memory", "memory", "--format", "json", "mixtral-8x7b", "--state-bytes", "2,4,12", "--pp", "4",
        "--optimizer", "adamw-8bit", "--weights-precision", "int4", "--kv-precision", "fp8", "--batch", "8"));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> fit_output_matches_its_schema() {
    return Stream.of(
        valid("fit", "fit", "--format", "json", "src/test/resources/runs/epoch-ladder.csv"),
        valid("fit", "fit", "--format", "json", "src/test/resources/runs/compute-column.csv", "--bootstrap", "20",
            "--at", "1e20,1e24"),
        valid("fit", "fit", "--format", "json", "src/test/resources/runs/noisy-ladder.csv", "--objective",
            "huber-likelihood", "--bootstrap", "20"));
  }

  @TestFactory
  Stream<DynamicTest> validate_presets_and_import_outputs_match_their_schemas() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(valid("validate", "validate", "--format", "json", "architectures/", "src/test/resources/hf/phi-2"));
    tests.add(valid("validate", "validate", "--format", "json", "src/test/resources/specs/good/gpt2-small-simplified.yaml"));
    tests.add(valid("presets", "presets", "--format", "json"));
    tests.add(valid("inspect", "inspect", "--format", "json", "src/test/resources/checkpoints/falcon-7b"));
    tests.add(valid("inspect", "inspect", "--format", "json", "src/test/resources/checkpoints/falcon-7b", "--spec",
        "gpt2-small"));
    tests.add(valid("inspect", "inspect", "--format", "json",
        "src/test/resources/checkpoints/falcon-7b/model-00002-of-00002.safetensors"));
    for (String config : configs()) {
      tests.add(valid("spec", "import", "--format", "json", config));
    }
    return tests.stream();
  }

  /** The spec schema describes what sizeup reads: every preset and example spec satisfies it. */
  @TestFactory
  Stream<DynamicTest> every_shipped_spec_matches_the_spec_schema() throws IOException {
    List<Path> specs = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.list(Path.of("architectures")), Files.list(Path.of("docs/examples")))) {
      files.sorted().forEach(specs::add);
    }
    YAMLMapper yaml = new YAMLMapper();
    return specs.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> assertValid("spec", yaml.readTree(p.toFile()))));
  }

  /** The schemas have teeth: an undocumented key, or a count written as a string, is refused. */
  @Test
  void an_undocumented_key_or_a_wrong_type_fails_the_schema() throws IOException {
    JsonNode analysis = JSON.readTree(Cli.run("analyze", "--format", "json", "gpt2-small").out());
    ((ObjectNode) analysis.get(0)).put("flops_per_second", 1.0);
    assertThat(schema("analyze").validate(analysis)).isNotEmpty();
    JsonNode typed = JSON.readTree(Cli.run("analyze", "--format", "json", "gpt2-small").out());
    ((ObjectNode) typed.get(0).get("parameters")).set("total", new TextNode("124439808"));
    assertThat(schema("analyze").validate(typed)).isNotEmpty();
    JsonNode plan = JSON.readTree(Cli.run("plan", "--format", "json", "--compute", "1e23").out());
    ((ObjectNode) plan).remove("budget_kind");
    assertThat(schema("plan").validate(plan)).isNotEmpty();
  }

  /** Deprecated aliases are marked as such in the schema, and still present in the output. */
  @Test
  void deprecated_aliases_are_marked_and_still_written() throws IOException {
    JsonNode analyze = JSON.readTree(Files.readString(Path.of("docs/schema/analyze.schema.json")));
    JsonNode flops = analyze.at("/items/properties/flops_per_token/properties/context");
    assertThat(flops.get("deprecated").asBoolean()).isTrue();
    JsonNode plan = JSON.readTree(Files.readString(Path.of("docs/schema/plan.schema.json")));
    assertThat(plan.at("/properties/compute_flops/deprecated").asBoolean()).isTrue();
    assertThat(plan.at("/properties/mode/deprecated").asBoolean()).isTrue();
    JsonNode out = JSON.readTree(Cli.run("plan", "--format", "json", "--compute", "1e23").out());
    assertThat(out.get("compute_flops").asDouble()).isEqualTo(out.get("training_flops").asDouble());
    assertThat(out.get("mode").asText()).isEqualTo("compute");
  }

  /** docs/json.md documents every key of every schema. */
  @Test
  void every_schema_key_is_documented() throws IOException {
    String doc = Files.readString(Path.of("docs/json.md"));
    for (String name : List.of("analyze", "inspect", "plan", "validate", "presets")) {
      List<String> keys = new ArrayList<>();
      collectKeys(JSON.readTree(Files.readString(Path.of("docs/schema/" + name + ".schema.json"))), "", keys);
      assertThat(keys).as(name).isNotEmpty().allSatisfy(k -> assertThat(doc).contains("| `" + k + "` |"));
    }
  }

  private static void collectKeys(JsonNode schema, String prefix, List<String> keys) {
    JsonNode s = schema.has("items") && schema.get("items").has("properties") && prefix.isEmpty()
        ? schema.get("items") : schema;
    s.path("properties").fields().forEachRemaining(e -> {
      keys.add(prefix + e.getKey());
      collectKeys(e.getValue(), prefix + e.getKey() + ".", keys);
      if (e.getValue().has("items")) {
        collectKeys(e.getValue().get("items"), prefix + e.getKey() + "[].", keys);
      }
    });
  }
}
