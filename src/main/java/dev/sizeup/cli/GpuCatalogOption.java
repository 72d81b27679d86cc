package dev.sizeup.cli;

import dev.sizeup.plan.GpuCatalog;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.SpecException;
import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --gpu-catalog} option of the commands that price or size on accelerators. */
final class GpuCatalogOption {
  @Option(names = "--gpu-catalog", paramLabel = "FILE", description = "Extra accelerators (YAML, same format as the built-in catalog).")
  String file;

  /** The built-in catalog, extended by the user's file when one is given. */
  GpuCatalog catalog(InputStream stdin) throws SpecException {
    GpuCatalog catalog = GpuCatalog.builtIn();
    if (file == null) {
      return catalog;
    }
    List<Inputs.Input> files = Inputs.expand(List.of(file));
    if (files.size() != 1) {
      throw new UserError("--gpu-catalog", "expected one YAML file, got " + file);
    }
    return catalog.with(Inputs.read(files.get(0), stdin));
  }
}
