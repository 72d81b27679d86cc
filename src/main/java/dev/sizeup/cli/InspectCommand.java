package dev.sizeup.cli;

import dev.sizeup.analysis.Inspection;
import dev.sizeup.analysis.Inspector;
import dev.sizeup.report.InspectionRenderer;
import dev.sizeup.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Count a checkpoint's parameters from its safetensors headers alone: in total, by dtype and by component.",
      "With an architecture (--spec, or the folder's own config.json) compare the two part by part.",
      "Only each file's header is read: the first 8 bytes and the JSON after them are enough."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (and the checkpoint holds what the architecture says)",
        "1:the checkpoint differs from the architecture", "2:bad input or usage", "3:internal error"})
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CHECKPOINT",
      description = "A .safetensors file, or a folder of them (read through model.safetensors.index.json when it has one).")
  Path checkpoint;

  @Option(names = "--spec", paramLabel = "INPUT",
      description = "The architecture to compare with: a spec, config.json or preset (default: the folder's config.json).")
  String specInput;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Inspection inspection;
    try {
      inspection = Inspector.inspect(checkpoint, specInput, parent.in);
    } catch (SpecException e) {
      return Diagnostics.report(List.of(e), spec.commandLine().getErr());
    }
    if (inspection.notCompared() != null) {
      spec.commandLine().getErr().println(inspection.notCompared().render("warning")
          + " (the checkpoint is counted, not compared)");
    }
    spec.commandLine().getOut().print(format.render(InspectionRenderer.INSTANCE, inspection));
    return inspection.matches() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
