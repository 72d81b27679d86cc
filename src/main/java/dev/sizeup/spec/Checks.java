package dev.sizeup.spec;

/** Range checks for record constructors; a failure names the key, for the diagnostic. */
final class Checks {
  private Checks() {}

  static long positive(String key, long value) {
    if (value < 1) {
      throw new InvalidValueException(key, "expected a positive integer, got " + value);
    }
    return value;
  }

  static long atLeastZero(String key, long value) {
    if (value < 0) {
      throw new InvalidValueException(key, "expected an integer >= 0, got " + value);
    }
    return value;
  }

  static <T> T present(String key, T value) {
    if (value == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    return value;
  }
}
