package dev.sizeup.cli;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.analysis.ValidationRun;
import dev.sizeup.report.PresetsRenderer;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Presets;
import java.io.InputStream;
import java.util.List;
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
    exitCodeList = {"0:success", "2:bad input or usage", "3:internal error"})
final class PresetsCommand implements Callable<Integer> {
  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "NAME",
      description = "Presets to list, by name or with * and ? wildcards (e.g. 'llama*'); default: every preset.")
  List<String> patterns;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<String> names = Presets.names();
    if (patterns != null && !patterns.isEmpty()) {
      List<String> chosen = new java.util.ArrayList<>();
      for (String p : patterns) {
        java.util.regex.Pattern glob = java.util.regex.Pattern.compile(
            "\\Q" + p.strip().replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E",
            java.util.regex.Pattern.CASE_INSENSITIVE);
        List<String> matched = names.stream().filter(n -> glob.matcher(n).matches()).toList();
        if (matched.isEmpty()) {
          throw new UserError(null, dev.sizeup.spec.Suggestions.unknown("preset '" + p + "'", p, names));
        }
        matched.stream().filter(n -> !chosen.contains(n)).forEach(chosen::add);
      }
      names = chosen.stream().sorted().toList();
    }
    Analyzer.Batch batch = Analyzer.analyzeAll(names.stream().map(Inputs::preset).toList(),
        InputStream.nullInputStream(), Analyzer.Options.DEFAULT);
    if (!batch.errors().isEmpty()) {
      throw new IllegalStateException("a shipped preset does not load: " + batch.errors().get(0).render());
    }
    spec.commandLine().getOut().print(format.render(PresetsRenderer.INSTANCE, ValidationRun.of(batch)));
    return ExitCodes.OK;
  }
}
