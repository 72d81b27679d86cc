package dev.sizeup.cli;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Suggestions;
import dev.sizeup.spec.Text;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code sizeup} command line. Exit codes: see {@link ExitCodes}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // charts are drawn off screen: never look for a display
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, System.in, out, err));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    CommandLine cl = new CommandLine(new SizeupCommand(in));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println(usage(ex));
      return ExitCodes.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, at, parse) -> {
      String command = at.getCommandSpec().qualifiedName();
      if (ex instanceof InvalidValueException e) {
        err.println(Diagnostics.render(command, e));
        return ExitCodes.BAD_INPUT;
      }
      if (ex instanceof UserError u) {
        err.println(Diagnostics.render(command, u.option, u.getMessage()));
        return ExitCodes.BAD_INPUT;
      }
      if (verbose) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.print(trace);
      }
      err.println("sizeup: internal error (a bug, please report it): " + Text.safe(String.valueOf(ex))
          + (verbose ? "" : " (run again with --verbose for the stack trace)"));
      return ExitCodes.INTERNAL;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** One line for a command-line mistake, with a "did you mean" where Picocli has one. */
  static String usage(ParameterException ex) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    String help = " (see '" + command + " --help')";
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> unmatched = u.getUnmatched();
      String first = unmatched.isEmpty() ? "" : Text.clip(unmatched.get(0), 60);
      boolean option = first.startsWith("-");
      CommandLine at = ex.getCommandLine();
      boolean subcommand = !option && !at.getSubcommands().isEmpty();
      String what = option ? "unknown option '" + first + "'"
          : subcommand ? "unknown command '" + first + "'" : "unexpected argument '" + first + "'";
      List<String> known = option
          ? at.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names())).toList()
          : new ArrayList<>(at.getSubcommands().keySet());
      String best = option || subcommand ? Suggestions.closest(first.split("=", 2)[0], known) : null;
      if (first.equals(best)) {
        // a command or option name that Picocli did not take as one: it came after "--"
        return command + ": unexpected argument '" + first + "' (after '--' every argument is an input)" + help;
      }
      if (best != null) {
        return command + ": " + what + "; did you mean '" + best + "'?" + help;
      }
      return command + ": " + what + help;
    }
    if (ex.getCause() instanceof TypeConversionException t && ex.getArgSpec() instanceof OptionSpec o) {
      return Diagnostics.render(command, o.longestName(), t.getMessage()) + help;
    }
    String message = ex.getMessage() == null || ex.getMessage().isBlank() ? "invalid usage" : ex.getMessage().strip();
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1); // Picocli ends some messages with a period, ours do not
    }
    return command + ": " + Text.safe(Character.toLowerCase(message.charAt(0)) + message.substring(1)) + help;
  }
}
