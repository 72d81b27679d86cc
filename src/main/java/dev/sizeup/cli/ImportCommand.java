package dev.sizeup.cli;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.report.SpecRenderer;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import dev.sizeup.spec.Text;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a Hugging Face config.json (or a model folder, or a spec) into a sizeup spec with every key explicit.",
      "Supported model_type: gpt2, gpt_neox, llama, mistral, mixtral, qwen2, gemma, gemma2, phi3, opt, falcon "
          + "(and RefinedWeb/RefinedWebModel), phi, bloom."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad input, usage, or an output file that cannot be written", "3:internal error"})
final class ImportCommand implements Callable<Integer> {
  /** The formats a spec is written in. */
  enum SpecFormat { yaml, json }

  @Parameters(paramLabel = "CONFIG", description = "A config.json, a model folder, a spec, or - for standard input.")
  String config;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the spec here, atomically, instead of to standard output. The folder must exist.")
  Path output;

  @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
      description = "Spec format (default: ${DEFAULT-VALUE}); both load back unchanged.")
  SpecFormat format;

  @Option(names = "--name", paramLabel = "NAME", description = "The model's name, replacing the derived one.")
  String name;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Inputs.Input> inputs = Inputs.expand(List.of(config));
    if (inputs.size() != 1) {
      throw new UserError(null, "expected one config, but " + config + " holds " + inputs.size() + " specs");
    }
    Spec imported;
    try {
      imported = SpecLoader.load(Inputs.read(inputs.get(0), parent.in), name);
      // the checks analyze makes (a count that fits 64 bits), so that import writes nothing analyze refuses
      Analyzer.analyze(imported, Analyzer.Options.DEFAULT);
    } catch (SpecException e) {
      return Diagnostics.report(List.of(e), spec.commandLine().getErr());
    }
    String text = format == SpecFormat.json ? SpecRenderer.json(imported) : SpecRenderer.yaml(imported);
    if (output == null) {
      spec.commandLine().getOut().print(text);
      return ExitCodes.OK;
    }
    try {
      AtomicFiles.write(output, text);
    } catch (AtomicFiles.WriteError e) {
      spec.commandLine().getErr().println(Inputs.display(output) + ": error: cannot write: " + Text.safe(e.getMessage()));
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.OK;
  }
}
