package dev.sizeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sizeup.analysis.Analyzer;
import dev.sizeup.cli.Main;
import dev.sizeup.report.SpecRenderer;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.Source;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deterministic fuzz test of the error contract. Good specs (the presets and the test specs) and
 * good Hugging Face configs are mutated a few thousand ways, with fixed seeds so that every run
 * tries the same inputs, and every result must be either a successful analysis or exactly one
 * diagnostic: one line, {@code file:line:col: error: ...}, in the user's terms (none of the
 * parser's vocabulary), and never another exception. Whatever loads must also round-trip through
 * the spec writer ({@code sizeup import}). Random command lines must exit 0, 1 or 2 (never 3, an
 * internal error), with one line on stderr for a usage error and no non-numbers on stdout.
 *
 * <p>A failing case is printed with its seed, case number and (escaped) text, so it can be turned
 * into a fixture in {@code src/test/resources/specs/bad/}.
 */
class MalformedInputsTest {
  static final long SPEC_SEED = 0x5eed_5bec_0001L;
  static final long CONFIG_SEED = 0x5eed_c0f1_0002L;
  static final long CLI_SEED = 0x5eed_c11_0003L;
  static final int SPEC_CASES = 1500;
  static final int CONFIG_CASES = 1000;
  static final int CLI_CASES = 300;
  /** The most one input may take; the parsers and the resolver are linear, so this is generous. */
  static final long MAX_MILLIS = 1000;

  static final Path ARCHITECTURES = Path.of("architectures");
  static final Path GOOD_SPECS = Path.of("src/test/resources/specs/good");
  static final Path HF = Path.of("src/test/resources/hf");

  /** Words of the parsers and of Java that must never reach a user. */
  static final List<String> PARSER_WORDS = List.of("Exception", "Event", "JsonToken", "Feature", "START_", "END_",
      "com.fasterxml", "org.yaml", "java.", "<block", "<scalar>", "(code ", "`");

  /** Characters inserted and duplicated: YAML and JSON syntax, control characters, other scripts, emoji. */
  static final List<String> CHARS = List.of(":", "-", "[", "]", "{", "}", "\"", "'", "\n", "\t", "#", "&", "*", "!",
      "|", ">", "%", "@", ",", "?", "\u0000", "\u001b", "\r", "é", "ß", "Ж", "中", "٣", "५", "０", "😀", "\u00a0",
      "\u2028", "\ufeff", "\u202e", "\\");

  static final String TEN_KB = "x".repeat(10 * 1024);

  /** Values that YAML 1.1, JSON or a careless reader would misread, and values no size may take. */
  static final List<String> NASTY_YAML = List.of("017", "0x10", "0o7", "0b1", "1e3", "12.0", "12.5", ".nan", ".NaN",
      ".inf", "-.inf", "+.inf", "NaN", "Infinity", "-Infinity", "-1", "0", "-0", "+5", "99999999999999999999",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "1e-400", "1e999999999",
      "٣٠٠", "３", "~", "null", "Null", "[]", "{}", "[1, 2]", "{a: 1}", "\"12\"", "'12'", "yes", "no", "on", "off",
      "y", "n", "True", "FALSE", "*alias", "&anchor 3", "!!str 5", "!!int 5", "!!float 5", "!!binary x",
      "!!binary aGVsbG8=", "!!timestamp 2001-12-14", "!!set {a, b}", "!!omap [a: 1]", "!custom 3", "!!null 3",
      "1:30", "1_000", "_1", "1_", "1__0", "0_1", "0.", ".5", "5.", "1.4T", "300B", "-300B", "3e11", "1e-3",
      "2001-12-14", "1e+3", "0x", "0b", "0o", "00", "+0", "0e0", "1E3", "\"\"", "''", "\" 12 \"", "12 # comment",
      "|\n  12", ">-\n  12", "? 3", "- 3", "@3", "`3`", "%3", TEN_KB, "\"" + TEN_KB + "\"", "1" + "0".repeat(5000));

  static final List<String> NASTY_JSON = List.of("017", "0x10", "1e3", "12.0", "12.5", "NaN", "Infinity",
      "-Infinity", "-1", "0", "-0", "+5", "99999999999999999999", "9223372036854775807", "9223372036854775808",
      "1e400", "1e-400", "\"٣٠٠\"", "null", "[]", "{}", "[1, 2]", "{\"a\": 1}", "\"12\"", "'12'", "true", "false",
      "\"true\"", "True", "undefined", "\"\"", ".5", "5.", "1.e3", "0.0", "-0.0", "1E400", "\"\\u0000\"",
      "\"\\x41\"", "\"\\ud800\"", "\"" + TEN_KB + "\"", "1" + "0".repeat(5000), "\"gpt2\"", "\"llama\"",
      "\"mamba\"");

  static final Pattern YAML_VALUE = Pattern.compile("(?m)^([ \\t]*(?:- )?[A-Za-z_][A-Za-z0-9_]*:[ \\t]+)([^\\n]+)$");
  static final Pattern JSON_VALUE = Pattern.compile("(\"[^\"\\n]+\"\\s*:\\s*)(\"[^\"\\n]*\"|[^,\\n{}\\[\\]]+)");

