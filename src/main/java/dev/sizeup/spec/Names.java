package dev.sizeup.spec;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A model's name when its input does not give one, derived so that it does not depend on how the
 * path was spelled: the same config reached as {@code config.json}, {@code ./x/config.json} or
 * through a Hugging Face cache gets the same name.
 */
final class Names {
  private Names() {}

  /** A Hugging Face repository id: {@code name} or {@code org/name}. */
  private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

  /** A spec without a name: its file name without the extension (a preset's own name). */
  static Key.Default<String> forSpec(Source source) {
    return switch (source.kind()) {
      case PRESET -> new Key.Default<>(source.display().substring("preset:".length()), "the preset's name");
      case STDIN -> new Key.Default<>("stdin", "standard input has no file name");
      case FILE -> {
        String file = source.path() != null ? source.path().getFileName().toString()
            : source.display().substring(source.display().lastIndexOf('/') + 1);
        yield new Key.Default<>(stem(file), "the file name");
      }
    };
  }

  /**
   * A config's name: its {@code _name_or_path} when that is a hub id (not a local path, which
   * depends on the machine); else the {@code models--org--name} folder of a hub cache; else the
   * folder that holds {@code config.json}; else the file name.
   */
  static Key.Default<String> forConfig(Source source, String nameOrPath) {
    if (nameOrPath != null && HUB_ID.matcher(nameOrPath).matches() && !nameOrPath.startsWith(".")) {
      return new Key.Default<>(nameOrPath, null);
    }
    if (source.path() == null) {
      return new Key.Default<>("stdin", "standard input has no file name and the config no hub id");
    }
    Path real = source.path().toAbsolutePath().normalize();
    for (Path p = real.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
      String folder = p.getFileName().toString();
      if (folder.startsWith("models--") && folder.length() > "models--".length()) {
        return new Key.Default<>(folder.substring("models--".length()).replace("--", "/"),
            "the Hugging Face cache folder " + folder);
      }
    }
    String file = real.getFileName().toString();
    Path parent = real.getParent();
    if (file.equals("config.json") && parent != null && parent.getFileName() != null) {
      return new Key.Default<>(parent.getFileName().toString(), "the folder that holds config.json");
    }
    return new Key.Default<>(stem(file), "the file name");
  }

  static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
