package dev.sizeup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code sizeup --version}: the project version, written into the jar by the build. */
final class Version implements IVersionProvider {
  static String version() {
    try (InputStream in = Version.class.getResourceAsStream("/dev/sizeup/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"sizeup " + version()};
  }
}
