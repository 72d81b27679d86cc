package dev.sizeup.cli;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.report.AnalysisRenderer;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.scaling.VerdictBands;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Count parameters, FLOPs per token and the Chinchilla verdict of each input.",
      "A directory stands for every *.yaml, *.yml and *.json file below it, sorted by path; a folder with a "
          + "config.json is a Hugging Face model folder (only its config.json is read)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad input or usage", "3:internal error"})
final class AnalyzeCommand implements Callable<Integer> {
  @Mixin
  InputOptions inputs;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--tokens", converter = Converters.Count.class, paramLabel = "N",
      description = "Training tokens for every input, overriding training.tokens (e.g. 300B, 1.4T, 3e11).")
  Long tokens;

  @Option(names = "--seq-len", converter = Converters.Count.class, paramLabel = "N",
      description = "Sequence length of the matmul FLOP count (default: each spec's context; the 2N/6N counts need none).")
  Long seqLen;

  @Option(names = "--verdict-bands", converter = Converters.Bands.class, paramLabel = "S,U,O",
      defaultValue = "0.2,0.8,1.25",
      description = "Ratio D/(20N) thresholds: severely under-trained below S, under-trained below U, "
          + "over-trained above O (default: ${DEFAULT-VALUE}).")
  VerdictBands bands;

  @Option(names = "--law", converter = Converters.Law.class, paramLabel = "LAW", defaultValue = "chinchilla",
      description = "Scaling law for the compute-optimal allocation and efficiency: chinchilla, epoch, kaplan, "
          + "rule20 (default: ${DEFAULT-VALUE}). Losses are shown under every law.")
  ScalingLaw law;

  @Mixin
  LawFileOption lawFile;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ScalingLaw chosen;
    try {
      chosen = lawFile.law(law, spec, parent.in);
    } catch (dev.sizeup.spec.SpecException e) {
      return Diagnostics.report(java.util.List.of(e), spec.commandLine().getErr());
    }
    Analyzer.Options options = new Analyzer.Options(tokens, bands, chosen, seqLen, inputs.name);
    Analyzer.Batch batch = Analyzer.analyzeAll(inputs.expand(), parent.in, options);
    spec.commandLine().getOut().print(format.render(AnalysisRenderer.INSTANCE, batch.analyses()));
    return Diagnostics.report(batch.errors(), spec.commandLine().getErr());
  }
}
