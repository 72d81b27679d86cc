package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a whole: version, completion, mistyped words, exit codes. */
class MainTest {

  @Test
  void version_prints_the_project_version() throws IOException {
    Matcher m = Pattern.compile("<artifactId>sizeup</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    Cli run = Cli.run("--version");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("sizeup " + m.group(1) + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "analzye gpt2-small            | sizeup: unknown command 'analzye'; did you mean 'analyze'? (see 'sizeup --help')",
    "valdiate gpt2-small           | sizeup: unknown command 'valdiate'; did you mean 'validate'? (see 'sizeup --help')",
    "analyze --token 3 gpt2-small  | sizeup analyze: unknown option '--token'; did you mean '--tokens'? (see 'sizeup analyze --help')",
    "plan --compute 1e23 --law=kaplna | sizeup plan: --law: unknown law 'kaplna'; did you mean 'kaplan'? (see 'sizeup plan --help')",
    "analyze --format xml gpt2-small | sizeup analyze: --format: ",
    "frobnicate                    | sizeup: unknown command 'frobnicate' (see 'sizeup --help')",
  })
  void mistyped_words_get_one_line_with_a_suggestion(String args, String message) {
    Cli run = Cli.run(args.trim().split("\\s+"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(message);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void enum_options_and_gpu_names_ignore_case() {
    assertThat(Cli.run("analyze", "--format", "JSON", "--law", "Epoch", "gpt2-small").exit()).isZero();
    assertThat(Cli.run("plan", "--compute", "1e23", "--gpu", "H100", "--precision", "BF16").exit()).isZero();
  }

  /** Picocli generates a bash (and zsh, via bashcompinit) completion script for every command and option. */
  @Test
  void completion_is_generated_for_every_command() {
    Cli run = Cli.run("generate-completion");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("complete -F", "analyze", "validate", "import", "plan", "presets", "--seq-len",
        "--target-loss");
  }

  @Test
  void every_command_lists_the_exit_codes_in_its_help() {
    for (String command : new String[] {"analyze", "validate", "import", "inspect", "plan", "memory", "presets"}) {
      Cli help = Cli.run(command, "--help");
      assertThat(help.out()).as(command).contains("Exit codes:", "internal error").doesNotContain("%%");
      assertThat(help.err()).as(command).isEmpty();
    }
  }
}
