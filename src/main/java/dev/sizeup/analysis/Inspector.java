package dev.sizeup.analysis;

import dev.sizeup.count.CheckpointCounter;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.spec.HfQuantization;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Safetensors;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The library entry point behind {@code sizeup inspect}. */
public final class Inspector {
  private Inspector() {}

  /**
   * Inspects the checkpoint at {@code path} (a .safetensors file or a folder of them). The
   * architecture it is compared with is {@code specInput} when given (a spec, config or preset, as
   * any command takes), else the folder's own {@code config.json} when it has one, else none.
   */
  public static Inspection inspect(Path path, String specInput, InputStream stdin) throws SpecException {
    Safetensors.Checkpoint checkpoint = Safetensors.read(path);
    Spec spec = null;
    SpecException notCompared = null;
    Path config = null;
    if (specInput != null) {
      List<Inputs.Input> inputs = Inputs.expand(List.of(specInput));
      if (inputs.size() != 1) {
        throw new SpecException(Inputs.display(Path.of(specInput)), dev.sizeup.spec.Location.UNKNOWN, null,
            "expected one spec or config, found " + inputs.size());
      }
      spec = SpecLoader.load(Inputs.read(inputs.get(0), stdin), null);
      config = inputs.get(0).path();
    } else if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("config.json"))) {
      config = path.resolve("config.json");
      try {
        spec = SpecLoader.load(config);
      } catch (SpecException e) {
        notCompared = e; // the checkpoint is still counted; its own config just cannot be compared
      }
    }
    if (config == null && Files.isDirectory(path)) {
      config = path.resolve("config.json");
    }
    Boolean tied = spec == null ? null : spec.architecture().embeddings().tied();
    CheckpointCounter.CheckpointCount count;
    try {
      count = CheckpointCounter.count(checkpoint, tied, HfQuantization.bits(config));
    } catch (IllegalArgumentException e) {
      throw new SpecException(checkpoint.source(), dev.sizeup.spec.Location.UNKNOWN, null, e.getMessage()
          + "; a config.json with quantization_config.bits beside the checkpoint gives it");
    }
    if (spec == null) {
      return new Inspection(checkpoint, count, null, List.of(), notCompared);
    }
    try {
      return new Inspection(checkpoint, count, spec, Inspection.compare(count, ParameterCounter.count(spec.architecture())),
          null);
    } catch (ArithmeticException e) {
      throw spec.error("architecture", "sizes too large: the parameter count overflows a 64-bit integer (over 9.2e18)");
    }
  }
}
