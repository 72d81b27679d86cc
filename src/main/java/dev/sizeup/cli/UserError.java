package dev.sizeup.cli;

/**
 * A usage error the command line finds itself (options that conflict or are missing): one line on
 * stderr, exit code 2. Domain refusals arrive as {@code InvalidValueException}s instead.
 */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The option at fault, e.g. {@code --gpus}; null when the error is about the command as a whole. */
  final String option;

  UserError(String option, String message) {
    super(message, null, false, false);
    this.option = option;
  }
}
