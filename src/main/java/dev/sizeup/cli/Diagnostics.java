package dev.sizeup.cli;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.Text;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The one place user errors are rendered: an input's problem as {@code file:line:col: error: key:
 * message}, an option's as {@code sizeup plan: --mfu: message}. Every diagnostic is one line.
 */
final class Diagnostics {
  private Diagnostics() {}

  /** Prints input errors, one line each, and returns the exit code they imply. */
  static int report(List<SpecException> errors, PrintWriter err) {
    errors.forEach(e -> err.println(e.render()));
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }

  /** The option a domain key comes from: {@code budget_usd} is {@code --budget-usd}. */
  static String option(String domainKey) {
    return "--" + domainKey.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String render(String command, InvalidValueException e) {
    return render(command, option(e.key()), e.detail());
  }

  static String render(String command, String option, String message) {
    return command + ": " + (option == null ? "" : option + ": ") + Text.safe(message).replaceAll("\\s*\\R\\s*", " ");
  }
}
