package dev.sizeup.cli;

/** The process exit codes, also listed in {@code sizeup --help}. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int CHECK_FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int INTERNAL = 3;

  /** The exit-code list every command's help shows. */
  static final String[] LIST = {
    "0:success",
    "1:a check failed (validate: a count differs from its published value)",
    "2:bad input or usage: one line on stderr per problem; the other inputs are still processed",
    "3:internal error (a bug; add --verbose for the stack trace)",
  };
}
