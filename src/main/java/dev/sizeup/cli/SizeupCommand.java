package dev.sizeup.cli;

import java.io.InputStream;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "sizeup",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Transformer sizing: exact parameter counts, FLOPs per token, Chinchilla verdicts, scaling-law plans and costs.",
      "Inputs are spec files (YAML or JSON), Hugging Face config.json files or model folders, directories of them,",
      "preset names (see 'sizeup presets'), or - for standard input."
    },
    subcommands = {AnalyzeCommand.class, ValidateCommand.class, ImportCommand.class, InspectCommand.class, PlanCommand.class,
        MemoryCommand.class, ReportCommand.class, FitCommand.class,
        PresetsCommand.class, AutoComplete.GenerateCompletion.class, picocli.CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (validate: a count differs from its published value; report --check: a report is stale)",
      "2:bad input or usage: one line on stderr per problem; the other inputs are still processed",
      "3:internal error (a bug; add --verbose for the stack trace)",
    })
final class SizeupCommand implements Runnable {
  /** Standard input, for the input "-". */
  final InputStream in;

  SizeupCommand(InputStream in) {
    this.in = in;
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print a stack trace on internal errors.")
  boolean verbose;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a command is required: analyze, validate, import, inspect, plan, memory, report, fit or presets");
  }
}
