package dev.sizeup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.cli.Main;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.report.Numbers;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README shows real output: every fenced block whose first line is {@code $ ./sizeup ARGS}
 * must hold exactly what that command prints (stdout, then stderr). Run with
 * {@code -Dsizeup.updateReadme=true} to rewrite the blocks after an intended output change.
 */
class ReadmeExamplesTest {
  static final Path README = Path.of("README.md");
  static final String PROMPT = "$ ./sizeup ";

  @TestFactory
  Stream<DynamicTest> readme_examples_print_what_the_readme_shows() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<FencedCodeBlock> blocks = new ArrayList<>();
    Parser.builder().build().parse(readme).accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock block) {
        if (block.getLiteral().startsWith(PROMPT)) {
          blocks.add(block);
        }
      }
    });
    assertThat(blocks).as("README examples").hasSizeGreaterThanOrEqualTo(5);
    if (Boolean.getBoolean("sizeup.updateReadme")) {
      String updated = readme;
      for (FencedCodeBlock b : blocks) {
        String command = b.getLiteral().lines().findFirst().orElseThrow();
        updated = updated.replace(b.getLiteral(), command + "\n" + run(command));
      }
      Files.writeString(README, updated, StandardCharsets.UTF_8);
    }
    return blocks.stream().map(b -> {
      String command = b.getLiteral().lines().findFirst().orElseThrow();
      return DynamicTest.dynamicTest(command, () ->
          assertThat(command + "\n" + run(command)).isEqualTo(b.getLiteral()));
    });
  }

  /** The README's preset table has a row for every preset, showing the count sizeup computes for it. */
  @TestFactory
  Stream<DynamicTest> readme_preset_table_lists_every_preset_with_its_count() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<Path> presets;
    try (Stream<Path> files = Files.list(Path.of("architectures"))) {
      presets = files.sorted().toList();
    }
    return presets.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      Spec spec = SpecLoader.load(p);
      long total = ParameterCounter.count(spec.architecture()).total();
      assertThat(readme).contains("| " + spec.name() + " | " + Numbers.grouped(total));
    }));
  }

  static String run(String commandLine) {
    String[] args = commandLine.substring(PROMPT.length()).trim().split("\\s+");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.run(args, java.io.InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));
    return out.toString() + err;
  }
}
