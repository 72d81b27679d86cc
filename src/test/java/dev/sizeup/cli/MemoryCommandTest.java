package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void json_has_the_contracted_keys() throws Exception {
    Cli run = Cli.run("memory", "llama2-70b", "--gpus", "64", "--zero", "3", "--format", "json");
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    JsonNode m = JSON.readTree(run.out()).get(0);
    JsonNode t = m.get("training");
    for (String key : List.of("weights", "gradients", "optimizer", "activations", "total_per_gpu", "gpu_memory", "fits",
        "layout", "smallest_layout")) {
      assertThat(t.has(key)).as(key).isTrue();
    }
    for (String key : List.of("dp", "tp", "pp", "zero")) {
      assertThat(t.get("layout").has(key)).as(key).isTrue();
    }
    assertThat(t.get("layout").get("dp").asLong()).isEqualTo(64);
    assertThat(t.get("weights").isIntegralNumber()).isTrue();
    JsonNode i = m.get("inference");
    for (String key : List.of("weights", "kv_cache_per_token", "kv_cache", "total", "fits", "max_batch_at_context",
        "decode_tokens_per_s_bound", "prefill_tokens_per_s_bound", "bound")) {
      assertThat(i.has(key)).as(key).isTrue();
    }
    assertThat(i.get("kv_cache_per_token").asLong()).isEqualTo(327_680L);
  }

  /** Not fitting is an answer, not an error: exit 0, fits false, and no layout when the limits allow none. */
  @Test
  void a_model_that_does_not_fit_exits_0() throws Exception {
    Cli run = Cli.run("memory", "llama2-70b", "--max-gpus", "2", "--format", "json");
    assertThat(run.exit()).isZero();
    JsonNode t = JSON.readTree(run.out()).get(0).get("training");
    assertThat(t.get("fits").asBoolean()).isFalse();
    assertThat(t.get("smallest_layout").isNull()).isTrue();
  }

  @Test
  void text_names_the_units_and_the_smallest_layout() {
    Cli run = Cli.run("memory", "mistral-7b", "--context", "4096");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("GiB").contains("smallest layout that fits: ").contains("decode  ≤ ")
        .contains("memory-bandwidth bound");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "--optimizer adamm | sizeup memory: --optimizer: unknown optimizer 'adamm'; did you mean 'adamw'?",
    "--zero 4 | sizeup memory: --zero: expected an integer from 0 to 3",
    "--gpu h1000 | sizeup memory: --gpu: unknown GPU 'h1000'; did you mean 'h100'?",
    "--weights-precision int3 | sizeup memory: --weights-precision: unknown weight precision 'int3'; did you mean 'int8'?",
    "--kv-precision int4 | sizeup memory: --kv-precision: unknown KV-cache precision 'int4'",
    "--gpus 10 --tp 4 | sizeup memory: --gpus: 10 GPUs do not divide into tensor-parallel groups of 4",
    "--recompute some | sizeup memory: --recompute: unknown recomputation 'some'",
    "--reserve 120% | sizeup memory: --reserve: expected a share of the GPU's memory from 0% to 99%, got 120%",
    "--state-bytes 2,x,12 | sizeup memory: --state-bytes: expected three whole numbers W,G,O",
    "--micro-batch 0 | sizeup memory: --micro-batch: expected a positive whole number",
    "--tp 3 | preset:llama2-7b:10:10: error: architecture.heads: tensor parallelism of 3 must divide the heads (32)",
    "--pp 5 | preset:llama2-7b:8:11: error: architecture.layers: pipeline parallelism of 5 must divide the layers (32)",
    "--ep 2 | preset:llama2-7b:7:1: error: expert parallelism of 2 needs a mixture of experts; the model is dense",
  })
  void bad_options_are_one_line_and_exit_2(String options, String message) {
    String[] opts = options.strip().split(" ");
    String[] args = new String[opts.length + 2];
    args[0] = "memory";
    args[1] = "llama2-7b";
    System.arraycopy(opts, 0, args, 2, opts.length);
    Cli run = Cli.run(args);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).startsWith(message.strip());
  }

  /** A spec the layout does not fit is reported; the other inputs are still sized. */
  @Test
  void other_inputs_are_still_processed() throws Exception {
    Cli run = Cli.run("memory", "llama2-7b", "pythia-160m", "--tp", "8", "--format", "json");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("preset:pythia-160m").contains("tensor parallelism of 8 must divide the heads (12)");
    assertThat(JSON.readTree(run.out())).hasSize(1);
  }

  @Test
  void only_shows_one_section_and_is_refused_with_json() {
    Cli training = Cli.run("memory", "gpt2-small", "--only", "training");
    assertThat(training.out()).contains("training:").doesNotContain("inference:");
    Cli inference = Cli.run("memory", "gpt2-small", "--only", "inference", "--format", "markdown");
    assertThat(inference.out()).contains("Inference:").doesNotContain("Training:");
    Cli json = Cli.run("memory", "gpt2-small", "--only", "inference", "--format", "json");
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.err()).startsWith("sizeup memory: --only: applies to text and markdown");
  }

  @Test
  void presets_takes_names_and_wildcards() {
    Cli run = Cli.run("presets", "pythia-7*", "gpt2-s?all");
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList()).containsExactly("gpt2-small", "pythia-70m");
    Cli unknown = Cli.run("presets", "gtp2-small");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("sizeup presets: unknown preset 'gtp2-small'; did you mean 'gpt2-small'?");
  }

  /**
   * A layout only training needs is not checked for serving: Gemma 2B has one key/value head, which two
   * GPUs serve by holding it each (and training cannot split).
   */
  @Test
  void serving_only_is_not_refused_for_a_training_rule() {
    Cli serve = Cli.run("memory", "gemma-2b", "--tp", "2", "--only", "inference");
    assertThat(serve.exit()).isZero();
    assertThat(serve.err()).isEmpty();
    Cli both = Cli.run("memory", "gemma-2b", "--tp", "2");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("tensor parallelism of 2 must divide the heads (8) and key/value heads (1)");
  }

  /** A GPU without fp8 tensor cores runs fp8 weights through bf16 kernels: the bounds use its bf16 peak. */
  @Test
  void weights_without_a_peak_of_their_own_are_multiplied_in_bf16() throws Exception {
    Cli run = Cli.run("memory", "llama2-7b", "--gpu", "a100", "--weights-precision", "fp8", "--format", "json");
    assertThat(run.exit()).isZero();
    JsonNode i = JSON.readTree(run.out()).get(0).get("inference");
    assertThat(i.get("setup").get("compute_precision").asText()).isEqualTo("bf16");
    assertThat(i.get("decode").get("ridge").asDouble()).isCloseTo(312e12 / 2.039e12, org.assertj.core.api.Assertions.within(1e-9));
  }

  /** A request whose bisection would pass 64 bits is still answered: the sizes themselves fit. */
  @Test
  void a_huge_batch_of_short_sequences_is_answered() throws Exception {
    Cli run = Cli.run("memory", "gpt2-small", "--batch", "4000000", "--context", "8", "--format", "json");
    assertThat(run.exit()).isZero();
    JsonNode i = JSON.readTree(run.out()).get(0).get("inference");
    // 2 · 12 layers · 12 heads · 64 · 2 bytes = 36,864 bytes per token, × 8 tokens × 4,000,000 sequences
    assertThat(i.get("kv_cache").asLong()).isEqualTo(36_864L * 8 * 4_000_000);
    assertThat(i.get("max_context_at_batch").asLong()).isZero();
  }

  @ParameterizedTest(name = "--reserve {0}")
  @CsvSource(delimiter = '|', value = {
    "NaN% | expected a share such as 10% or a size such as 4GiB, got 'NaN%'",
    "Infinity% | expected a share such as 10% or a size such as 4GiB, got 'Infinity%'",
    "-5% | expected a share such as 10% or a size such as 4GiB, got '-5%'",
    "100% | expected a share of the GPU's memory from 0% to 99%, got 100%",
    "81GB | expected a reserve below the h100-sxm's 80000000000 bytes, got 81000000000",
  })
  void bad_reserves_are_one_line(String reserve, String message) {
    Cli run = Cli.run("memory", "gpt2-small", "--reserve", reserve.strip());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("sizeup memory: --reserve: " + message.strip() + "\n");
  }

  /** 4GiB is 4 · 2^30 bytes kept back; 10% of 80 GB is 8 · 10^9. */
  @ParameterizedTest(name = "--reserve {0}: {1} usable bytes")
  @CsvSource({"4GiB, 75705032704", "10%, 72000000000", "0, 80000000000", "512MB, 79488000000"})
  void reserves_are_shares_or_sizes(String reserve, long usable) throws Exception {
    JsonNode m = JSON.readTree(Cli.run("memory", "gpt2-small", "--reserve", reserve, "--format", "json").out()).get(0);
    assertThat(m.get("training").get("gpu_memory").asLong()).isEqualTo(usable);
  }

  @Test
  void parallel_degrees_beyond_any_fleet_are_refused() {
    Cli run = Cli.run("memory", "llama2-7b", "--ep", "16777216", "--tp", "16777216", "--pp", "16777216");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("sizeup memory: --tp: tensor × pipeline × expert parallelism");
  }

  /** GPT-2's learned table has 1,024 rows: a longer sequence has no position to embed. */
  @Test
  void a_sequence_beyond_learned_positions_is_refused() {
    Cli run = Cli.run("memory", "gpt2-small", "--context", "2048");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("preset:gpt2-small:13:12: error: architecture.context: learned positions cover "
        + "1024 tokens; a sequence of 2048 tokens has no position embedding\n");
  }
}
