package dev.sizeup.spec;

import java.util.Objects;

/**
 * A user error in an input file, rendered like a compiler diagnostic:
 * {@code file:line:column: error: key: message}. Parts that are not known are left out.
 */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Location location;
  private final String key;
  private final String detail;

  public SpecException(String file, Location location, String key, String detail) {
    super(detail);
    this.file = Objects.requireNonNull(file, "file");
    this.location = location == null ? Location.UNKNOWN : location;
    this.key = key == null || key.isEmpty() ? null : key;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public String file() {
    return file;
  }

  public Location location() {
    return location;
  }

  /** The dotted key the error is about, e.g. {@code architecture.heads}; null for whole-file errors. */
  public String key() {
    return key;
  }

  public String detail() {
    return detail;
  }

  /** One line: {@code file:line:column: error: key: detail}. */
  public String render() {
    return render("error");
  }

  /** One line with another severity: {@code file:line:column: warning: key: detail}. */
  public String render(String severity) {
    StringBuilder b = new StringBuilder(file);
    if (location.known()) {
      b.append(':').append(location.line()).append(':').append(location.column());
    }
    b.append(": ").append(severity).append(": ");
    if (key != null) {
      b.append(Text.safe(key)).append(": "); // a key is the user's text: it may hold a line break
    }
    return b.append(oneLine(detail)).toString();
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
