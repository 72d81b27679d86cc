package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void json_has_the_contracted_keys() throws Exception {
    Cli run = Cli.run("plan", "--compute", "5.76e23", "--gpu", "h100", "--gpus", "2048", "--inference-tokens", "1e13",
        "--format", "json");
    assertThat(run.err()).isEmpty();
    JsonNode p = JSON.readTree(run.out());
    assertThat(p.get("compute_flops").asDouble()).isEqualTo(5.76e23);
    assertThat(p.get("pf_days").asDouble()).isCloseTo(6666.67, within(0.01));
    List<String> laws = new ArrayList<>();
    p.get("allocations").forEach(a -> {
      laws.add(a.get("law").asText());
      for (String key : List.of("parameters", "tokens", "tokens_per_parameter", "loss")) {
        assertThat(a.has(key)).as(key).isTrue();
      }
    });
    assertThat(laws).containsExactly("chinchilla", "epoch", "kaplan", "rule20");
    assertThat(p.get("allocations").get(3).get("loss").isNull()).isTrue();
    JsonNode cost = p.get("cost");
    for (String key : List.of("gpu", "mfu", "gpu_hours", "days", "usd")) {
      assertThat(cost.has(key)).as(key).isTrue();
    }
    assertThat(cost.get("gpu").asText()).isEqualTo("h100-sxm");
    assertThat(p.get("inference").get("inference_optimal").get("parameters").asDouble())
        .isLessThan(p.get("inference").get("compute_optimal").get("parameters").asDouble());
  }

  @Test
  void without_a_gpu_there_is_no_cost() throws Exception {
    JsonNode p = JSON.readTree(Cli.run("plan", "--target-loss", "2.0", "--format", "json").out());
    assertThat(p.get("cost").isNull()).isTrue();
    assertThat(p.get("mode").asText()).isEqualTo("target_loss");
    assertThat(p.get("allocations")).hasSize(3);
  }

  @Test
  void text_shows_every_law_side_by_side_then_cost() {
    Cli run = Cli.run("plan", "--budget-usd", "2M", "--gpu", "h100", "--usd-per-gpu-hour", "2.5");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("chinchilla*", "epoch", "kaplan", "rule20", "gpu_hours", "800,000",
        "not comparable across laws");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "--compute -5                                    | expected a positive number",
    "--compute lots                                  | expected a positive number such as 5.76e23, 2e6 or 2M, got 'lots'",
    "--compute 1e23 --mfu 0                          | sizeup plan: --mfu: expected a number in [0.001, 1], got 0",
    "--compute 1e23 --mfu 1.5                        | sizeup plan: --mfu: expected a number in [0.001, 1], got 1.5",
    "--compute 1e23 --mfu 4.9e-324                   | sizeup plan: --mfu: expected a number in [0.001, 1], got 4.9e-324",
    "--compute 1e41                                  | sizeup plan: --compute: expected a number in [1, 1e40] FLOPs, got 1e41",
    "--compute 1e23 --gpus 8                         | sizeup plan: --gpus: needs --gpu",
    "--gpus 100000000 --days 3 --gpu h100            | sizeup plan: --gpus: expected an integer from 1 to 10000000",
    "--compute 1e23 --gpu h100 --usd-per-gpu-hour 1e-9 | --usd-per-gpu-hour: expected a number in [0.0001, 10000] USD",
    "--compute 1e23 --inference-tokens 1e30          | --inference-tokens: expected a number in (0, 1e20] tokens",
    "--compute 1e23 --gpu v100                       | sizeup plan: --gpu: unknown GPU 'v100'; did you mean 'a100'?",
    "--compute 1e23 --law hoffmann                   | sizeup plan: --law: unknown law 'hoffmann'; expected one of chinchilla, epoch, kaplan, rule20",
    "--compute 1e23 --law kaplna                     | sizeup plan: --law: unknown law 'kaplna'; did you mean 'kaplan'?",
    "--compute 1e23 --bogus                          | sizeup plan: unknown option '--bogus'",
    "--compute 1e23 --gpu-catalg x                   | sizeup plan: unknown option '--gpu-catalg'; did you mean '--gpu-catalog'?",
    "--compute 1e23 --target-loss 2                  | give exactly one budget",
    "--gpus 8 --days 3                               | needs --gpu",
    "--days 3 --gpu h100                             | sizeup plan: --days: needs --gpus",
    "--budget-usd 1e6                                | sizeup plan: --budget-usd: needs --gpu",
    "--target-loss 1.5                               | sizeup plan: --target-loss: 1.5 is unreachable under chinchilla: at or below chinchilla's irreducible loss E = 1.69; kaplan can reach it",
    "--target-loss 2 --law rule20                    | sizeup plan: --law: rule20 predicts no loss",
    "--compute 1e23 --gpu tpu-v5p --precision fp8    | tpu-v5p has no peak fp8 figure",
    "--compute 1e23 --precision fp12                 | unknown precision 'fp12'",
    "--mfu 0.5                                       | give exactly one budget",
  })
  void bad_plans_give_one_line_and_exit_2(String args, String message) {
    List<String> argv = new ArrayList<>(List.of("plan"));
    argv.addAll(List.of(args.trim().split("\\s+")));
    Cli run = Cli.run(argv.toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains(message).doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void analyze_reports_losses_allocation_and_efficiency_when_tokens_are_known() throws Exception {
    JsonNode r = JSON.readTree(Cli.run("analyze", "--format", "json", "architectures/gpt3-175b.yaml").out()).get(0);
    JsonNode s = r.get("scaling");
    assertThat(s.get("law").asText()).isEqualTo("chinchilla");
    assertThat(s.get("loss").get("chinchilla").asDouble()).isCloseTo(2.002, within(0.001));
    assertThat(s.get("loss").has("epoch")).isTrue();
    assertThat(s.get("loss").has("kaplan")).isTrue();
    assertThat(s.get("compute_optimal").get("parameters").asDouble()).isLessThan(174.6e9);
    assertThat(s.get("compute_efficiency").asDouble()).isBetween(0.3, 0.4);
    JsonNode none = JSON.readTree(Cli.run("analyze", "--format", "json", "architectures/gpt2-small.yaml").out()).get(0);
    assertThat(none.get("scaling").isNull()).isTrue();
  }

  /**
   * A target loss is planned under every law that can reach it. 1.75 is above chinchilla's
   * irreducible loss (E = 1.69, Hoffmann et al. 2022, §3.3) but below epoch's (E = 1.82, Besiroglu
   * et al. 2024): epoch is marked unreachable and the plan, under chinchilla, goes ahead.
   */
  @Test
  void a_target_loss_is_planned_under_each_law_that_can_reach_it() throws Exception {
    Cli run = Cli.run("plan", "--target-loss", "1.75", "--format", "json");
    assertThat(run.exit()).isZero();
    JsonNode p = JSON.readTree(run.out());
    assertThat(p.get("budget_kind").asText()).isEqualTo("target-loss");
    JsonNode epoch = p.get("allocations").get(1);
    assertThat(epoch.get("law").asText()).isEqualTo("epoch");
    assertThat(epoch.get("reachable").asBoolean()).isFalse();
    assertThat(epoch.get("unreachable_reason").asText()).isEqualTo("at or below epoch's irreducible loss E = 1.82");
    assertThat(epoch.get("parameters").isNull()).isTrue();
    JsonNode chinchilla = p.get("allocations").get(0);
    assertThat(chinchilla.get("reachable").asBoolean()).isTrue();
    assertThat(p.get("training_flops").asDouble()).isEqualTo(chinchilla.get("training_flops").asDouble());
    assertThat(Cli.run("plan", "--target-loss", "1.75").out()).contains("epoch", "unreachable: at or below epoch's");
    Cli underEpoch = Cli.run("plan", "--target-loss", "1.75", "--law", "epoch");
    assertThat(underEpoch.exit()).isEqualTo(2);
    assertThat(underEpoch.err()).isEqualTo("sizeup plan: --target-loss: 1.75 is unreachable under epoch: at or below "
        + "epoch's irreducible loss E = 1.82; chinchilla and kaplan can reach it\n");
  }

  /**
   * Every magnitude the bounds allow prints as a number, never a clamped long, Infinity or NaN. The
   * figures by hand: 1e40 / (989.4e12 · 0.40) / 3600 = 7.019e21 GPU-hours = 2.925e20 days on one GPU;
   * at MFU 0.001 and 10,000 USD/hour 1e40 / (989.4e12 · 0.001) / 3600 · 1e4 = 2.808e28 USD; 1e15 USD at
   * 0.0001 USD/hour buys 1e19 hours · 3600 · 2250e12 · 0.40 = 3.240e37 FLOPs; 1e7 GPUs for 36,500
   * days are 8.76e12 GPU-hours.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "--compute 1e40 --gpu h100 --gpus 1                              | 2.925e+20  on 1 GPU",
    "--compute 1e40 --gpu h100 --mfu 0.001 --usd-per-gpu-hour 10000   | usd        2.808e+28",
    "--budget-usd 1e15 --gpu b200 --usd-per-gpu-hour 0.0001           | budget  3.240e+37 FLOPs",
    "--gpus 10000000 --days 36500 --gpu b200                          | 8,760,000,000,000",
  })
  void extreme_but_allowed_budgets_print_finite_numbers(String args, String expected) {
    Cli run = Cli.run(("plan " + args).split("\\s+"));
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains(expected).doesNotContain("Infinity", "NaN", "9,223,372,036,854,775,807", "-0.00");
  }

  /** With almost no inference the compute-optimal model is already the lifetime optimum: no "-0.00% less". */
  @Test
  void a_tiny_inference_budget_keeps_the_compute_optimal_model() {
    Cli run = Cli.run("plan", "--compute", "5.76e23", "--inference-tokens", "1");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("so little inference that the compute-optimal model is also the lifetime optimum")
        .doesNotContain("-0.00");
  }
}
