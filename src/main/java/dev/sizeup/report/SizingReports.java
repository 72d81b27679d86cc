package dev.sizeup.report;

import dev.sizeup.analysis.Sizer;
import dev.sizeup.analysis.Sizing;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.scaling.ChinchillaAssessment;
import dev.sizeup.spec.SpecException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a run of sizing reports, as paths relative to the output folder and their content:
 * per model {@code <name>.md} and its charts in {@code <name>/} ({@code plane.svg}, {@code iso-flop.svg},
 * {@code parameters.svg}, {@code memory.svg}), and for several models an index, {@code README.md}.
 * Nothing here writes a file: the same content serves writing and checking.
 */
public final class SizingReports {
  private SizingReports() {}

  /** The index of several reports. */
  public static final String INDEX = "README.md";

  /** A file to write: its path relative to the output folder (forward slashes) and its content. */
  public record File(String path, String content) {
    public File {
      if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
        throw new IllegalArgumentException("a report file needs a relative path inside the output folder, got " + path);
      }
      java.util.Objects.requireNonNull(content, "content");
    }
  }

  /** One model's report: the files it consists of, the markdown last. */
  public record Report(String name, String file, List<File> files) {
    public Report {
      java.util.Objects.requireNonNull(name, "name");
      java.util.Objects.requireNonNull(file, "file");
      files = List.copyOf(files);
      if (files.isEmpty() || !files.get(files.size() - 1).path().equals(file)) {
        throw new IllegalArgumentException("a report's markdown comes last, after the charts it shows");
      }
    }
  }

  /**
   * The reports of a batch, and a diagnostic for each model whose report name another model of the
   * batch already has.
   *
   * @param index the index of all the reports; null unless asked for
   */
  public record Output(List<Report> reports, File index, List<SpecException> errors) {
    public Output {
      reports = List.copyOf(reports);
      errors = List.copyOf(errors);
    }
  }

  /** Every report of the batch, and the index when {@code withIndex}. */
  public static Output of(Sizer.Batch batch, boolean withIndex) {
    List<Report> reports = new ArrayList<>();
    List<Sizing> shown = new ArrayList<>();
    List<SpecException> errors = new ArrayList<>();
    Map<String, String> taken = new HashMap<>();
    for (Sizing s : batch.sizings()) {
      String slug = slug(s.name());
      // case-insensitive file systems (macOS, Windows) would put two such reports in one file
      String before = taken.putIfAbsent(slug.toLowerCase(Locale.ROOT), s.analysis().spec().file());
      if (before != null) {
        errors.add(s.analysis().spec().error("name", "another input (" + before + ") already writes the report "
            + slug + ".md; give each model its own name"));
        continue;
      }
      List<File> files = new ArrayList<>();
      for (Charts.Chart c : Charts.of(s, batch.references())) {
        files.add(new File(slug + "/" + c.file(), c.svg()));
      }
      files.add(new File(slug + ".md", SizingReport.markdown(s, slug)));
      reports.add(new Report(s.name(), slug + ".md", files));
      shown.add(s);
    }
    File index = withIndex && !shown.isEmpty() ? new File(INDEX, index(shown)) : null;
    return new Output(reports, index, errors);
  }

  /**
   * The file name of a model's report: its name with every character other than letters, digits,
   * '.', '_' and '-' replaced by '-' (a Hugging Face id "org/model" becomes "org-model").
   */
  static String slug(String name) {
    String s = name.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "").replaceAll("-+$", "");
    if (s.isEmpty()) {
      s = "model";
    }
    if (s.equalsIgnoreCase("README")) {
      s = s + "-model";
    }
    return s;
  }

  private static final String[] INDEX_HEADINGS = {"model", "parameters", "non-embedding", "active", "tokens",
      "tokens/parameter", "verdict", "training FLOPs", "compute efficiency", "KV cache/token (bf16)",
      "weights (bf16)"};

  /** The index: every model side by side, each name linking to its report. */
  static String index(List<Sizing> sizings) {
    StringBuilder out = new StringBuilder("# Sizing reports\n\n");
    out.append("One sizing report per model: its parameters, FLOPs, Chinchilla verdict, the loss the scaling laws "
        + "predict, the compute-optimal split of its compute, cost, and memory, with charts. Written by "
        + "`sizeup report`; `sizeup report --check` keeps them current in CI.\n\n");
    if (!sizings.isEmpty()) {
      Sizing first = sizings.get(0);
      var c = first.plan().cost();
      out.append("Assumptions for every row: the ").append(first.analysis().scaling().law().name())
          .append(" law for the allocation and the compute efficiency; costs on ").append(SizingReport.gpuName(first))
          .append(" at ").append(SizingReport.percentWords(c.mfu())).append(" MFU and $")
          .append(Numbers.fixed(c.usdPerGpuHour(), 2)).append(" per GPU-hour. A model whose spec gives no training "
              + "tokens is sized at 20 tokens per parameter and has no verdict (\"n/a\"); its compute efficiency is then that of a 20·N run.\n\n");
    }
    Table t = new Table(INDEX_HEADINGS, false, true, true, true, true, true, false, true, true, true, true);
    for (Sizing s : sizings) {
      ParameterCount p = s.analysis().parameters();
      ChinchillaAssessment c = s.analysis().chinchilla();
      Double e = s.analysis().scaling().computeEfficiency();
      t.markdownRow("[" + SizingReport.inline(s.name()) + "](" + slug(s.name()) + ".md)",
          Numbers.human(p.total()), Numbers.human(p.nonEmbedding()), Numbers.human(p.active()),
          Numbers.human(c.tokens()) + (s.tokensAssumed() ? " (20·N)" : ""),
          Numbers.fixed(c.tokensPerParameter(), 1),
          s.tokensAssumed() ? "n/a" : SizingReport.words(c.verdict().key()),
          Numbers.sci(c.trainingFlops()),
          e == null ? "n/a" : Numbers.fixed(e, 3),
          Numbers.bytes(s.analysis().kvCache().bytesPerToken16Bit()),
          Numbers.bytes(s.weights().stream().filter(w -> w.format() == dev.sizeup.memory.WeightFormat.BF16)
              .findFirst().orElseThrow().bytes()));
    }
    t.markdown(out);
    out.append("\nParameters are exact counts (rounded here; each report has every digit). KV cache per token is "
        + "the whole model's, before any sliding window caps it. Compute efficiency is the share of the compute the "
        + "law's optimum needs to reach the same predicted loss.\n");
    return out.toString();
  }
}
