package dev.sizeup.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The shipped presets: the specs in {@code architectures/}, copied into the jar at build time so
 * that {@code sizeup analyze llama3-8b} works from any directory.
 */
public final class Presets {
  private Presets() {}

  private static final String DIR = "dev/sizeup/presets/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** True when {@code name} could name a preset (no slash, no extension). */
  static boolean isName(String name) {
    return NAME.matcher(name).matches() && !name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json");
  }

  /** The preset's spec text, or null when there is no such preset. */
  public static String text(String name) {
    if (!isName(name)) {
      return null;
    }
    try (InputStream in = Presets.class.getClassLoader().getResourceAsStream(DIR + name + ".yaml")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every preset's name, sorted. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    CodeSource code = Presets.class.getProtectionDomain().getCodeSource();
    try {
      Path location = Path.of(code.getLocation().toURI());
      if (Files.isDirectory(location)) {
        Path dir = location.resolve(DIR);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                .forEach(n -> names.add(n.substring(0, n.length() - ".yaml".length())));
          }
        }
      } else {
        try (ZipFile jar = new ZipFile(location.toFile())) {
          for (ZipEntry e : Collections.list(jar.entries())) {
            String n = e.getName();
            if (n.startsWith(DIR) && n.endsWith(".yaml") && n.indexOf('/', DIR.length()) < 0) {
              names.add(n.substring(DIR.length(), n.length() - ".yaml".length()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the presets: " + e.getMessage(), e);
    }
    Collections.sort(names);
    return names;
  }
}