  @TempDir
  static Path tmp;

  static ExecutorService worker;

  @BeforeAll
  static void start() {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stop() {
    worker.shutdownNow();
  }

  // ---- 1 and 2: specs and configs ----------------------------------------------------------------

  /** One generated input: its text, the extension of the file it is written to, and how it was made. */
  record Case(String id, String text, String ext, String recipe) {}

  @Test
  void malformed_specs_and_configs_give_one_located_diagnostic_in_the_users_terms() throws Exception {
    List<Case> cases = new ArrayList<>();
    cases.addAll(generate(yamlSeeds(), SPEC_CASES, new Random(SPEC_SEED), false, "spec"));
    cases.addAll(generate(jsonSeeds(), CONFIG_CASES, new Random(CONFIG_SEED), true, "config"));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(2000);

    warmUp();
    List<String> problems = new ArrayList<>();
    java.util.Map<String, int[]> tally = new java.util.TreeMap<>(); // per kind: cases, loaded, refused
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Path file = tmp.resolve(String.format("case-%04d.%s", i, c.ext()));
      Files.write(file, c.text().getBytes(StandardCharsets.UTF_8));
      Outcome o = timed(c, () -> check(c, file));
      int[] t = tally.computeIfAbsent(c.id().substring(0, c.id().indexOf('#')), k -> new int[3]);
      t[0]++;
      if (o.problem != null) {
        problems.add(o.problem);
      } else {
        t[o.loaded ? 1 : 2]++;
      }
      Files.delete(file);
    }
    tally.forEach((kind, t) -> System.out.printf("MalformedInputsTest: %d %s cases: %d loaded and round-tripped,"
        + " %d refused with one diagnostic%n", t[0], kind, t[1], t[2]));
    System.out.printf("MalformedInputsTest: %d problems%n", problems.size());
    if (System.getProperty("fuzz.dump") != null) {
      List<String> all = new ArrayList<>(DIAGNOSTICS);
      all.add("---- problems");
      all.addAll(problems);
      Files.write(Path.of(System.getProperty("fuzz.dump")), String.join("\n", all).getBytes(StandardCharsets.UTF_8));
    }
    int loaded = tally.values().stream().mapToInt(t -> t[1]).sum();
    int refused = tally.values().stream().mapToInt(t -> t[2]).sum();
    assertThat(loaded).as("some mutated inputs still load (and round-trip)").isGreaterThan(50);
    assertThat(refused).as("most mutated inputs are refused").isGreaterThan(cases.size() / 3);
    assertNoProblems(problems);
  }

  /** Every diagnostic given (without the file name), for {@code -Dfuzz.dump=FILE}: to read them all. */
  static final List<String> DIAGNOSTICS = java.util.Collections.synchronizedList(new ArrayList<>());

  /** What one input did: loaded (and round-tripped), or refused; and what was wrong, if anything. */
  record Outcome(boolean loaded, String problem) {}

