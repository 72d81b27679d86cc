package dev.sizeup.cli;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.analysis.ValidationRun;
import dev.sizeup.report.ValidationRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check each spec's counts against its expected block (parameters, active_parameters, tolerance).",
      "A rounded figure (3.21B) matches anything within half a unit of its last digit unless a tolerance is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every count matches",
      "1:a count differs from its published value by more than its tolerance",
      "2:bad input or usage (takes precedence over 1)",
      "3:internal error"
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  InputOptions inputs;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Analyzer.Options options = new Analyzer.Options(null, null, null, null, inputs.name);
    Analyzer.Batch batch = Analyzer.analyzeAll(inputs.expand(), parent.in, options);
    ValidationRun run = ValidationRun.of(batch);
    spec.commandLine().getOut().print(format.render(ValidationRenderer.INSTANCE, run));
    int code = Diagnostics.report(batch.errors(), spec.commandLine().getErr());
    return code == ExitCodes.OK && !run.ok() ? ExitCodes.CHECK_FAILED : code;
  }
}
