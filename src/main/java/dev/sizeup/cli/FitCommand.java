package dev.sizeup.cli;

import dev.sizeup.report.FitRenderer;
import dev.sizeup.report.FitReport;
import dev.sizeup.scaling.LawFile;
import dev.sizeup.scaling.LawFit;
import dev.sizeup.scaling.Objective;
import dev.sizeup.scaling.TrainingRuns;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fit L(N, D) = E + A/N^α + B/D^β to your own training runs, as Hoffmann et al. 2022 (Approach 3) and "
          + "Besiroglu et al. 2024 do: a Huber loss on log loss (δ = 1e-3), minimised from 4,500 starts.",
      "RUNS is a CSV with a header: parameters, training tokens (or training FLOPs, then D = C/(6N)) and final loss."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad input or usage (a bad cell names its row and column)", "3:internal error"})
final class FitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUNS", description = "CSV of training runs.")
  Path runs;

  @Option(names = "--n-col", paramLabel = "NAME", description = "Column of parameters (default: N, parameters, params, Model Size, ...).")
  String nCol;

  @Option(names = "--d-col", paramLabel = "NAME", description = "Column of training tokens (default: D, tokens, ...).")
  String dCol;

  @Option(names = "--c-col", paramLabel = "NAME", description = "Column of training FLOPs, when there is no tokens column (default: C, compute, flops, Training FLOP, ...).")
  String cCol;

  @Option(names = "--loss-col", paramLabel = "NAME", description = "Column of final loss (default: loss, L, final_loss, ...).")
  String lossCol;

  @Option(names = "--drop-loss-above", converter = Converters.Positive.class, paramLabel = "L",
      description = "Leave out runs whose loss is above L.")
  Double dropLossAbove;

  @Option(names = "--drop-highest", defaultValue = "0", paramLabel = "K",
      description = "Leave out the K runs of highest loss (Besiroglu et al. drop 5 of the Chinchilla runs; default: ${DEFAULT-VALUE}).")
  int dropHighest;

  @Option(names = "--min-tokens-per-parameter", converter = Converters.Positive.class, paramLabel = "R",
      description = "Leave out runs with fewer than R tokens per parameter.")
  Double minTokensPerParameter;

  @Option(names = "--objective", defaultValue = "huber", paramLabel = "huber|huber-likelihood",
      converter = ObjectiveConverter.class,
      description = "What to minimise: the Huber loss of Hoffmann et al. 2022 (default), or the Huber likelihood "
          + "with a free scale of Besiroglu et al. 2024.")
  Objective objective;

  static final class ObjectiveConverter implements picocli.CommandLine.ITypeConverter<Objective> {
    @Override
    public Objective convert(String value) {
      Objective o = Objective.named(value);
      if (o == null) {
        throw new picocli.CommandLine.TypeConversionException("expected huber or huber-likelihood, got '" + value + "'");
      }
      return o;
    }
  }

  @Option(names = "--delta", converter = Converters.Positive.class, defaultValue = "1e-3", paramLabel = "δ",
      description = "Huber threshold on log loss (default: ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--at", converter = Converters.Positive.class, split = ",", paramLabel = "FLOPS",
      defaultValue = "1e21,1e23,1e25", description = "Budgets to split compute-optimally (default: ${DEFAULT-VALUE}).")
  List<Double> at;

  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "B",
      description = "Bootstrap resamples for 80%% and 95%% intervals, each fitted from the fit (default: none).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed of the resampling: the same seed gives the same intervals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Also write the fitted law, with how it was fitted, for --law-file in plan, analyze and report.")
  Path save;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write a markdown report with charts (fitted against observed loss, residuals, iso-FLOP "
          + "curves with the runs): DIR/<law name>.md and its charts in DIR/<law name>/.")
  Path report;

  @Option(names = "--law-name", paramLabel = "NAME",
      description = "The fitted law's name in the saved file and in other commands' output (default: the CSV's file name).")
  String lawName;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @ParentCommand
  SizeupCommand parent;

  /** The saved law's name: the one given, else the CSV's file name; never a built-in law's. */
  private String name() {
    String n = lawName != null ? lawName.strip() : runs.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    if (n.isEmpty()) {
      throw new UserError("--law-name", "expected a name, got nothing");
    }
    boolean builtIn = dev.sizeup.scaling.ScalingLaws.ALL.stream().anyMatch(l -> l.name().equalsIgnoreCase(n));
    if (builtIn && lawName != null) {
      throw new UserError("--law-name", "'" + n + "' is a built-in law's name; give the fitted law its own");
    }
    return builtIn ? n + "-fit" : n;
  }

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LawFit.Request request = new LawFit.Request(delta, at, bootstrap, seed, objective);
    try {
      TrainingRuns data = TrainingRuns.read(runs, Inputs.display(runs),
          new TrainingRuns.Columns(nCol, dCol, cCol, lossCol),
          new TrainingRuns.Filters(dropLossAbove, dropHighest, minTokensPerParameter));
      LawFit fit;
      // a progress bar on stderr for a bootstrap, only on an interactive terminal and never with JSON
      try (me.tongfei.progressbar.ProgressBar bar = bootstrap > 0 && format != Format.json && System.console() != null
          ? new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("bootstrap").setInitialMax(bootstrap)
              .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
              .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()
          : null) {
        fit = LawFit.fit(data, request, bar == null ? null : i -> bar.step());
      }
      if (save != null) {
        try {
          AtomicFiles.write(save, LawFile.write(fit, name()));
        } catch (AtomicFiles.WriteError e) {
          spec.commandLine().getErr().println(Inputs.display(save) + ": error: cannot write: "
              + dev.sizeup.spec.Text.safe(e.getMessage()));
          return ExitCodes.BAD_INPUT;
        }
      }
      if (report != null) {
        try {
          java.nio.file.Files.createDirectories(report);
          for (var f : FitReport.of(fit, name()).files()) {
            ReportCommand.writeIfChanged(report, f);
          }
        } catch (AtomicFiles.WriteError e) {
          spec.commandLine().getErr().println(Inputs.display(report) + ": error: cannot write the report: "
              + dev.sizeup.spec.Text.safe(e.getMessage()));
          return ExitCodes.BAD_INPUT;
        } catch (java.io.IOException | SecurityException e) {
          spec.commandLine().getErr().println(Inputs.display(report) + ": error: cannot create the report folder: "
              + ReportCommand.reason(e));
          return ExitCodes.BAD_INPUT;
        }
      }
      spec.commandLine().getOut().print(format.render(FitRenderer.INSTANCE, fit));
      return ExitCodes.OK;
    } catch (SpecException e) {
      return Diagnostics.report(List.of(e), spec.commandLine().getErr());
    }
  }

}
