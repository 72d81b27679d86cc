package dev.sizeup.spec;

/**
 * A user error found while resolving a document, with the place it was found. Internal to the
 * loader: it becomes a {@link SpecException} (which names the file) before it leaves the package.
 */
final class Located extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String key;
  final transient Location location;
  final String detail;

  Located(String key, Location location, String detail) {
    super(key + ": " + detail, null, false, false);
    this.key = key;
    this.location = location;
    this.detail = detail;
  }

  SpecException in(String file) {
    return new SpecException(file, location, key, detail);
  }
}
