package dev.sizeup.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HuggingFaceImporterTest {
  static final Path HF = Path.of("src/test/resources/hf");

  /**
   * Every supported model_type, on the config.json of a real checkpoint, counts to that checkpoint's
   * exact published parameter count (sources: src/test/resources/hf/SOURCE.md), and so does the spec
   * that {@code sizeup import} writes from it.
   */
  @ParameterizedTest(name = "{0} ({1}): {2}")
  @CsvSource({
    "gpt2,                 gpt2,            124439808",
    "pythia-160m,          gpt_neox,        162322944",   // Pythia README
    "llama-2-7b,           llama,          6738415616",
    "mistral-7b-v0.1,      mistral,        7241732096",
    "mixtral-8x7b-v0.1,    mixtral,       46702792704",
    "qwen2-7b,             qwen2,          7615616512",   // safetensors metadata
    "gemma-2b,             gemma,          2506172416",   // safetensors metadata
    "opt-1.3b,             opt,            1315758080",
    "falcon-7b,            falcon,         6921720704",   // checkpoint index total_size / 2 − tied head copy
    "falcon-7b-refinedweb, RefinedWebModel, 6921720704",
    "phi-2,                phi,            2779683840",
    "bloom-560m,           bloom,           559214592",
    // the four below: the "# params" column of Nikolić, Baluta & Saxena 2025, "Model Provenance Testing
    // for Large Language Models", Table 4 (google/gemma-2-2b, microsoft/Phi-3-mini-4k-instruct,
    // meta-llama/Llama-3.2-1B-Instruct, Qwen/Qwen2-0.5B)
    "gemma-2-2b,           gemma2,         2614341888",
    "phi-3-mini-4k,        phi3,           3821079552",
    "llama-3.2-1b,         llama,          1235814400",
    "qwen2-0.5b,           qwen2,           494032768",
  })
  void configs_count_to_the_real_checkpoint_and_round_trip_through_yaml(String folder, String modelType, long published)
      throws SpecException {
    Spec imported = SpecLoader.load(HF.resolve(folder).resolve("config.json"));
    assertThat(imported.source()).contains("model_type " + modelType);
    assertThat(ParameterCounter.count(imported.architecture()).total()).isEqualTo(published);

    Spec reread = SpecLoader.parse(SpecWriter.toYaml(imported), folder + ".yaml");
    assertThat(reread.architecture()).isEqualTo(imported.architecture());
    assertThat(reread.defaults()).as("an imported spec needs no defaults").isEmpty();
    assertThat(ParameterCounter.count(reread.architecture()).total()).isEqualTo(published);
  }

  /** Mistral AI: Mixtral "uses 12.9B parameters per token"; the router is d_model × 8 per layer, without bias. */
  @Test
  void mixtral_reports_active_and_router_parameters() throws SpecException {
    ParameterCount p = ParameterCounter.count(SpecLoader.load(HF.resolve("mixtral-8x7b-v0.1/config.json")).architecture());
    assertThat(p.active()).isBetween(12_850_000_000L, 12_950_000_000L);
    assertThat(p.router()).isEqualTo(32L * 4096 * 8);
  }

  /**
   * phi-2 with qk_layernorm on (src/test/resources/hf-variants/SOURCE.md): PhiAttention adds a
   * LayerNorm over head_dim (80) for the queries and one for the keys, weight and bias, in each of
   * the 32 layers: phi-2's published 2,779,683,840 + 32 · 2 · (80 + 80).
   */
  @Test
  void phi_qk_layernorm_adds_a_layernorm_over_head_dim_for_queries_and_keys() throws SpecException {
    Spec spec = SpecLoader.load(Path.of("src/test/resources/hf-variants/phi-qk-layernorm.json"));
    ParameterCount p = ParameterCounter.count(spec.architecture());
    assertThat(p.total()).isEqualTo(2_779_683_840L + 32L * 2 * (80 + 80));
    assertThat(p.within().qkNorm()).isEqualTo(32L * 2 * (80 + 80));
  }

  @Test
  void transformers_defaults_the_config_leaves_out_are_recorded() throws SpecException {
    Spec gpt2 = SpecLoader.load(HF.resolve("gpt2/config.json"));
    assertThat(gpt2.defaults()).extracting(AppliedDefault::key).contains("d_ff", "tied_embeddings");
    assertThat(gpt2.architecture().ffn().dFf()).isEqualTo(3072);
    Spec falcon = SpecLoader.load(HF.resolve("falcon-7b/config.json"));
    assertThat(falcon.architecture().attention().kvHeads()).isEqualTo(1);
    assertThat(falcon.architecture().block().normsPerLayer()).isEqualTo(1);
    assertThat(falcon.defaults()).extracting(AppliedDefault::key).contains("d_ff", "tied_embeddings");
  }

  @Test
  void names_come_from_name_or_path_or_the_folder() throws SpecException {
    assertThat(SpecLoader.load(HF.resolve("llama-2-7b/config.json")).name()).isEqualTo("meta-llama/Llama-2-7b-hf");
    assertThat(SpecLoader.load(HF.resolve("gemma-2b/config.json")).name()).isEqualTo("gemma-2b");
  }

  @Test
  void a_json_file_without_model_type_is_read_as_a_spec() throws SpecException {
    Spec spec = SpecLoader.parse("""
        {"name": "tiny", "architecture": {"layers": 2, "d_model": 64, "heads": 4, "vocab": 100, "context": 16}}
        """, "tiny.json");
    assertThat(spec.name()).isEqualTo("tiny");
    assertThat(spec.architecture().layers()).isEqualTo(2);
  }
}
