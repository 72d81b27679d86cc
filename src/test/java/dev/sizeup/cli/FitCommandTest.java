package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FitCommandTest {
  static final String RUNS = "src/test/resources/runs/";

  /**
   * The ladder's losses are Besiroglu et al. 2024's refit (E 1.82, A 482.01, B 2085.43, α 0.3478,
   * β 0.3658; arXiv:2404.10102, Table 1) to 12 decimals: the fit gives it back, from tokens or from FLOPs.
   */
  @ParameterizedTest
  @CsvSource({"epoch-ladder.csv", "compute-column.csv"})
  void runs_on_a_known_law_give_it_back(String file) {
    Cli run = Cli.run("fit", RUNS + file);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("35 runs fitted")
        .containsPattern("E +1\\.82  irreducible loss")
        .containsPattern("A +482\\.01  parameter term")
        .containsPattern("B +2085\\.4  data term")
        .containsPattern("alpha +0\\.3478  parameter exponent")
        .containsPattern("beta +0\\.3658  data exponent");
  }

  @Test
  void the_bootstrap_is_reproducible_to_the_byte_and_changes_with_the_seed() {
    Cli first = Cli.run("fit", RUNS + "compute-column.csv", "--bootstrap", "30", "--seed", "7", "--format", "json");
    Cli again = Cli.run("fit", RUNS + "compute-column.csv", "--bootstrap", "30", "--seed", "7", "--format", "json");
    Cli other = Cli.run("fit", RUNS + "compute-column.csv", "--bootstrap", "30", "--seed", "8", "--format", "json");
    assertThat(first.exit()).isZero();
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(first.out()).contains("\"resamples\": 30", "\"seed\": 7");
    assertThat(other.out()).isNotEqualTo(first.out());
  }

  /** The ladder has 7 sizes × 5 token counts; its first token count is 5 per parameter, the others 12.5 and up. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--drop-highest 5|30 runs fitted (5 left out by the filters)",
      "--min-tokens-per-parameter 10|28 runs fitted (7 left out by the filters)",
      "--drop-loss-above 100|35 runs fitted;",
  })
  void filters_leave_runs_out_and_say_how_many(String filter, String says) {
    String[] f = filter.split(" ");
    Cli run = Cli.run("fit", RUNS + "epoch-ladder.csv", f[0], f[1]);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(says);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "bad-cell.csv|bad-cell.csv:5:3: error: loss: row 4: expected a number, got 'n/a'",
      "negative.csv|negative.csv:7:1: error: N: row 6: expected a positive finite number, got -150000000",
      "short-row.csv|short-row.csv:4:3: error: loss: row 3 has no value in this column (it has 2 of 3)",
      "one-size.csv|one-size.csv: error: every run has the same parameter count: α and A cannot be told apart from E; fit runs of at least two sizes",
      "too-few.csv|too-few.csv: error: 4 runs; a fit of E, A, B, α and β needs at least 6",
      "no-loss-column.csv|no-loss-column.csv:1:1: error: no column of final loss (looked for loss, l, final_loss, final loss, eval_loss, val_loss; choose one); the header has N, D, perplexity",
  })
  void bad_runs_are_one_located_line_and_exit_2(String file, String message) {
    Cli run = Cli.run("fit", RUNS + file);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(RUNS + message + "\n");
  }

  /**
   * {@code --objective huber-likelihood} on runs with noise of 5δ: the JSON names the objective and its
   * scale, the likelihood is a negative log (here below zero), and its law is not the plain fit's (on
   * these runs A moves from 463 to 431, past any rounding); a law file saved from it says how it was fitted.
   */
  @Test
  void the_huber_likelihood_is_its_own_fit_named_in_the_json_with_its_scale(@TempDir Path dir) throws Exception {
    Path law = dir.resolve("law.yaml");
    Cli run = Cli.run("fit", RUNS + "noisy-ladder.csv", "--objective", "huber-likelihood", "--format", "json",
        "--save", law.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var likelihood = mapper.readTree(run.out());
    var plain = mapper.readTree(Cli.run("fit", RUNS + "noisy-ladder.csv", "--format", "json").out());
    assertThat(likelihood.get("objective_kind").asText()).isEqualTo("huber-likelihood");
    assertThat(plain.get("objective_kind").asText()).isEqualTo("huber");
    assertThat(plain.has("scale")).isFalse();
    assertThat(likelihood.get("scale").asDouble()).isPositive();
    assertThat(likelihood.get("objective").asDouble()).isNegative();
    double a = likelihood.get("parameters").get("A").asDouble();
    double aPlain = plain.get("parameters").get("A").asDouble();
    assertThat(Math.abs(a - aPlain)).isGreaterThan(10);
    assertThat(Files.readString(law)).contains("objective_kind: huber-likelihood", "scale: ", "Besiroglu");
  }

  /** Runs that lie on a law to 12 decimals leave the likelihood nothing but rounding to fit: refused. */
  @Test
  void runs_without_noise_are_refused_by_the_huber_likelihood() {
    Cli run = Cli.run("fit", RUNS + "epoch-ladder.csv", "--objective", "huber-likelihood");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(RUNS + "epoch-ladder.csv: error: the runs lie on the law to within rounding")
        .endsWith("the plain Huber objective fits such runs\n");
  }

  @Test
  void an_unknown_objective_is_a_usage_error() {
    Cli run = Cli.run("fit", RUNS + "epoch-ladder.csv", "--objective", "mse");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--objective: expected huber or huber-likelihood, got 'mse'");
  }

  @Test
  void a_chosen_column_that_is_not_there_gets_a_did_you_mean() {
    Cli run = Cli.run("fit", RUNS + "epoch-ladder.csv", "--loss-col", "los");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("column 'los'").contains("did you mean 'loss'");
  }

  /**
   * A saved law is used like a built-in one: the ladder's law is Epoch's refit, so its split of a budget is
   * Epoch's (plan --law epoch: 72.2B on 1.33T at 5.76e23), and analyze and plan speak JSON that the schemas take.
   */
  @Test
  void a_saved_law_plans_analyzes_and_reports_like_a_built_in_one(@TempDir Path dir) throws Exception {
    Path law = dir.resolve("ladder.yaml");
    Cli fit = Cli.run("fit", RUNS + "epoch-ladder.csv", "--save", law.toString());
    assertThat(fit.exit()).as(fit.err()).isZero();
    assertThat(Files.readString(law)).contains("  name: \"epoch-ladder\"", "  alpha: 0.3477999999");
    Cli plan = Cli.run("plan", "--compute", "5.76e23", "--law-file", law.toString());
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).containsPattern("epoch +72\\.2B +1\\.33T")
        .containsPattern("epoch-ladder\\* +72\\.2B +1\\.33T");
    Cli analyze = Cli.run("analyze", "--format", "json", "gpt3-175b", "--law-file", law.toString());
    assertThat(analyze.exit()).as(analyze.err()).isZero();
    JsonSchemaTest.assertValid("analyze", JsonSchemaTest.JSON.readTree(analyze.out()));
    assertThat(analyze.out()).contains("\"law\": \"epoch-ladder\"");
    JsonSchemaTest.assertValid("plan", JsonSchemaTest.JSON.readTree(
        Cli.run("plan", "--format", "json", "--compute", "1e23", "--law-file", law.toString()).out()));
    Cli report = Cli.run("report", "gpt2-small", "--law-file", law.toString(), "--out", dir.resolve("r").toString());
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(Files.readString(dir.resolve("r/gpt2-small.md"))).contains("under the epoch-ladder law");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "law: {name: x, E: 1, A: 1, B: 1, alpha: 1, beta: 1, gamma: 2}|1:53: error: law.gamma: unknown key 'gamma'; expected one of A, B, E, alpha, beta, citation, name, units",
      "law: {name: epoch, E: 1, A: 1, B: 1, alpha: 1, beta: 1}|1:13: error: law.name: 'epoch' is a built-in law's name; give the fitted law its own",
      "law: {name: x, E: 1, A: one, B: 1, alpha: 1, beta: 1}|1:25: error: law.A: expected a number",
      "law: {name: x, E: 1, A: 1, B: 1, alpha: 0, beta: 1}|1:41: error: law.alpha: expected a positive number up to 1e30, got 0",
      "law: {name: x, E: 1, A: 1, B: 1, alpha: 1}|1:6: error: law.beta: missing: the law needs beta",
      "lawn: {}|1:1: error: lawn: unknown key 'lawn'; did you mean 'law'?",
  })
  void a_bad_law_file_is_one_located_line(String yaml, String message, @TempDir Path dir) throws Exception {
    Path law = dir.resolve("law.yaml");
    Files.writeString(law, yaml + "\n");
    Cli run = Cli.run("plan", "--compute", "1e23", "--law-file", law.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(law + ":" + message + "\n");
  }

  @Test
  void the_report_has_its_markdown_and_three_charts_with_their_axis_titles(@TempDir Path dir) throws Exception {
    Cli run = Cli.run("fit", RUNS + "compute-column.csv", "--report", dir.toString(), "--bootstrap", "20");
    assertThat(run.exit()).as(run.err()).isZero();
    String md = Files.readString(dir.resolve("compute-column.md"));
    assertThat(md).startsWith("# compute-column: fitted scaling law\n")
        .contains("![Fitted against observed loss](compute-column/fitted.svg)",
            "![Residuals against model size](compute-column/residuals.svg)",
            "![Iso-FLOP curves of the fitted law with the runs](compute-column/iso-flop.svg)", "| alpha | 0.3478 |");
    for (String[] chart : new String[][] {{"fitted", "observed loss"}, {"residuals", "residual, log fitted"},
        {"iso-flop", "parameters N (log scale)"}}) {
      String svg = Files.readString(dir.resolve("compute-column/" + chart[0] + ".svg"));
      dev.sizeup.report.SizingReportsTestAccess.xml(svg);
      assertThat(svg).contains(">" + chart[1]);
    }
  }

  @Test
  void a_missing_file_is_one_line() {
    Cli run = Cli.run("fit", RUNS + "nowhere.csv");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(RUNS + "nowhere.csv: error: no such file\n");
  }
}
