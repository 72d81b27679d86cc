package dev.sizeup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  static final String BAD = "src/test/resources/specs/bad/unknown-key-did-you-mean.yaml";

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  @Test
  void one_spec_gives_its_markdown_and_four_charts_and_no_index(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("reports");
    Cli run = Cli.run("report", "pythia-70m", "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(files(out)).containsExactly("pythia-70m.md", "pythia-70m/iso-flop.svg", "pythia-70m/memory.svg",
        "pythia-70m/parameters.svg", "pythia-70m/plane.svg");
    assertThat(run.out()).contains("pythia-70m.md  written");
  }

  @Test
  void several_specs_also_give_an_index_linking_each_report(@TempDir Path dir) throws IOException {
    Cli run = Cli.run("report", "pythia-70m", "gpt2-small", "--out", dir.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String index = Files.readString(dir.resolve("README.md"));
    assertThat(index).contains("| [pythia-70m](pythia-70m.md) | 70.4M |", "| [gpt2-small](gpt2-small.md) | 124M |");
  }

  @Test
  void a_second_run_leaves_unchanged_files_alone_and_check_passes(@TempDir Path dir) throws IOException {
    assertThat(Cli.run("report", "gpt2-small", "--out", dir.toString()).exit()).isZero();
    Path md = dir.resolve("gpt2-small.md");
    var before = Files.getLastModifiedTime(md);
    Cli again = Cli.run("report", "gpt2-small", "--out", dir.toString());
    assertThat(again.out()).contains("gpt2-small.md  unchanged");
    assertThat(Files.getLastModifiedTime(md)).isEqualTo(before);
    Cli check = Cli.run("report", "gpt2-small", "--out", dir.toString(), "--check");
    assertThat(check.exit()).isZero();
    assertThat(check.out()).contains("all 5 report files in ").contains(" are current");
  }

  @Test
  void check_names_every_stale_or_missing_file_exits_1_and_writes_nothing(@TempDir Path dir) throws IOException {
    assertThat(Cli.run("report", "gpt2-small", "--out", dir.toString()).exit()).isZero();
    Files.writeString(dir.resolve("gpt2-small.md"), "edited by hand\n");
    Files.delete(dir.resolve("gpt2-small/plane.svg"));
    Cli check = Cli.run("report", "gpt2-small", "--out", dir.toString(), "--check");
    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.out()).contains("gpt2-small.md: stale", "gpt2-small/plane.svg: missing",
        "2 of 5 report files are missing or stale");
    assertThat(Files.readString(dir.resolve("gpt2-small.md"))).isEqualTo("edited by hand\n");
    assertThat(dir.resolve("gpt2-small/plane.svg")).doesNotExist();

    assertThat(Cli.run("report", "gpt2-small", "--out", dir.toString()).exit()).isZero();
    assertThat(Cli.run("report", "gpt2-small", "--out", dir.toString(), "--check").exit()).isZero();
  }

  @Test
  void check_of_a_missing_folder_fails_without_creating_it(@TempDir Path dir) {
    Path out = dir.resolve("nowhere");
    Cli check = Cli.run("report", "gpt2-small", "--out", out.toString(), "--check");
    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.out()).contains("gpt2-small.md: missing");
    assertThat(out).doesNotExist();
  }

  @Test
  void a_bad_spec_among_good_ones_is_one_line_exit_2_and_the_good_ones_are_still_written(@TempDir Path dir)
      throws IOException {
    Cli run = Cli.run("report", "gpt2-small", BAD, "pythia-70m", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith(BAD + ":").contains("did you mean");
    assertThat(files(dir)).contains("gpt2-small.md", "pythia-70m.md", "README.md");
  }

  @Test
  void an_unknown_gpu_is_one_line_exit_2_and_nothing_is_written(@TempDir Path dir) {
    Path out = dir.resolve("reports");
    Cli run = Cli.run("report", "gpt2-small", "--gpu", "h1000", "--out", out.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("--gpu").contains("h100");
    assertThat(out).doesNotExist();
  }

  @Test
  void an_out_folder_that_is_a_file_is_one_line_exit_2(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("reports");
    Files.writeString(out, "not a folder\n");
    Cli run = Cli.run("report", "gpt2-small", "--out", out.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("cannot create the report folder");
    assertThat(Files.readString(out)).isEqualTo("not a folder\n");
  }

  /** A report whose charts cannot be written leaves no markdown linking to them; the other reports are written. */
  @Test
  void a_report_that_cannot_be_written_leaves_no_half_report_and_the_others_are_written(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("gpt2-small"), "in the way of the chart folder\n");
    Cli run = Cli.run("report", "gpt2-small", "pythia-70m", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("gpt2-small/plane.svg: error: cannot write");
    assertThat(dir.resolve("gpt2-small.md")).doesNotExist();
    assertThat(dir.resolve("pythia-70m.md")).exists();
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
    }
  }

  @Test
  void an_empty_out_is_a_usage_error() {
    Cli run = Cli.run("report", "gpt2-small", "--out=");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("sizeup report: --out: expected a folder, got nothing\n");
  }

  /** A name with markdown's own characters still gives working images, links and literal text. */
  @Test
  void a_name_with_markdown_characters_keeps_its_images_and_index_links(@TempDir Path dir) throws IOException {
    String spec = "name: 'llama [draft] *x*'\narchitecture: {layers: 2, d_model: 64, heads: 2, vocab: 100, d_ff: 256,"
        + " context: 128, ffn: mlp, norm: layernorm}\ntraining: {tokens: 1B}\n";
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, spec);
    Cli run = Cli.run("report", a.toString(), "gpt2-small", "--out", dir.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    var parser = org.commonmark.parser.Parser.builder()
        .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create())).build();
    var renderer = org.commonmark.renderer.html.HtmlRenderer.builder()
        .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create())).build();
    String report = renderer.render(parser.parse(Files.readString(dir.resolve("out/llama-draft-x.md"))));
    assertThat(report).contains("<img src=\"llama-draft-x/plane.svg\"", "<img src=\"llama-draft-x/memory.svg\"")
        .contains("llama [draft] *x*").doesNotContain("<em>x</em>");
    String index = renderer.render(parser.parse(Files.readString(dir.resolve("out/README.md"))));
    assertThat(index).contains("<a href=\"llama-draft-x.md\">llama [draft] *x*</a>");
  }

  @Test
  void two_models_with_one_name_are_refused_for_the_second(@TempDir Path dir) {
    Cli run = Cli.run("report", "gpt2-small", "architectures/gpt2-small.yaml", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("already writes the report gpt2-small.md");
    assertThat(dir.resolve("gpt2-small.md")).exists();
  }

  @Test
  void the_committed_reports_are_current() {
    Cli check = Cli.run("report", "architectures/", "--check");
    assertThat(check.exit()).as(check.out()).isZero();
  }
}
