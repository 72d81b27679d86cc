package dev.sizeup.cli;

import dev.sizeup.scaling.LawFile;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.SpecException;
import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --law-file} option: a law written by {@code sizeup fit --save}, used like a built-in one. */
final class LawFileOption {
  @Option(names = "--law-file", paramLabel = "FILE",
      description = "A law fitted by 'sizeup fit --save', used in place of --law.")
  String file;

  /** The law from the file when one is given, else {@code law}; both at once is a usage error. */
  ScalingLaw law(ScalingLaw law, CommandSpec spec, InputStream stdin) throws SpecException {
    if (file == null) {
      return law;
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--law")) {
      throw new UserError("--law-file", "give --law or --law-file, not both");
    }
    List<Inputs.Input> files = Inputs.expand(List.of(file));
    if (files.size() != 1) {
      throw new UserError("--law-file", "expected one YAML file, got " + file);
    }
    return LawFile.read(Inputs.read(files.get(0), stdin));
  }
}