  /** Runs {@code check} on the worker thread, so that an input that hangs fails instead of stalling the build. */
  static Outcome timed(Case c, java.util.concurrent.Callable<Outcome> check) {
    long start = System.nanoTime();
    Future<Outcome> f = worker.submit(check);
    try {
      Outcome o = f.get(30, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (ms > MAX_MILLIS && o.problem == null) {
        return new Outcome(o.loaded, describe(c, "took " + ms + " ms (more than " + MAX_MILLIS + ")"));
      }
      return o;
    } catch (TimeoutException e) {
      f.cancel(true);
      return new Outcome(false, describe(c, "did not finish in 30 s"));
    } catch (ExecutionException e) {
      return new Outcome(false, describe(c, "threw " + stack(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The checks on one input; any exception other than a SpecException escaping is caught by {@link #timed}. */
  static Outcome check(Case c, Path file) {
    Analyzer.Batch batch = Analyzer.analyzeAll(List.of(file.toString()), Analyzer.Options.DEFAULT);
    String shown = Inputs.display(file);
    if (batch.errors().isEmpty()) {
      if (batch.analyses().size() != 1) {
        return new Outcome(false, describe(c, "gave " + batch.analyses().size() + " analyses"));
      }
      return new Outcome(true, roundTrip(c, file));
    }
    if (batch.errors().size() != 1 || !batch.analyses().isEmpty()) {
      return new Outcome(false, describe(c, "gave " + batch.errors().size() + " errors and "
          + batch.analyses().size() + " analyses"));
    }
    String line = batch.errors().get(0).render();
    if (Cli.run("import", file.toString()).exit() != 2) {
      return new Outcome(false, describe(c, "import writes it, but analyze refuses it: " + line));
    }
    DIAGNOSTICS.add(line.substring(shown.length()) + "\t" + c.id());
    String problem = diagnosticProblem(line, shown, c.text());
    return new Outcome(false, problem == null ? null : describe(c, problem + ": " + line));
  }

  /** What is wrong with one rendered diagnostic, or null. */
  static String diagnosticProblem(String line, String file, String input) {
    boolean located = !input.isEmpty();
    if (line.contains("\n") || line.contains("\r")) {
      return "not one line";
    }
    // the input's own text is quoted escaped (\t, \u001b): no control character, and nothing some
    // readers take for a line break, reaches the terminal
    if (line.chars().anyMatch(ch -> ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || ch == 0x2028 || ch == 0x2029)) {
      return "a raw control character";
    }
    if (!line.startsWith(file + ":")) {
      return "does not start with the file name";
    }
    // Every input here is non-empty (even white space alone is reported at 1:1 as an empty
    // document), so every diagnostic can and must say where.
    if (located && !Pattern.compile(Pattern.quote(file) + ":[1-9][0-9]*:[1-9][0-9]*: error: ").matcher(line)
        .lookingAt()) {
      return "no line:col";
    }
    for (String word : PARSER_WORDS) {
      // a diagnostic may quote the input (an unknown key "Event"), but no more than the input has
      if (count(line, word) > count(input, word)) {
        return "parser vocabulary '" + word + "'";
      }
    }
    for (int i = 0; i < line.length(); i++) {
      if (Character.isSurrogate(line.charAt(i)) && !(Character.isHighSurrogate(line.charAt(i))
          && i + 1 < line.length() && Character.isLowSurrogate(line.charAt(++i)))) {
        return "half of a surrogate pair (an emoji cut in two)";
      }
    }
    return null;
  }

  static int count(String s, String word) {
    int n = 0;
    for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The spec {@code import} would write for this input, as YAML and as JSON, must load back to the
   * same architecture and name, and analyze must accept it.
   */
  static String roundTrip(Case c, Path file) {
    Spec spec;
    try {
      spec = SpecLoader.load(file);
    } catch (SpecException e) {
      return describe(c, "analyzes but does not load: " + e.render());
    }
    for (String ext : List.of("yaml", "json")) {
      String written = ext.equals("yaml") ? SpecRenderer.yaml(spec) : SpecRenderer.json(spec);
      try {
        Spec back = SpecLoader.load(new Source("x." + ext, written, null, Source.Kind.FILE), null);
        if (!back.architecture().equals(spec.architecture())) {
          return describe(c, "import --format " + ext + " changes the architecture: " + spec.architecture()
              + " became " + back.architecture());
        }
        if (!back.name().equals(spec.name())) {
          return describe(c, "import --format " + ext + " changes the name: '" + spec.name() + "' became '"
              + back.name() + "'");
        }
        Analyzer.analyze(back, Analyzer.Options.DEFAULT);
      } catch (SpecException e) {
        return describe(c, "import --format " + ext + " writes a spec that is refused: " + e.render()
            + "\n      written: " + escape(written, 600));
      }
    }
    return null;
  }

  /** Loads every seed once, untimed: the first load pays for class loading. */
  static void warmUp() throws IOException, SpecException {
    for (Seed s : yamlSeeds()) {
      SpecLoader.parse(s.text(), "warm.yaml");
    }
  }

  // ---- generation ---------------------------------------------------------------------------------

  record Seed(String name, String text, boolean json) {}

  static List<Seed> yamlSeeds() throws IOException {
    List<Seed> seeds = new ArrayList<>();
    for (Path dir : List.of(ARCHITECTURES, GOOD_SPECS)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          seeds.add(new Seed(p.getFileName().toString(), Files.readString(p), false));
        }
      }
    }
    seeds.add(new Seed("flow.yaml", """
        name: flow
        architecture: {layers: 2, d_model: 64, heads: 4, vocab: 100, context: 16, moe: {experts: 4, top_k: 2}}
        training: {tokens: 1.4T}
        expected: {parameters: 3.21B, tolerance: 0.5}
        """, false));
    return seeds;
  }

  /** The configs, plus a few specs written as JSON (as {@code import --format json} writes them). */
  static List<Seed> jsonSeeds() throws IOException {
    List<Seed> seeds = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(HF)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        seeds.add(new Seed(d.getFileName() + "/config.json", Files.readString(d.resolve("config.json")), true));
      }
    }
    for (String preset : List.of("gpt2-small", "mixtral-8x7b", "falcon-7b")) {
      try {
        Spec spec = SpecLoader.load(Inputs.read(Inputs.preset(preset), InputStream.nullInputStream()), null);
        seeds.add(new Seed(preset + ".json", SpecRenderer.json(spec), true));
      } catch (SpecException e) {
        throw new AssertionError(e.render(), e);
      }
    }
    return seeds;
  }

  static List<Case> generate(List<Seed> seeds, int n, Random r, boolean json, String kind) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Seed seed = seeds.get(r.nextInt(seeds.size()));
      String text = seed.text();
      StringBuilder recipe = new StringBuilder(seed.name());
      int mutations = 1 + r.nextInt(r.nextInt(8) == 0 ? 6 : 3);
      for (int m = 0; m < mutations; m++) {
        Mutated next = mutate(text, r, json);
        text = next.text;
        recipe.append(" | ").append(next.what);
      }
      // now and then the other syntax's extension: a spec named .json, a config named .yaml
      String ext = r.nextInt(20) == 0 ? (json ? "yaml" : "json") : (json ? "json" : "yaml");
      cases.add(new Case(kind + "#" + i, text, ext, recipe.toString()));
    }
    return cases;
  }

  record Mutated(String text, String what) {}

  static Mutated mutate(String s, Random r, boolean json) {
    int kind = r.nextInt(json ? 22 : 16);
    switch (kind) {
      case 0: {
        if (s.isEmpty()) {
          return new Mutated(s, "nothing to delete");
        }
        int at = offset(s, r, false);
        int len = Character.charCount(s.codePointAt(at));
        return new Mutated(s.substring(0, at) + s.substring(at + len), "delete " + escape(s.substring(at, at + len), 8)
            + " at " + at);
      }
      case 1:
      case 2:
      case 3: {
        String c = CHARS.get(r.nextInt(CHARS.size()));
        int at = offset(s, r, true);
        return new Mutated(s.substring(0, at) + c + s.substring(at), "insert " + escape(c, 8) + " at " + at);
      }
      case 4: {
        if (s.isEmpty()) {
          return new Mutated(s, "nothing to duplicate");
        }
        int at = offset(s, r, false);
        int len = Character.charCount(s.codePointAt(at));
        return new Mutated(s.substring(0, at + len) + s.substring(at), "duplicate " + escape(s.substring(at, at + len), 8)
            + " at " + at);
      }
      case 5: {
        int at = offset(s, r, true);
        return new Mutated(s.substring(0, at), "truncate at " + at);
      }
      case 6:
      case 7: {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int a = r.nextInt(lines.size());
        int b = r.nextInt(lines.size());
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
        return new Mutated(String.join("\n", lines), "swap lines " + (a + 1) + " and " + (b + 1));
      }
      case 8: {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int a = r.nextInt(lines.size());
        if (r.nextBoolean()) {
          lines.add(a, lines.get(a));
          return new Mutated(String.join("\n", lines), "duplicate line " + (a + 1));
        }
        lines.remove(a);
        return new Mutated(String.join("\n", lines), "delete line " + (a + 1));
      }
      case 9:
      case 10:
      case 11:
      case 12: {
        List<String> nasty = json ? NASTY_JSON : NASTY_YAML;
        return replaceValue(s, r, json ? JSON_VALUE : YAML_VALUE, nasty.get(r.nextInt(nasty.size())));
      }
      case 13: {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 10 : 120);
        boolean list = r.nextBoolean();
        String open = list ? "[" : json ? "{\"a\": " : "{a: ";
        String close = list ? "]" : "}";
        return replaceValue(s, r, json ? JSON_VALUE : YAML_VALUE,
            open.repeat(depth) + "1" + close.repeat(depth));
      }
      case 14: {
        if (json) {
          return replaceValue(s, r, JSON_VALUE, "1, \"flash_attention\": true");
        }
        // an unknown key at the top level, or inside the architecture (indented like its neighbour)
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int a = r.nextInt(lines.size());
        String indent = lines.get(a).replaceAll("^([ ]*).*$", "$1");
        String key = List.of("flash_attention", "nrom", "Layers", "d-model", "layers ", "\"layers\"", "architecture",
            "moe", "training", "expected", "schema_version", "ñame", "😀", "\"a\\nb\"", "'x\ty'").get(r.nextInt(15));
        lines.add(a, indent + key + ": 3");
        boolean twice = key.contains("\\") || key.contains("\t") || r.nextInt(3) == 0;
        if (twice) {
          lines.add(a, indent + key + ": 4");
        }
        return new Mutated(String.join("\n", lines), "add key " + escape(key, 20) + (twice ? " twice" : "")
            + " before line " + (a + 1));
      }
      case 15: {
        // nest a value deeply in block style
        int depth = 1 + r.nextInt(100);
        StringBuilder b = new StringBuilder();
        for (int d = 1; d <= depth; d++) {
          b.append('\n').append("  ".repeat(d + 1)).append("k").append(d).append(':');
        }
        b.append(" 1");
        return replaceValue(s, r, YAML_VALUE, b.toString().substring(1).isEmpty() ? "1" : b.toString());
      }
      // ---- JSON syntax ----
      case 16: {
        int close = nth(s, r, "}", "]");
        return close < 0 ? new Mutated(s, "no bracket") : new Mutated(s.substring(0, close) + ","
            + s.substring(close), "trailing comma at " + close);
      }
      case 17: {
        if (r.nextBoolean()) {
          return new Mutated(s.replace('"', '\''), "single quotes everywhere");
        }
        int q = nth(s, r, "\"");
        return q < 0 ? new Mutated(s, "no quote") : new Mutated(s.substring(0, q) + "'" + s.substring(q + 1),
            "single quote at " + q);
      }
      case 18: {
        String comment = List.of("// comment\n", "/* comment */", "# comment\n", "/* unclosed").get(r.nextInt(4));
        int at = lineStart(s, r);
        return new Mutated(s.substring(0, at) + comment + s.substring(at), "comment " + escape(comment, 20) + " at " + at);
      }
      case 19: {
        int b = nth(s, r, "{", "}", "[", "]");
        return b < 0 ? new Mutated(s, "no brace") : new Mutated(s.substring(0, b) + s.substring(b + 1),
            "delete brace at " + b);
      }
      case 20: {
        int at = offset(s, r, true);
        return new Mutated(s.substring(0, at) + "\ufeff" + s.substring(at), "BOM at " + at);
      }
      default: {
        int at = offset(s, r, true);
        String junk = List.of("}", "{", "]", "[", ",", ":", "\"", "}}", ",,", "\"x\"", "\"k\":", "1 2").get(r.nextInt(12));
        return new Mutated(s.substring(0, at) + junk + s.substring(at), "insert " + junk + " at " + at);
      }
    }
  }

  /** Replaces the value of one {@code key: value} (or {@code "key": value}) with {@code value}. */
  static Mutated replaceValue(String s, Random r, Pattern pattern, String value) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = pattern.matcher(s);
    while (m.find()) {
      spans.add(new int[] {m.start(2), m.end(2)});
    }
    if (spans.isEmpty()) {
      return new Mutated(s, "no value to replace");
    }
    int[] span = spans.get(r.nextInt(spans.size()));
    return new Mutated(s.substring(0, span[0]) + value + s.substring(span[1]),
        "value at " + span[0] + " := " + escape(value, 30));
  }

