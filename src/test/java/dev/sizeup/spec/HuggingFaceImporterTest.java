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
    // 2024-2025 families: every row's source is in hf/SOURCE.md ("exact" rows)
    "qwen3-8b,             qwen3,          8190735360",   // index total_size 16,381,470,720 B bf16
    "qwen3-30b-a3b,        qwen3_moe,     30532122624",   // index total_size 61,064,245,248 B bf16
    "olmo2-13b,            olmo2,         13716198400",   // index total_size 54,864,793,600 B fp32
    "gpt-oss-20b,          gpt_oss,       20914757184",   // GGUF general.parameter_count
    "gemma-3-1b,           gemma3_text,     999885952",   // keras-hub gemma3_1b preset
    "olmo-1b,              olmo,           1176764416",   // OlmoForCausalLM parameter sum
    "olmoe-1b-7b,          olmoe,          6919161856",   // Hub safetensors parameter count
    "qwen1.5-moe-a2.7b,    qwen2_moe,     14315784192",   // keras-hub qwen1.5_moe_2.7b_en preset
    "stablelm-2-1.6b,      stablelm,       1644515328",   // Stable LM 2 1.6B report, Table 1
    "gpt-j-6b,             gptj,           6050882784",   // GPTJForCausalLM parameter sum (card differs: SOURCE.md)
    "smollm3-3b,           smollm3,        3075098624",   // index total_size 6,150,197,248 B bf16, tied
    "granite-3.0-2b,       granite,        2533531648",   // Hub safetensors total (granite-3.1-2b, same sizes)
    "granite-3.0-1b-a400m, granitemoe,     1334628352",   // GraniteMoeForCausalLM parameter sum
    "falcon-40b,           falcon,        41303293952",   // index total_size 83,671,941,120 B / 2 − tied head copy
    "deepseek-v2-lite,     deepseek_v2,   15706484224",   // Hub safetensors total
    "deepseek-v3,          deepseek_v3,  671026419200",   // 671B main model (MTP module apart)
    "aya-expanse-8b,       cohere,         8028033024",   // Hub safetensors parameter count
    "command-r7b,          cohere2,        8028033024",   // aya-expanse-8b's sizes; cohere2 adds no parameters
    "internlm2.5-7b,       internlm2,      7737708544",   // Hub safetensors parameter count
    "mpt-7b,               mpt,            6649286656",   // pytorch_model.bin index total_size 13,298,573,312 B bf16
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

  /**
   * Models whose publishers give a rounded figure only: the count matches it to its last digit
   * (half a unit either way). Sources: src/test/resources/hf/SOURCE.md ("card" rows).
   */
  @ParameterizedTest(name = "{0} ({1}): {2}")
  @CsvSource({
    "command-r,      cohere,      35B",      // model card: 35 billion
    "command-r-plus, cohere,      104B",     // model card: 104 billion (use_qk_norm: per-head LayerNorms)
    "starcoder2-3b,  starcoder2,  3.03B",    // Hub model page
    "santacoder,     gpt_bigcode, 1.1B",     // Allal et al. 2023
    "phi-3.5-moe,    phimoe,      41.9B",    // Hub model page
  })
  void configs_count_to_the_rounded_figure_their_publishers_give(String folder, String modelType, String published)
      throws SpecException {
    Spec imported = SpecLoader.load(HF.resolve(folder).resolve("config.json"));
    assertThat(imported.source()).contains("model_type " + modelType);
    assertThat(ParameterCounter.count(imported.architecture()).total()).satisfies(n -> assertRoundsTo(n, published));
  }

  /**
   * Asserts that {@code figure} ("41.9B") is {@code n} rounded or cut to its last digit: n lies in
   * [figure − half a unit, figure + one unit). Publishers do both: Qwen gives Qwen3-30B-A3B's
   * 3,353,032,704 active parameters as "3.3B".
   */
  static void assertRoundsTo(long n, String figure) {
    java.math.BigDecimal value = new java.math.BigDecimal(figure.substring(0, figure.length() - 1));
    java.math.BigDecimal billions = java.math.BigDecimal.valueOf(n).movePointLeft(9);
    java.math.BigDecimal unit = java.math.BigDecimal.ONE.movePointLeft(value.scale());
    java.math.BigDecimal half = unit.divide(java.math.BigDecimal.valueOf(2));
    assertThat(billions).as("%,d against %s", n, figure)
        .isGreaterThanOrEqualTo(value.subtract(half)).isLessThan(value.add(unit));
  }

  /**
   * Active parameters per token against the publishers' figures. Qwen, OLMoE and Phi count the whole
   * model's active parameters; DeepSeek (README_WEIGHTS: "36.6B (including 0.9B for the output
   * Head)") and OpenAI (gpt-oss model card, Table 1: 3.61B active) leave the input embedding out, a
   * table look-up rather than a matrix product, so their figure is ours less the embedding.
   */
  @ParameterizedTest(name = "{0}: {1} active")
  @CsvSource({
    "qwen3-30b-a3b,     3.3B,  false",   // card: 3.3B activated
    "qwen1.5-moe-a2.7b, 2.7B,  false",   // card: 2.7B activated
    "olmoe-1b-7b,       1.3B,  false",   // Muennighoff et al. 2024: 1.3B active
    "phi-3.5-moe,       6.6B,  false",   // card: 6.6B active
    "gpt-oss-20b,       3.61B, true",
    "deepseek-v3,       36.6B, true",
  })
  void active_parameters_match_the_published_figures(String folder, String published, boolean lessInputEmbedding)
      throws SpecException {
    ParameterCount p = ParameterCounter.count(SpecLoader.load(HF.resolve(folder).resolve("config.json")).architecture());
    assertRoundsTo(lessInputEmbedding ? p.active() - p.embedding() : p.active(), published);
  }

  /**
   * gpt-oss model card (arXiv 2508.10925), Table 1, gpt-oss-20b: attention 0.64B, MLP 19.12B,
   * embedding and unembedding 1.16B. Its MLP column holds the routers too (24 × (2880 × 32 + 32)).
   */
  @Test
  void gpt_oss_components_match_the_model_card_table() throws SpecException {
    ParameterCount p = ParameterCounter.count(SpecLoader.load(HF.resolve("gpt-oss-20b/config.json")).architecture());
    assertRoundsTo(p.attention(), "0.64B");
    assertRoundsTo(p.feedForward() + p.router(), "19.12B");
    assertRoundsTo(p.embedding() + p.output(), "1.16B");
    assertThat(p.router()).isEqualTo(24L * (2880 * 32 + 32));
    assertThat(p.within().attentionSinks()).isEqualTo(24L * 64);
  }

  /**
   * gemma-3-4b-it's config.json names only the sizes that differ from Gemma3TextConfig's defaults
   * (heads 8, kv heads 4, head_dim 256, vocab 262,208 are left out); the language model alone is
   * counted. keras-hub's gemma3_4b_text preset holds 3,880,099,328 with a 262,144-row vocabulary; the
   * Hub checkpoint's 64 more rows add 64 × 2,560.
   */
  @Test
  void a_multimodal_config_counts_its_language_model_with_the_text_config_class_defaults() throws SpecException {
    Spec spec = SpecLoader.load(HF.resolve("gemma-3-4b/config.json"));
    assertThat(spec.source()).contains("text_config").contains("without the vision tower");
    assertThat(spec.defaults()).extracting(AppliedDefault::rule)
        .contains("Gemma3TextConfig default num_attention_heads = 8", "Gemma3TextConfig default vocab_size = 262208");
    assertThat(ParameterCounter.count(spec.architecture()).total()).isEqualTo(3_880_099_328L + 64L * 2560);
  }

  /**
   * DeepSeek-V3 (config.json: first_k_dense_replace 3, 61 layers): 3 dense layers of
   * intermediate_size 18,432, then 58 layers of 256 routed and 1 shared expert of 2,048.
   */
  @Test
  void deepseek_layers_split_into_dense_and_mixture_groups() throws SpecException {
    ParameterCount p = ParameterCounter.count(SpecLoader.load(HF.resolve("deepseek-v3/config.json")).architecture());
    assertThat(p.groups()).extracting(ParameterCount.GroupCount::layers).containsExactly(3L, 58L);
    assertThat(p.within().sharedExperts()).isEqualTo(58L * 3 * 7168 * 2048);
  }

  /**
   * No GraniteMoeShared checkpoint publishes a count, so this crafted config (hf-variants/SOURCE.md)
   * is checked against the tensors transformers' GraniteMoeSharedForCausalLM allocates, listed by hand:
   * per layer q_proj 64×64, k_proj and v_proj 32×64, o_proj 64×64, two RMSNorms of 64, experts'
   * input_linear 4×64×64 (gate and up) and output_linear 4×64×32, router 4×64, shared_mlp input_linear
   * 96×64 and output_linear 64×48; then embed_tokens and lm_head 100×64 and the final norm.
   */
  @Test
  void granite_moe_shared_counts_the_tensors_transformers_allocates() throws SpecException {
    long layer = 64 * 64 + 2 * 32 * 64 + 64 * 64 + 2 * 64 + 4 * 64 * 64 + 4 * 64 * 32 + 4 * 64 + 96 * 64 + 64 * 48;
    long expected = 2 * layer + 2 * 100 * 64 + 64;
    Spec spec = SpecLoader.load(Path.of("src/test/resources/hf-variants/granitemoeshared-tiny.json"));
    assertThat(spec.source()).contains("model_type granitemoeshared");
    assertThat(ParameterCounter.count(spec.architecture()).total()).isEqualTo(expected);
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

  /**
   * Which layers slide, as transformers builds them (the rules in HfWindows' documentation), on each
   * fixture's config.json: the window, the sliding layers and the layers over the whole context.
   */
  @ParameterizedTest(name = "{0}: {2} layers of {1}, {3} global")
  @CsvSource({
    // layer_types: 12 sliding_attention and 12 full_attention, alternating; sliding_window 128
    "gpt-oss-20b,      128,  12, 12",
    // sliding_window_pattern 6 over 26 layers: layers 5, 11, 17 and 23 are global; sliding_window 512
    "gemma-3-1b,       512,  22, 4",
    // text_config names no pattern: Gemma3TextConfig's default 6, over 34 layers; sliding_window 1024
    "gemma-3-4b,       1024, 29, 5",
    // Gemma2DecoderLayer: every other layer from the first; 26 layers, sliding_window 4096
    "gemma-2-2b,       4096, 13, 13",
    // sliding_window_pattern 4 over 32 layers (three sliding layers, then a global one); sliding_window 4096
    "command-r7b,      4096, 24, 8",
    // Mistral slides in every layer: sliding_window 4096 (Jiang et al. 2023, Table 1)
    "mistral-7b-v0.1,  4096, 32, 0",
    // Phi-3 slides in every layer: sliding_window 2047
    "phi-3-mini-4k,    2047, 32, 0",
  })
  void sliding_windows_follow_the_layers_transformers_builds(String folder, long window, long sliding, long global)
      throws SpecException {
    Architecture a = SpecLoader.load(HF.resolve(folder).resolve("config.json")).architecture();
    long windowed = a.blocks().stream().filter(g -> g.block().attention().window() != null)
        .peek(g -> assertThat(g.block().attention().window()).isEqualTo(window))
        .mapToLong(Group::layers).sum();
    assertThat(windowed).isEqualTo(sliding);
    assertThat(a.layers() - windowed).isEqualTo(global);
  }

  /** Qwen2 and Qwen3 configs carry a sliding_window with use_sliding_window false: no layer slides. */
  @ParameterizedTest
  @CsvSource({"qwen2-7b", "qwen3-8b", "qwen1.5-moe-a2.7b", "mixtral-8x7b-v0.1"})
  void a_window_that_is_off_is_no_window(String folder) throws SpecException {
    Architecture a = SpecLoader.load(HF.resolve(folder).resolve("config.json")).architecture();
    assertThat(a.blocks()).allSatisfy(g -> assertThat(g.block().attention().window()).isNull());
  }
}
