package dev.sizeup.spec;

/**
 * A value refused by a domain record's constructor. It names the key at fault (a spec key such as
 * {@code architecture.kv_heads}, or a domain option such as {@code mfu}) so that the loader can point
 * at the right line and the command line at the right option. It is a user error, never a bug: bugs
 * stay {@link IllegalArgumentException}s and {@link IllegalStateException}s.
 */
public final class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String detail;

  public InvalidValueException(String key, String detail) {
    super(key + ": " + detail);
    this.key = key;
    this.detail = detail;
  }

  public String key() {
    return key;
  }

  /** The message without the key. */
  public String detail() {
    return detail;
  }
}