  /** A random offset, never inside a surrogate pair; {@code end} allows the offset just past the text. */
  static int offset(String s, Random r, boolean end) {
    int bound = s.length() + (end ? 1 : 0);
    if (bound == 0) {
      return 0;
    }
    int at = r.nextInt(bound);
    if (at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))) {
      at--;
    }
    return at;
  }

  static int lineStart(String s, Random r) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.get(r.nextInt(starts.size()));
  }

  /** The offset of a random occurrence of any of {@code targets}, or -1. */
  static int nth(String s, Random r, String... targets) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      for (String t : targets) {
        if (s.startsWith(t, i)) {
          at.add(i);
        }
      }
    }
    return at.isEmpty() ? -1 : at.get(r.nextInt(at.size()));
  }

  // ---- 3: command lines ---------------------------------------------------------------------------

  static final List<String> NUMBERS = List.of("1", "0", "-1", "-0", "0.0", "1e400", "4.9e-324", "NaN", "nan",
      "Infinity", "-Infinity", "1e40", "1e41", "", " ", "--", "300B", "1.4T", "0.5", "abc", "1e-400", "1e-300",
      "99999999999999999999", "9223372036854775807", "9.3e18", " 5", "0x10", "1_000", "2M", "1e15", "1e16", "1e20",
      "1e21", "1e30", "36500", "36501", "0.001", "0.0009", "1.0", "10000", "10001", "0.0001", "1e-5", "5.76e23",
      "1e23", "1e10", "2", "7", "100", "1e7", "1e8", "٣", "1,000", "1e", ".", "+1", "1.5", "2.5", "0.462", "1e-324",
      "1.7976931348623157e308", "5e-324", "1K", "1T", "1P", "-5M", "1e3B", "0.1T");
  static final List<String> VALID_COMPUTE = List.of("5.76e23", "1e20", "1e40", "1e15", "1e25", "3e18", "1", "1e30",
      "6e23", "2M", "1e10", "1e-100");
  /** Positive, but so small that doubles lose their precision (subnormal): refused or planned, never a crash. */
  static final List<String> TINY = List.of("4.9e-324", "2.3e-308", "1e-305");
  static final List<String> LAWS = List.of("chinchilla", "epoch", "kaplan", "rule20", "CHINCHILLA", "Kaplan", "",
      "foo", "kaplan2", "chinchila", "-", "--");
  static final List<String> GPUS = List.of("h100", "a100", "b200", "H100", "h100-sxm", "", "foo", "h10", "a100-40gb",
      "--", "h100 ", "\u001b[31m");
  static final List<String> PRECISIONS = List.of("fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8", "", "fp64",
      "BF16", "fp", "--");
  static final List<String> FORMATS = List.of("text", "json", "markdown", "", "xml", "JSON", "yaml", "md", "--");
  static final List<String> BANDS = List.of("0.2,0.8,1.25", "1,1,1", "0.8,0.2,1.25", "-1,0,1", "NaN,1,2", "0,0,0",
      "1e400,1,1", "0.2,0.8", "", ",,", "1e-300,1e-300,1e300", "4.9e-324,1,2", "0.2,0.8,1.25,2", "0.1,0.5,1e308",
      "a,b,c", " 0.2, 0.8, 1.25", "0.2;0.8;1.25", "0,1,2");
  static final List<String> NAMES = List.of("x", "", " ", "\n", "a\u001b[31mred", "--", "-", "n".repeat(500),
      "名前", "a\nb", "--name", "gpt2-small");
  static final List<String> TYPOS = List.of("--comput", "--gpu-hours", "-x", "--format=", "--fromat", "--tokens=",
      "--mfu=", "--verbose", "--help", "-h", "--version", "-V", "--", "---", "-", "--law=", "--budget", "--name=",
      "--seq_len", "--Tokens", "--\u001b[31m", "--days=-1");

  @Test
  void malformed_command_lines_exit_0_1_or_2_with_one_line_on_stderr() throws Exception {
    Random r = new Random(CLI_SEED);
    Path dir = Files.createDirectories(tmp.resolve("cli"));
    Path badSpec = dir.resolve("bad.yaml");
    Files.writeString(badSpec, "architecture: {layers: 017, d_model: 8, heads: 2, vocab: 10}\n");
    Path goodSpec = dir.resolve("good.yaml");
    Files.writeString(goodSpec, "architecture: {layers: 2, d_model: 8, heads: 2, vocab: 10, context: 4}\n"
        + "training: {tokens: 1e3}\nexpected: {parameters: 5}\n");
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "gpus:\n  - name: x1\n    peak_tflops: {bf16: 1000}\n");
    Path badCatalog = dir.resolve("bad-catalog.yaml");
    Files.writeString(badCatalog, "gpus: [{name: x1, peak_tflops: {bf16: .inf}\n");
    List<String> inputs = List.of("gpt2-small", "llama2-7b", "mixtral-8x7b", "gpt2-smal", "", "-", "no/such.yaml",
        HF.resolve("gpt2").toString(), HF.resolve("mixtral-8x7b-v0.1/config.json").toString(), badSpec.toString(),
        goodSpec.toString(), dir.toString(), "architectures/phi-2.yaml", "--", "-x", "\u001b[31m", "a\nb",
        "src/test/resources/specs/bad/hf-nan.json", catalog.toString(), "/dev/null", "/");

    warmUp();
    List<String> problems = new ArrayList<>();
    int[] exits = new int[4];
    for (int i = 0; i < CLI_CASES; i++) {
      List<String> args = commandLine(r, inputs, dir);
      Case c = new Case("cli#" + i, String.join(" ⏵ ", args), "", "");
      long start = System.nanoTime();
      Future<String[]> f = worker.submit(() -> run(args));
      String[] result;
      try {
        result = f.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        problems.add(describe(c, "threw " + stack(e.getCause())));
        continue;
      } catch (TimeoutException e) {
        f.cancel(true);
        problems.add(describe(c, "did not finish in 30 s"));
        continue;
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      int exit = Integer.parseInt(result[0]);
      String out = result[1];
      String err = result[2];
      exits[Math.min(Math.max(exit, 0), 3)]++;
      CLI_OUTPUT.add("exit " + exit + ": " + escape(String.join(" ", args), 200) + "\n    " + escape(err, 400));
      String problem = commandLineProblem(String.join(" ", args), exit, out, err);
      if (problem == null && ms > MAX_MILLIS) {
        problem = "took " + ms + " ms";
      }
      if (problem != null) {
        problems.add(describe(c, problem + "\n      exit " + exit + ", stderr: " + escape(err, 400)
            + "\n      stdout: " + escape(out, 300)));
      }
    }
    System.out.printf("MalformedInputsTest: %d command lines: exit 0: %d, 1: %d, 2: %d, 3: %d; %d problems%n",
        CLI_CASES, exits[0], exits[1], exits[2], exits[3], problems.size());
    if (System.getProperty("fuzz.dump") != null) {
      Files.write(Path.of(System.getProperty("fuzz.dump") + ".cli"),
          String.join("\n", CLI_OUTPUT).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(exits[0]).as("some command lines succeed").isGreaterThan(20);
    assertThat(exits[2]).as("some command lines are refused").isGreaterThan(20);
    assertNoProblems(problems);
  }

  static final List<String> CLI_OUTPUT = new ArrayList<>();

  static String[] run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args.toArray(String[]::new), InputStream.nullInputStream(), new PrintWriter(out),
        new PrintWriter(err));
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  /** Negative zero printed as a figure: "-0", "-0.00", "-0.0%" (but not -0.003). */
  static final Pattern NEGATIVE_ZERO = Pattern.compile("(?<![0-9.])-0(\\.0+)?(?![0-9.])");

  /** {@code sizeup plan: --mfu: message}, or {@code file:line:col: error: message} (a path may hold ": "). */
  static final Pattern DIAGNOSTIC = Pattern.compile("sizeup( [a-z-]+)?: [^ ]|.*?(:[0-9]+:[0-9]+)?: error: ");

  static String commandLineProblem(String args, int exit, String out, String err) {
    if (exit == 3) {
      return "internal error (exit 3)";
    }
    if (exit < 0 || exit > 2) {
      return "exit " + exit;
    }
    for (String word : List.of("Exception", "\tat ", "java.", "picocli.", "com.fasterxml")) {
      if (err.contains(word) || out.contains(word)) {
        return "Java text '" + word + "' in the output";
      }
    }
    for (String word : PARSER_WORDS) {
      if (count(err, word) > count(args, word)) {
        return "parser vocabulary '" + word + "' on stderr";
      }
    }
    if (exit == 2) {
      // A usage error is one line. Input errors are one line per bad input (a stray argument is one
      // more input): every line must then be a diagnostic of its own.
      List<String> lines = err.lines().toList();
      if (!err.endsWith("\n") || lines.isEmpty()) {
        return "stderr is not one line per problem";
      }
      for (String line : lines) {
        if (!DIAGNOSTIC.matcher(line).lookingAt()) {
          return "stderr line is not a diagnostic: " + escape(line, 200);
        }
        if (line.startsWith("sizeup") && lines.size() > 1) {
          return "a usage error takes more than one line";
        }
      }
    }
    if (exit == 0) {
      // (the largest long is a clamped number, unless it was given: --tokens 9223372036854775807)
      for (String word : List.of("Infinity", "NaN", "9,223,372,036,854,775,807", "9223372036854775807")) {
        if (out.contains(word) && !args.contains("9223372036854775807")) {
          return "stdout holds '" + word + "'";
        }
      }
      Matcher m = NEGATIVE_ZERO.matcher(out);
      if (m.find()) {
        return "stdout holds a negative zero '" + m.group() + "'";
      }
    }
    return null;
  }

  static List<String> commandLine(Random r, List<String> inputs, Path dir) {
    List<String> args = new ArrayList<>();
    if (r.nextInt(8) == 0) {
      args.add("--verbose");
    }
    String command = pick(r, List.of("analyze", "analyze", "analyze", "validate", "validate", "import", "import",
        "plan", "plan", "plan", "plan", "plan", "presets", "help", "analyse", ""));
    if (!command.isEmpty()) {
      args.add(command);
    }
    int extras = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
    switch (command) {
      case "analyze" -> {
        args.add(r.nextInt(4) == 0 ? pick(r, inputs) : pick(r, inputs.subList(0, 3)));
        option(r, args, "--tokens", mostly(r, List.of("300B", "1.4T", "3e11", "1", "9e18", "9223372036854775807")));
        option(r, args, "--seq-len", mostly(r, List.of("2048", "1", "134217728", "134217729")));
        option(r, args, "--verdict-bands", mostly(r, BANDS.subList(0, 2)));
        option(r, args, "--law", mostly(r, LAWS.subList(0, 4)));
        option(r, args, "--name", NAMES);
        option(r, args, "--format", mostly(r, FORMATS.subList(0, 3)));
      }
      case "validate" -> {
        args.add(r.nextInt(3) == 0 ? pick(r, inputs) : pick(r, List.of("gpt2-small", "mixtral-8x7b", inputs.get(10))));
        option(r, args, "--name", NAMES);
        option(r, args, "--format", FORMATS);
      }
      case "import" -> {
        args.add(r.nextInt(3) == 0 ? pick(r, inputs) : pick(r, inputs.subList(7, 9)));
        option(r, args, "--format", List.of("yaml", "json", "", "text", "YAML"));
        option(r, args, "--name", NAMES);
        option(r, args, "-o", List.of(dir.resolve("out.yaml").toString(), dir.resolve("missing/out.yaml").toString(),
            dir.toString(), ""));
      }
      case "plan" -> {
        switch (r.nextInt(5)) {
          case 0 -> args.addAll(List.of("--compute", pick(r, r.nextInt(5) == 0 ? TINY : mostly(r, VALID_COMPUTE))));
          case 1 -> args.addAll(List.of("--gpus", pick(r, mostly(r, List.of("1", "8", "2048", "10000000"))),
              "--days", pick(r, r.nextInt(5) == 0 ? TINY : mostly(r, List.of("1", "30", "0.5", "36500", "1e-100"))), "--gpu", pick(r, GPUS.subList(0, 5))));
          case 2 -> args.addAll(List.of("--budget-usd", pick(r, r.nextInt(5) == 0 ? TINY
              : mostly(r, List.of("2M", "1e6", "1", "1e15", "1e-100"))),
              "--gpu", pick(r, mostly(r, GPUS.subList(0, 5)))));
          case 3 -> args.addAll(List.of("--target-loss", pick(r, mostly(r, List.of("2.0", "1.8", "3", "1.69", "10", "0.5",
              "1.7", "1.6901", "100", "0.01")))));
          default -> { }
        }
        option(r, args, "--mfu", mostly(r, List.of("0.4", "0.001", "1", "0.462")));
        if (r.nextInt(4) == 0) {
          option(r, args, "--gpus", mostly(r, List.of("1", "1024", "10000000")));
        }
        option(r, args, "--usd-per-gpu-hour", mostly(r, List.of("2", "0.0001", "10000")));
        option(r, args, "--inference-tokens", mostly(r, List.of("1e13", "1e20", "1", "2T", "1e-100")));
        option(r, args, "--law", mostly(r, LAWS.subList(0, 4)));
        if (!args.contains("--gpu")) {
          option(r, args, "--gpu", r.nextInt(10) == 0 ? List.of("x1") : mostly(r, GPUS.subList(0, 5)));
        }
        option(r, args, "--precision", mostly(r, PRECISIONS.subList(0, 7)));
        option(r, args, "--format", mostly(r, FORMATS.subList(0, 3)));
        if (r.nextInt(10) == 0) {
          option(r, args, "--gpu-catalog", List.of(catalog(dir), dir.resolve("bad-catalog.yaml").toString(),
              "no/such.yaml", "", dir.toString()));
        }
      }
      case "presets" -> option(r, args, "--format", FORMATS);
      default -> {
        if (r.nextBoolean()) {
          args.add(pick(r, List.of("analyze", "plan", "import", "nope", "")));
        }
      }
    }
    for (int e = 0; e < extras; e++) {
      int what = r.nextInt(4);
      if (what == 0) {
        args.add(r.nextInt(args.size() + 1), pick(r, TYPOS));
      } else if (what == 1 && args.size() > 1) {
        args.remove(1 + r.nextInt(args.size() - 1));
      } else if (what == 2 && args.size() > 1) {
        int a = r.nextInt(args.size());
        args.add(a, args.get(a)); // an option or value given twice
      } else {
        args.add(pick(r, NUMBERS));
      }
    }
    return args;
  }

  static String catalog(Path dir) {
    return dir.resolve("catalog.yaml").toString();
  }

  /** Adds {@code --option value} (or {@code --option=value}) half the time. */
  static void option(Random r, List<String> args, String name, List<String> values) {
    if (r.nextBoolean()) {
      return;
    }
    String value = pick(r, values);
    if (r.nextInt(4) == 0) {
      args.add(name + "=" + value);
    } else {
      args.add(name);
      args.add(value);
    }
  }

  /** The valid values three times in four, else every kind of absurd value and every option's bad values. */
  static List<String> mostly(Random r, List<String> valid) {
    if (r.nextInt(4) != 0) {
      return valid;
    }
    List<List<String>> bad = List.of(NUMBERS, LAWS, GPUS, PRECISIONS, FORMATS, BANDS, NAMES);
    return r.nextBoolean() ? NUMBERS : bad.get(r.nextInt(bad.size()));
  }

  static String pick(Random r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }

  // ---- what the fuzzing found, pinned down ------------------------------------------------------------

  /** Sizes whose count overflows: import refuses them as analyze does, and writes nothing. */
  @ParameterizedTest
  @ValueSource(strings = {"overflowing-sizes.yaml", "hf-overflowing-sizes.json"})
  void sizes_that_overflow_the_count_are_refused_by_import_as_by_analyze(String fixture) {
    Path file = Path.of("src/test/resources/specs/bad", fixture);
    Cli run = Cli.run("import", file.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).endsWith(": sizes too large: the parameter count overflows a 64-bit integer (over 9.2e18)\n");
  }

  /** Command lines that once exited 3 or printed more than one line or the parser's words. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "plan --compute 4.9e-324               | sizeup plan: --compute: expected a number in [1, 1e40] FLOPs, got 4.9e-324",
    "plan --budget-usd 4.9e-324 --gpu h100 | sizeup plan: --budget-usd: expected a number in [0.01, 1e15] USD, got 4.9e-324",
    "plan --gpus 1 --days 2.3e-308 --gpu h100 | sizeup plan: --days: expected a number in [1e-6, 36500] days, got 2.3e-308",
    "-- analyze gpt2-small                 | sizeup: unexpected argument 'analyze' (after '--' every argument is an input) "
        + "(see 'sizeup --help')",
    "help nope                             | sizeup: unknown subcommand 'nope' (see 'sizeup --help')",
    "analyze no-such-preset                | no-such-preset: error: no such file, directory or preset",
  })
  void command_lines_the_fuzzing_found_give_one_plain_line(String args, String expected) {
    Cli run = Cli.run(args.strip().split(" +"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(expected + "\n");
  }

  /** Runs the command line in-process and captures what it prints. */
  record Cli(int exit, String out, String err) {
    static Cli run(String... args) {
      String[] result = MalformedInputsTest.run(List.of(args));
      return new Cli(Integer.parseInt(result[0]), result[1], result[2]);
    }
  }

  // ---- reporting ----------------------------------------------------------------------------------

  static String describe(Case c, String problem) {
    return c.id() + (c.recipe().isEmpty() ? "" : " [" + c.recipe() + "]") + ": " + problem
        + "\n      input: " + escape(c.text(), 700);
  }

  static void assertNoProblems(List<String> problems) {
    if (!problems.isEmpty()) {
      StringBuilder b = new StringBuilder(problems.size() + " problems; the first ones:\n");
      problems.stream().limit(25).forEach(p -> b.append("  ").append(p).append('\n'));
      throw new AssertionError(b.toString());
    }
  }

  static String stack(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\n");
    return String.join("\n        ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 12)));
  }

  /** Text on one line with its control characters visible, cut at {@code max} characters. */
  static String escape(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char ch = s.charAt(i);
      if (ch == '\n') {
        b.append("\\n");
      } else if (ch == '\t') {
        b.append("\\t");
      } else if (ch == '\r') {
        b.append("\\r");
      } else if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || ch == '\ufeff' || ch == '\u2028' || ch == '\u202e') {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.length() >= max && s.length() > max ? b + "...(" + s.length() + " chars)" : b.toString();
  }
}
