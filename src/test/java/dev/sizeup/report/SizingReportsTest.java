package dev.sizeup.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.analysis.Sizer;
import dev.sizeup.analysis.SizingRequest;
import dev.sizeup.memory.ActivationSetup;
import dev.sizeup.memory.Device;
import dev.sizeup.memory.KvFormat;
import dev.sizeup.memory.LayoutSearch;
import dev.sizeup.memory.MemoryRequest;
import dev.sizeup.memory.Optimizer;
import dev.sizeup.memory.Recompute;
import dev.sizeup.memory.Reserve;
import dev.sizeup.memory.TrainingPrecision;
import dev.sizeup.memory.TrainingSetup;
import dev.sizeup.memory.WeightFormat;
import dev.sizeup.plan.GpuCatalog;
import dev.sizeup.plan.Precision;
import dev.sizeup.spec.Inputs;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The reports of every shipped preset, read back as a reader's tools would: a markdown parser and an XML parser. */
class SizingReportsTest {
  /** The request behind the committed reports: the command line's defaults. */
  static SizingRequest defaults() {
    var gpu = GpuCatalog.builtIn().find("h100");
    TrainingSetup training = new TrainingSetup(TrainingPrecision.BF16, Optimizer.ADAMW,
        Optimizer.ADAMW.states(TrainingPrecision.BF16),
        new ActivationSetup(1, MemoryRequest.FALLBACK_SEQ_LEN, Recompute.NONE, true, true));
    MemoryRequest memory = new MemoryRequest(training, null, 1024L, 1, 1, 1, 1, true,
        Device.of(gpu, Reserve.DEFAULT), LayoutSearch.Limits.DEFAULT,
        new MemoryRequest.Serving(WeightFormat.BF16, WeightFormat.DEFAULT_GROUP, KvFormat.BF16, 1, null),
        MemoryRequest.Sections.BOTH);
    return new SizingRequest(Analyzer.Options.DEFAULT,
        new SizingRequest.CostAssumptions(gpu, Precision.BF16, 0.40, 1024, 2.00), memory);
  }

  static SizingReports.Output all;

  @BeforeAll
  static void generate() {
    Sizer.Batch batch = Sizer.sizeAll(Inputs.expand(List.of("architectures/")), java.io.InputStream.nullInputStream(),
        defaults());
    assertThat(batch.errors()).isEmpty();
    all = SizingReports.of(batch, true);
    assertThat(all.errors()).isEmpty();
    assertThat(all.reports()).hasSize(41);
  }

  private static Stream<SizingReports.File> files(String suffix) {
    return all.reports().stream().flatMap(r -> r.files().stream()).filter(f -> f.path().endsWith(suffix));
  }

  private static String content(String path) {
    return all.reports().stream().flatMap(r -> r.files().stream()).filter(f -> f.path().equals(path)).findFirst()
        .orElseThrow().content();
  }

  // ---- the summary, against the published figures it restates --------------------------------------

  /**
   * GPT-3 175B: 174.6B parameters (Brown et al. 2020, Table D.1) trained on 300B tokens (Table 2.2);
   * Chinchilla's 20 tokens per parameter (Hoffmann et al. 2022, Table 3) ask for 3.49T; Approach 3's
   * fit (§3.3: E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) splits its 3.14e23 FLOPs into 24.5B parameters
   * on 2.14T tokens, and reaches the same predicted loss with 34% of the compute: the figures of the
   * sentence the issue asks for.
   */
  @Test
  void gpt3_summary_says_what_chinchilla_says_about_it() {
    String md = content("gpt3-175b.md");
    String summary = md.lines().skip(2).findFirst().orElseThrow();
    assertThat(summary).contains("Trained on 300B tokens", "**severely under-trained**",
        "Chinchilla asks for 3.49T tokens", "At the same 3.143e+23 FLOPs", "24.5B parameters on 2.14T tokens",
        "predicted loss with 34% of the compute");
  }

