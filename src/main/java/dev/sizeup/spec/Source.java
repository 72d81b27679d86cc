package dev.sizeup.spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One input's text and where it came from.
 *
 * @param display how diagnostics and outputs name it: the path as the user wrote it (forward
 *                slashes), {@code preset:NAME} or {@code <stdin>}
 * @param text    the whole input
 * @param path    the file it was read from; null for standard input and presets
 * @param kind    file, standard input or preset
 */
public record Source(String display, String text, Path path, Kind kind) {
  public enum Kind { FILE, STDIN, PRESET }

  public Source {
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
  }

  /** The syntax: by extension when there is one, else JSON when the text starts with '{'. */
  public Documents.Format format() {
    String name = display.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return Documents.Format.JSON;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Documents.Format.YAML;
    }
    return text.stripLeading().startsWith("{") ? Documents.Format.JSON : Documents.Format.YAML;
  }
}
