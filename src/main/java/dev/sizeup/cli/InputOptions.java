package dev.sizeup.cli;

import dev.sizeup.spec.Inputs;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs every reading command takes, and the name override that applies to a single one. */
final class InputOptions {
  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "Spec files, config.json files, model folders, directories, preset names, or - for standard input.")
  List<String> inputs;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The model's name, replacing the spec's or the one derived from the path (one input only).")
  String name;

  /** The expanded inputs; a name given for several inputs is a usage error. */
  List<Inputs.Input> expand() {
    List<Inputs.Input> expanded = Inputs.expand(inputs);
    if (name != null && expanded.size() > 1) {
      throw new UserError("--name", "names a single input, but " + expanded.size() + " were given");
    }
    if (name != null && name.isBlank()) {
      throw new UserError("--name", "expected a name, got nothing");
    }
    return expanded;
  }
}