  /** The README and docs/report.md quote GPT-3's summary: the quote is the report's, word for word. */
  @Test
  void the_quoted_summaries_are_the_reports() throws IOException {
    String summary = content("gpt3-175b.md").lines().skip(2).findFirst().orElseThrow();
    assertThat(Files.readString(Path.of("README.md"))).contains("> " + summary + "\n");
    assertThat(Files.readString(Path.of("docs/report.md"))).contains("> " + summary + "\n");
  }

  @Test
  void a_spec_without_training_tokens_is_sized_at_twenty_per_parameter_and_has_no_verdict() {
    String md = content("gpt2-small.md");
    assertThat(md).contains("gives no training tokens", "| verdict | n/a |");
    assertThat(md).doesNotContain("under-trained**", "over-trained**");
    assertThat(all.index().content()).contains("| [gpt2-small](gpt2-small.md) | 124M | 85.1M | 124M | 2.49B (20·N) | 20.0 | n/a |");
  }

  /** Mixtral 8x7B "only uses 12.9B parameters per token" (Mistral AI, "Mixtral of experts", 2023-12-11). */
  @Test
  void a_mixture_of_experts_reports_its_active_parameters() {
    String md = content("mixtral-8x7b.md");
    assertThat(md).contains("of which 12.9B are active per token", "| active per token | 12,8");
  }

  // ---- markdown ---------------------------------------------------------------------------------------

