package dev.sizeup.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the command line's inputs into sources, each read whole but never beyond
 * {@link #MAX_BYTES}. An input is a spec or config file; a directory (every spec file below it,
 * sorted by path; a folder holding {@code config.json} is a Hugging Face model folder, of which only
 * that file is read); a preset's name; or {@code -} for standard input. A problem with one input
 * becomes an error in its place, and the others are still read.
 */
public final class Inputs {
  private Inputs() {}

  /** The largest input read: a spec or a config.json is a few KB; anything far larger is not one. */
  public static final int MAX_BYTES = 1 << 20;

  /** The name a Hugging Face model folder's config has. */
  static final String CONFIG = "config.json";

  /** One input: where to read it, or the error that stands in its place. */
  public record Input(String display, Path path, Source.Kind kind, SpecException error) {
    static Input failed(String display, String message) {
      return new Input(display, null, null, new SpecException(display, Location.UNKNOWN, null, message));
    }
  }

  /** A shipped preset by name. */
  public static Input preset(String name) {
    return new Input("preset:" + name, null, Source.Kind.PRESET, null);
  }

  /** File names a directory is searched for. */
  public static boolean isSpecFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** Expands arguments into inputs, in the order given. */
  public static List<Input> expand(List<String> args) {
    List<Input> out = new ArrayList<>();
    boolean stdinSeen = false;
    for (String arg : args) {
      if (arg.isEmpty()) {
        out.add(Input.failed("''", "empty path (give a spec file, a directory, a preset name, or - for standard input)"));
        continue;
      }
      if (arg.equals("-")) {
        out.add(stdinSeen ? Input.failed("<stdin>", "standard input can be read only once")
            : new Input("<stdin>", null, Source.Kind.STDIN, null));
        stdinSeen = true;
        continue;
      }
      Path p;
      try {
        p = Path.of(arg);
      } catch (java.nio.file.InvalidPathException e) {
        out.add(Input.failed(Text.safe(arg), "not a valid path"));
        continue;
      }
      String shown = display(p);
      if (Files.isDirectory(p)) {
        List<Path> files = new ArrayList<>();
        try {
          walk(p, files);
        } catch (IOException e) {
          out.add(Input.failed(shown, "cannot list directory: " + reason(e)));
          continue;
        }
        if (files.isEmpty()) {
          out.add(Input.failed(shown, "directory has no spec files (*.yaml, *.yml, *.json)"));
        }
        files.forEach(f -> out.add(new Input(display(f), f, Source.Kind.FILE, null)));
      } else if (Files.exists(p)) {
        out.add(new Input(shown, p, Source.Kind.FILE, null));
      } else if (Presets.isName(arg) && Presets.text(arg) != null) {
        out.add(new Input("preset:" + arg, null, Source.Kind.PRESET, null));
      } else {
        String hint = "";
        if (Presets.isName(arg)) {
          String best = Suggestions.closest(arg, Presets.names());
          hint = best == null ? " ('sizeup presets' lists the presets)" : "; did you mean the preset '" + best + "'?";
        }
        out.add(Input.failed(shown, "no such file, directory or preset" + hint));
      }
    }
    return out;
  }

  /**
   * Collects spec files below {@code dir}, sorted by name at each level. A folder that holds a
   * config.json is a Hugging Face model folder: only that file is taken (its generation_config.json,
   * tokenizer files and index are not specs). Hidden entries and linked folders are not entered.
   */
  private static void walk(Path dir, List<Path> out) throws IOException {
    Path config = dir.resolve(CONFIG);
    if (Files.isRegularFile(config)) {
      out.add(config);
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    entries.sort(Comparator.comparing(e -> e.getFileName().toString()));
    for (Path e : entries) {
      if (e.getFileName().toString().startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
        walk(e, out);
      } else if (Files.isRegularFile(e) && isSpecFile(e)) {
        out.add(e);
      }
    }
  }

  /** Reads an input whole; standard input comes from {@code stdin}. */
  public static Source read(Input input, InputStream stdin) throws SpecException {
    if (input.error() != null) {
      throw input.error();
    }
    String shown = input.display();
    return switch (input.kind()) {
      case STDIN -> new Source(shown, decode(readAtMost(stdin, shown), shown), null, Source.Kind.STDIN);
      case PRESET -> new Source(shown, Presets.text(shown.substring("preset:".length())), null, Source.Kind.PRESET);
      case FILE -> new Source(shown, decode(readFile(input.path(), shown), shown), input.path(), Source.Kind.FILE);
    };
  }

  /** Reads one file by path (for tests and single-file callers). */
  public static Source read(Path path) throws SpecException {
    return read(new Input(display(path), path, Source.Kind.FILE, null), InputStream.nullInputStream());
  }

  private static byte[] readFile(Path p, String shown) throws SpecException {
    if (!Files.isRegularFile(p)) {
      throw new SpecException(shown, Location.UNKNOWN, null,
          Files.exists(p) ? "not a regular file (a FIFO, device or socket is not a spec)" : "no such file");
    }
    try {
      if (Files.size(p) > MAX_BYTES) {
        throw tooLarge(shown);
      }
      try (InputStream in = Files.newInputStream(p)) {
        return readAtMost(in, shown);
      }
    } catch (NoSuchFileException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "no such file");
    } catch (IOException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "cannot read: " + reason(e));
    }
  }

  private static byte[] readAtMost(InputStream in, String shown) throws SpecException {
    try {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(shown);
      }
      return bytes;
    } catch (IOException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "cannot read: " + reason(e));
    }
  }

  private static SpecException tooLarge(String shown) {
    return new SpecException(shown, Location.UNKNOWN, null,
        "larger than " + (MAX_BYTES >> 20) + " MiB: a spec or config.json is a few KB, so this is not one");
  }

  /** Strict UTF-8, without a leading byte-order mark. */
  private static String decode(byte[] bytes, String shown) throws SpecException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "not UTF-8 text");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** The path as the user wrote it, with forward slashes so output is the same on every OS. */
  public static String display(Path path) {
    return Text.safe(path.toString().replace('\\', '/'));
  }
}
