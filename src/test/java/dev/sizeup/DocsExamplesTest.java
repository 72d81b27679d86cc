package dev.sizeup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README and every page in docs/ show real output: every fenced block whose first line is
 * {@code $ ./sizeup ARGS} (optionally {@code < FILE} for standard input) must hold exactly what that
 * command prints, stdout then stderr. Run with {@code -Dsizeup.updateDocs=true} to rewrite the blocks
 * after an intended output change.
 */
class DocsExamplesTest {
  static final String PROMPT = "$ ./sizeup ";

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @TestFactory
  Stream<DynamicNode> every_example_prints_what_the_page_shows() throws IOException {
    List<DynamicNode> containers = new ArrayList<>();
    for (Path page : pages()) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      List<FencedCodeBlock> blocks = examples(text);
      if (Boolean.getBoolean("sizeup.updateDocs")) {
        String updated = text;
        for (FencedCodeBlock b : blocks) {
          String command = b.getLiteral().lines().findFirst().orElseThrow();
          updated = updated.replace(b.getLiteral(), command + "\n" + run(command));
        }
        Files.writeString(page, updated, StandardCharsets.UTF_8);
      }
      containers.add(DynamicContainer.dynamicContainer(page.toString(), blocks.stream().map(b -> {
        String command = b.getLiteral().lines().findFirst().orElseThrow();
        return DynamicTest.dynamicTest(command, () -> assertThat(command + "\n" + run(command)).isEqualTo(b.getLiteral()));
      })));
    }
    return containers.stream();
  }

  @Test
  void the_readme_is_a_landing_page_with_a_tour_of_every_command() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme.length()).as("README size").isLessThan(25_000);
    List<String> toured = examples(readme).stream()
        .map(b -> b.getLiteral().lines().findFirst().orElseThrow().substring(PROMPT.length()).split("\\s+")[0])
        .distinct().toList();
    assertThat(toured).contains("analyze", "validate", "import", "inspect", "plan", "memory", "report", "presets");
  }

  /** The presets page lists every preset with the count sizeup computes for it (it is `sizeup presets` output). */
  @Test
  void the_presets_page_lists_every_preset() throws IOException {
    String page = Files.readString(Path.of("docs/presets.md"));
    try (Stream<Path> files = Files.list(Path.of("architectures"))) {
      files.map(p -> p.getFileName().toString().replace(".yaml", ""))
          .forEach(name -> assertThat(page).as(name).contains("| " + name + " | "));
    }
  }

  static List<FencedCodeBlock> examples(String markdown) {
    List<FencedCodeBlock> blocks = new ArrayList<>();
    Parser.builder().build().parse(markdown).accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock block) {
        if (block.getLiteral().startsWith(PROMPT)) {
          blocks.add(block);
        }
      }
    });
    return blocks;
  }

  static String run(String commandLine) throws IOException {
    List<String> words = new ArrayList<>(Arrays.asList(commandLine.substring(PROMPT.length()).trim().split("\\s+")));
    InputStream in = InputStream.nullInputStream();
    int redirect = words.indexOf("<");
    if (redirect >= 0) {
      in = Files.newInputStream(Path.of(words.get(redirect + 1)));
      words = new ArrayList<>(words.subList(0, redirect));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.run(words.toArray(String[]::new), in, new PrintWriter(out), new PrintWriter(err));
    return out.toString() + err;
  }
}
