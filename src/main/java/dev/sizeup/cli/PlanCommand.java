package dev.sizeup.cli;

import dev.sizeup.plan.Budget;
import dev.sizeup.plan.GpuCatalog;
import dev.sizeup.plan.PlanRequest;
import dev.sizeup.plan.Planner;
import dev.sizeup.plan.Precision;
import dev.sizeup.report.PlanRenderer;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Spend a training budget well: the compute-optimal parameters and tokens under every scaling law, "
          + "the loss each predicts, and the cost.",
      "Give exactly one budget: --compute FLOPS | --gpus N --gpu NAME --days D | --budget-usd USD --gpu NAME "
          + "| --target-loss L."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad input or usage", "3:internal error"})
final class PlanCommand implements Callable<Integer> {
  @Option(names = "--compute", converter = Converters.Positive.class, paramLabel = "FLOPS",
      description = "Training compute in FLOPs, up to 1e40, e.g. 5.76e23.")
  Double compute;

  @Option(names = "--gpus", converter = Converters.Count.class, paramLabel = "N",
      description = "Number of accelerators, up to 10M (with --days: the budget; otherwise: for wall-clock days). Needs --gpu.")
  Long gpus;

  @Option(names = "--days", converter = Converters.Positive.class, paramLabel = "D",
      description = "Wall-clock days on --gpus accelerators, up to 36,500.")
  Double days;

  @Option(names = "--budget-usd", converter = Converters.Positive.class, paramLabel = "USD",
      description = "Dollars to spend, up to 1e15, e.g. 2e6 or 2M.")
  Double budgetUsd;

  @Option(names = "--target-loss", converter = Converters.Positive.class, paramLabel = "L",
      description = "A loss to reach (in each law's own units): the least compute that reaches it.")
  Double targetLoss;

  @Option(names = "--gpu", paramLabel = "NAME", description = "Accelerator from the catalog (e.g. h100, a100, b200; any case).")
  String gpu;

  @picocli.CommandLine.Mixin
  GpuCatalogOption gpuCatalog;

  @Option(names = "--precision", defaultValue = "bf16", paramLabel = "P",
      description = "Precision whose peak throughput applies: fp32, tf32, bf16, fp16, fp8, fp4, int8 (default: ${DEFAULT-VALUE}).")
  String precision;

  // A typical MFU for large dense runs: PaLM 540B reached 46.2% (Chowdhery et al. 2022, Table 3).
  @Option(names = "--mfu", converter = Converters.Number.class, paramLabel = "F", defaultValue = "0.40",
      description = "Model FLOPs utilisation in [0.001, 1] (default: ${DEFAULT-VALUE}; PaLM reached 0.462).")
  double mfu;

  // An assumed on-demand price, not a quote.
  @Option(names = "--usd-per-gpu-hour", converter = Converters.Positive.class, paramLabel = "USD", defaultValue = "2.00",
      description = "Price per GPU-hour, 0.0001 to 10,000 (default: ${DEFAULT-VALUE}, an assumption, not a quote).")
  double usdPerGpuHour;

  @Option(names = "--law", converter = Converters.Law.class, paramLabel = "LAW", defaultValue = "chinchilla",
      description = "Law for the headline compute, target losses and inference sizing: chinchilla, epoch, kaplan, "
          + "rule20 (default: ${DEFAULT-VALUE}). Every law's allocation is shown.")
  ScalingLaw law;

  @Option(names = "--inference-tokens", converter = Converters.Positive.class, paramLabel = "N",
      description = "Lifetime inference tokens, up to 1e20: also size the model for least training + inference "
          + "compute (Sardana & Frankle 2023).")
  Double inferenceTokens;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @picocli.CommandLine.Mixin
  LawFileOption lawFile;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PlanRequest request;
    try {
      request = request();
    } catch (SpecException e) {
      return Diagnostics.report(List.of(e), spec.commandLine().getErr());
    }
    spec.commandLine().getOut().print(format.render(PlanRenderer.INSTANCE, Planner.plan(request)));
    return ExitCodes.OK;
  }

  /** The request, after the option rules only the command line knows (which options go together). */
  private PlanRequest request() throws SpecException {
    List<String> given = new ArrayList<>();
    if (compute != null) {
      given.add("--compute");
    }
    if (days != null) {
      given.add("--gpus/--days");
    }
    if (budgetUsd != null) {
      given.add("--budget-usd");
    }
    if (targetLoss != null) {
      given.add("--target-loss");
    }
    if (given.size() != 1) {
      throw new UserError(null, "give exactly one budget: --compute, --gpus with --days, --budget-usd or "
          + "--target-loss" + (given.isEmpty() ? "" : " (got " + String.join(" and ", given) + ")"));
    }
    if (days != null && gpus == null) {
      throw new UserError("--days", "needs --gpus (and --gpu)");
    }
    if (gpus != null && gpu == null) {
      throw new UserError("--gpus", "needs --gpu to turn compute into days (known: " + GpuCatalog.builtIn().names() + ")");
    }
    if ((budgetUsd != null) && gpu == null) {
      throw new UserError("--budget-usd", "needs --gpu to turn dollars into compute (known: "
          + GpuCatalog.builtIn().names() + ")");
    }
    GpuCatalog catalog = gpuCatalog.catalog(parent.in);
    Budget budget = compute != null ? new Budget.Compute(compute)
        : days != null ? new Budget.Fleet(gpus, days)
        : budgetUsd != null ? new Budget.Dollars(budgetUsd)
        : new Budget.TargetLoss(targetLoss);
    return new PlanRequest(budget, lawFile.law(law, spec, parent.in), gpu == null ? null : catalog.find(gpu), Precision.parse(precision), mfu,
        days != null ? null : gpus, usdPerGpuHour, inferenceTokens);
  }
}
