package dev.sizeup.cli;

/** The process exit codes, also listed in {@code sizeup --help}. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int CHECK_FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int INTERNAL = 3;

}
