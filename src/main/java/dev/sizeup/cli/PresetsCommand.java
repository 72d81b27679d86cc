package dev.sizeup.cli;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.analysis.ValidationRun;
import dev.sizeup.report.PresetsRenderer;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Presets;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "presets",
    mixinStandardHelpOptions = true,
    description = {
      "List the shipped presets with their exact count, the published figure it is checked against, and the "
          + "Chinchilla verdict of their training tokens. Any command takes a preset's name as an input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "3:internal error"})
final class PresetsCommand implements Callable<Integer> {
  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Analyzer.Batch batch = Analyzer.analyzeAll(Presets.names().stream().map(Inputs::preset).toList(),
        InputStream.nullInputStream(), Analyzer.Options.DEFAULT);
    if (!batch.errors().isEmpty()) {
      throw new IllegalStateException("a shipped preset does not load: " + batch.errors().get(0).render());
    }
    spec.commandLine().getOut().print(format.render(PresetsRenderer.INSTANCE, ValidationRun.of(batch)));
    return ExitCodes.OK;
  }
}