  private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create()))
      .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  /** Cells of a table line, split at pipes that are not escaped. */
  static int cells(String line) {
    String t = line.strip();
    int n = 0;
    for (int i = 1; i < t.length(); i++) {
      if (t.charAt(i) == '|' && t.charAt(i - 1) != '\\') {
        n++;
      }
    }
    return n;
  }

  @TestFactory
  Stream<DynamicTest> every_markdown_table_parses_with_as_many_cells_in_each_row_as_in_its_header() {
    List<SizingReports.File> md = new ArrayList<>(files(".md").toList());
    md.add(all.index());
    return md.stream().map(f -> DynamicTest.dynamicTest(f.path(), () -> {
      Node doc = MARKDOWN.parse(f.content());
      List<String> lines = f.content().lines().toList();
      List<TableBlock> tables = new ArrayList<>();
      doc.accept(new AbstractVisitor() {
        @Override
        public void visit(org.commonmark.node.CustomBlock block) {
          if (block instanceof TableBlock t) {
            tables.add(t);
          }
          visitChildren(block);
        }
      });
      assertThat(tables).as("tables").isNotEmpty();
      for (TableBlock t : tables) {
        List<SourceSpan> spans = t.getSourceSpans();
        int header = cells(lines.get(spans.get(0).getLineIndex()));
        assertThat(header).isGreaterThan(1);
        for (SourceSpan span : spans) {
          assertThat(cells(lines.get(span.getLineIndex()))).as("line %d of %s", span.getLineIndex() + 1, f.path())
              .isEqualTo(header);
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> every_report_has_its_sections_in_order_and_its_images_exist() {
    return files(".md").map(f -> DynamicTest.dynamicTest(f.path(), () -> {
      Node doc = MARKDOWN.parse(f.content());
      List<String> headings = new ArrayList<>();
      List<String> images = new ArrayList<>();
      doc.accept(new AbstractVisitor() {
        @Override
        public void visit(Heading h) {
          if (h.getLevel() == 2 && h.getFirstChild() instanceof Text t) {
            headings.add(t.getLiteral());
          }
          visitChildren(h);
        }

        @Override
        public void visit(Image image) {
          images.add(image.getDestination());
          visitChildren(image);
        }
      });
      assertThat(headings).containsExactly("1. Architecture", "2. Parameters", "3. FLOPs", "4. Scaling", "5. Cost",
          "6. Memory", "7. Formulas");
      String slug = f.path().replace(".md", "");
      assertThat(images).containsExactly(slug + "/plane.svg", slug + "/parameters.svg", slug + "/iso-flop.svg",
          slug + "/memory.svg");
      for (String image : images) {
        assertThat(files(".svg").map(SizingReports.File::path)).contains(image);
      }
    }));
  }

  // ---- SVG --------------------------------------------------------------------------------------------

  static Document xml(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static final Map<String, List<String>> AXIS_TITLES = Map.of(
      "plane.svg", List.of("parameters N (log scale)", "training tokens D (log scale)"),
      "iso-flop.svg", List.of("parameters N (log scale)", "predicted loss (nats/token on MassiveText)"),
      "parameters.svg", List.of("parameters (total "),
      "memory.svg", List.of("memory per GPU (GiB), on the GPU that needs the most"));

  @TestFactory
  Stream<DynamicTest> every_svg_parses_as_xml_with_its_axis_titles_as_text_and_unique_prefixed_ids() {
    return files(".svg").map(f -> DynamicTest.dynamicTest(f.path(), () -> {
      Document doc = xml(f.content());
      assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
      NodeList texts = doc.getElementsByTagNameNS("*", "text");
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < texts.getLength(); i++) {
        shown.add(texts.item(i).getTextContent());
      }
      String chart = f.path().substring(f.path().indexOf('/') + 1);
      for (String title : AXIS_TITLES.get(chart)) {
        assertThat(shown).anyMatch(s -> s.startsWith(title));
      }
      Set<String> ids = new HashSet<>();
      NodeList every = doc.getElementsByTagNameNS("*", "*");
      for (int i = 0; i < every.getLength(); i++) {
        String id = ((Element) every.item(i)).getAttribute("id");
        if (!id.isEmpty()) {
          assertThat(ids.add(id)).as("id %s once", id).isTrue();
          assertThat(id).startsWith(chart.replace(".svg", "") + "-");
        }
      }
    }));
  }

  /**
   * No two pieces of text on any chart of any preset overlap: each text element's box is measured with
   * the font the SVG names, at its size, from its x and baseline (text drawn rotated is left out).
   */
  @TestFactory
  Stream<DynamicTest> no_two_labels_overlap_on_any_chart_of_any_preset() {
    Font font;
    try (var in = ChartStyle.class.getResourceAsStream("DejaVuSans.ttf")) {
      font = Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    FontRenderContext frc = new FontRenderContext(null, true, true);
    return files(".svg").map(f -> DynamicTest.dynamicTest(f.path(), () -> {
      Document doc = xml(f.content());
      NodeList texts = doc.getElementsByTagNameNS("*", "text");
      List<Rectangle2D> boxes = new ArrayList<>();
      List<String> words = new ArrayList<>();
      for (int i = 0; i < texts.getLength(); i++) {
        Element t = (Element) texts.item(i);
        if (!t.getAttribute("transform").isEmpty() || ((Element) t.getParentNode()).hasAttribute("transform")) {
          continue;
        }
        String style = t.getAttribute("style");
        float size = Float.parseFloat(style.replaceAll(".*font-size: ([0-9.]+)px.*", "$1"));
        Font sized = font.deriveFont(style.contains("font-weight: bold") ? Font.BOLD : Font.PLAIN, size);
        String text = t.getTextContent();
        var lm = sized.getLineMetrics(text, frc);
        double x = Double.parseDouble(t.getAttribute("x"));
        double y = Double.parseDouble(t.getAttribute("y"));
        double w = sized.getStringBounds(text, frc).getWidth();
        // the ink of a line: from the baseline up by the ascent and down by the descent, less half a pixel each side
        Rectangle2D box = new Rectangle2D.Double(x + 0.5, y - lm.getAscent() + 0.5, w - 1, lm.getAscent() + lm.getDescent() - 1);
        for (int j = 0; j < boxes.size(); j++) {
          assertThat(box.intersects(boxes.get(j))).as("'%s' overlaps '%s'", text, words.get(j)).isFalse();
        }
        boxes.add(box);
        words.add(text);
      }
      assertThat(words).isNotEmpty();
    }));
  }

  /** On every preset's plane every other preset is labelled (a leader line where the neighbourhood is crowded). */
  @TestFactory
  Stream<DynamicTest> every_published_model_is_labelled_on_every_plane() throws IOException {
    List<Path> published = presetsWithTokens();
    return files("/plane.svg").map(f -> DynamicTest.dynamicTest(f.path(), () -> {
      Document doc = xml(f.content());
      NodeList texts = doc.getElementsByTagNameNS("*", "text");
      Set<String> shown = new HashSet<>();
      for (int i = 0; i < texts.getLength(); i++) {
        shown.add(texts.item(i).getTextContent());
      }
      for (Path p : published) {
        String name = p.getFileName().toString().replace(".yaml", "");
        assertThat(shown).as("label of %s", name).contains(name);
      }
    }));
  }

  private static List<Path> presetsWithTokens() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("architectures"))) {
      return s.filter(p -> {
        try {
          return Files.readString(p).contains("\n  tokens:");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sorted().toList();
    }
  }

  // ---- determinism --------------------------------------------------------------------------------------

  @Test
  void the_same_input_gives_the_same_bytes_in_any_locale_and_time_zone() {
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    Map<String, String> first = bytes(SizingReports.of(Sizer.sizeAll(Inputs.expand(List.of("mixtral-8x7b",
        "gpt3-175b")), java.io.InputStream.nullInputStream(), defaults()), true));
    try {
      Locale.setDefault(Locale.forLanguageTag("de-DE"));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      Map<String, String> second = bytes(SizingReports.of(Sizer.sizeAll(Inputs.expand(List.of("mixtral-8x7b",
          "gpt3-175b")), java.io.InputStream.nullInputStream(), defaults()), true));
      for (String path : first.keySet()) {
        assertThat(second.get(path)).as(path).isEqualTo(first.get(path));
      }
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    assertThat(first.get("gpt3-175b.md")).isEqualTo(content("gpt3-175b.md"));
  }

  private static Map<String, String> bytes(SizingReports.Output o) {
    Map<String, String> m = new TreeMap<>();
    o.reports().forEach(r -> r.files().forEach(f -> m.put(f.path(), f.content())));
    m.put(o.index().path(), o.index().content());
    return m;
  }

  // ---- golden files ------------------------------------------------------------------------------------

  /**
   * A small preset's whole report, byte for byte, against src/test/resources/reports/golden (refresh with
   * -Dsizeup.updateGolden=true after an intended change, and read the diff).
   */
  @TestFactory
  Stream<DynamicTest> a_small_preset_matches_its_golden_files() throws IOException {
    Path golden = Path.of("src/test/resources/reports/golden");
    SizingReports.Report r = all.reports().stream().filter(x -> x.name().equals("pythia-160m")).findFirst().orElseThrow();
    if (Boolean.getBoolean("sizeup.updateGolden")) {
      for (SizingReports.File f : r.files()) {
        Files.createDirectories(golden.resolve(f.path()).getParent());
        Files.writeString(golden.resolve(f.path()), f.content());
      }
    }
    return r.files().stream().map(f -> DynamicTest.dynamicTest(f.path(), () ->
        assertThat(f.content()).isEqualTo(Files.readString(golden.resolve(f.path())))));
  }

  @Test
  void report_names_are_safe_file_names() {
    assertThat(SizingReports.slug("meta-llama/Llama-2-7b-hf")).isEqualTo("meta-llama-Llama-2-7b-hf");
    assertThat(SizingReports.slug("../../etc/passwd")).isEqualTo("etc-passwd");
    assertThat(SizingReports.slug("  ")).isEqualTo("model");
    assertThat(SizingReports.slug("readme")).isEqualTo("readme-model");
    assertThat(SizingReports.slug("GPT 3 (175B)")).isEqualTo("GPT-3-175B");
  }
}
