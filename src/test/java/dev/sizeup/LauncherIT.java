package dev.sizeup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tool as a user installs it (docs/cli.md, "Install"): the launcher and sizeup.jar in
 * one folder, reached through a symlink on the PATH, run from an unrelated directory. Runs after
 * {@code package} (failsafe), against the real jar and the real launcher.
 */
class LauncherIT {
  @TempDir
  static Path home;
  static Path bin;
  static Path elsewhere;

  @BeforeAll
  static void install() throws IOException {
    Path lib = Files.createDirectories(home.resolve("lib/sizeup"));
    Files.copy(Path.of("target/sizeup.jar"), lib.resolve("sizeup.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Path.of("sizeup"), lib.resolve("sizeup"), StandardCopyOption.REPLACE_EXISTING);
    lib.resolve("sizeup").toFile().setExecutable(true);
    bin = Files.createDirectories(home.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("sizeup"), Path.of("../lib/sizeup/sizeup"));
    elsewhere = Files.createDirectories(home.resolve("work"));
  }

  record Run(int exit, String out, String err) {}

  static Run sizeup(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(bin.resolve("sizeup").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile());
    Map<String, String> env = pb.environment();
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void the_installed_launcher_runs_through_a_symlink_from_any_directory() throws Exception {
    Run version = sizeup("", "--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("sizeup ").doesNotContain("unknown");
    Run analyze = sizeup("", "analyze", "--format", "json", "llama3-8b");
    assertThat(analyze.err()).isEmpty();
    assertThat(analyze.exit()).isZero();
    // Meta Llama 3 8B: transformers LlamaForCausalLM.num_parameters() = 8,030,261,248
    assertThat(analyze.out()).contains("\"total\": 8030261248", "\"file\": \"preset:llama3-8b\"");
    assertThat(home.resolve("lib/sizeup/sizeup.jsa")).exists();
  }

  @Test
  void standard_input_and_exit_codes_pass_through_the_launcher() throws Exception {
    Run stdin = sizeup("architecture: {layers: 12, d_model: 768, heads: 12, vocab: 50257, context: 1024}\n",
        "analyze", "--format", "markdown", "-");
    assertThat(stdin.exit()).isZero();
    assertThat(stdin.out()).contains("| stdin | 124,439,808 |");
    Run bad = sizeup("", "analyze", "no-such-model");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().lines()).hasSize(1);
    Path mismatch = elsewhere.resolve("mismatch.yaml");
    Files.writeString(mismatch, "architecture: {layers: 12, d_model: 768, heads: 12, vocab: 50257, context: 1024}\n"
        + "expected: {parameters: 125000000}\n");
    assertThat(sizeup("", "validate", "mismatch.yaml").exit()).isEqualTo(1);
  }

  @Test
  void a_launcher_without_its_jar_says_where_it_looked() throws Exception {
    Path lonely = Files.createDirectories(home.resolve("lonely"));
    Files.copy(Path.of("sizeup"), lonely.resolve("sizeup"), StandardCopyOption.REPLACE_EXISTING);
    lonely.resolve("sizeup").toFile().setExecutable(true);
    Process p = new ProcessBuilder(lonely.resolve("sizeup").toString(), "--version").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(output).contains("no sizeup.jar beside the launcher in " + lonely.toRealPath());
  }
}
