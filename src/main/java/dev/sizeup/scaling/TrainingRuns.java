package dev.sizeup.scaling;

import dev.sizeup.flops.Units;
import dev.sizeup.spec.Location;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.Suggestions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A team's training runs, to fit a scaling law to: each run's parameters N, training tokens D and
 * final loss L, read from a CSV with a header. D is a column, or comes from the training compute C as
 * D = C / (6N) (Kaplan et al. 2020, §2.1), as Besiroglu et al. 2024 derive it for the Chinchilla runs.
 *
 * @param file    the CSV as the user named it
 * @param runs    the runs kept, in file order
 * @param dropped how many runs the filters left out
 */
public record TrainingRuns(String file, List<Run> runs, int dropped) {

  /** The most runs a file may hold. */
  public static final int MAX_RUNS = 1_000_000;

  /** The fewest runs a fit of five parameters needs. */
  public static final int MIN_RUNS = 6;

  /**
   * One run.
   *
   * @param line   its line in the file
   * @param n      parameters
   * @param d      training tokens
   * @param loss   final loss
   */
  public record Run(int line, double n, double d, double loss) {}

  /**
   * Which columns hold what; null to look for the usual names.
   *
   * @param n    parameters
   * @param d    training tokens
   * @param c    training compute in FLOPs (when there is no tokens column)
   * @param loss final loss
   */
  public record Columns(String n, String d, String c, String loss) {
    public static final Columns AUTO = new Columns(null, null, null, null);
  }

  /**
   * Which runs to leave out before fitting.
   *
   * @param lossAbove            runs with a loss above this; null for none
   * @param highest              the K runs of highest loss (Besiroglu et al. drop 5 of the Chinchilla runs)
   * @param minTokensPerParameter runs with fewer tokens per parameter; null for none
   */
  public record Filters(Double lossAbove, int highest, Double minTokensPerParameter) {
    public static final Filters NONE = new Filters(null, 0, null);

    public Filters {
      if (highest < 0) {
        throw new dev.sizeup.spec.InvalidValueException("drop_highest", "expected 0 or more runs, got " + highest);
      }
    }
  }

  public TrainingRuns {
    runs = List.copyOf(runs);
  }

  private static final Map<String, List<String>> USUAL = Map.of(
      "n", List.of("n", "parameters", "params", "model size", "model_size", "num_params", "non_embedding_params"),
      "d", List.of("d", "tokens", "training tokens", "training_tokens", "num_tokens"),
      "c", List.of("c", "compute", "flops", "training flop", "training_flops", "training flops"),
      "loss", List.of("loss", "l", "final_loss", "final loss", "eval_loss", "val_loss"));

  /** The objective of the fit over these runs. */
  public HuberObjective objective(double delta) {
    return new HuberObjective(runs.stream().mapToDouble(r -> Math.log(r.n())).toArray(),
        runs.stream().mapToDouble(r -> Math.log(r.d())).toArray(),
        runs.stream().mapToDouble(r -> Math.log(r.loss())).toArray(), delta);
  }

  /** Reads and filters the runs; a bad cell is a located error naming its row and column. */
  public static TrainingRuns read(Path path, String shown, Columns columns, Filters filters) throws SpecException {
    List<Run> all = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(path);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).build().parse(in)) {
      List<String> header = csv.getHeaderNames();
      String nCol = column(shown, header, columns.n(), "n", "parameters", true);
      String dCol = column(shown, header, columns.d(), "d", "training tokens", false);
      String cCol = dCol != null ? null : column(shown, header, columns.c(), "c", "training compute", false);
      if (dCol == null && cCol == null) {
        throw new SpecException(shown, new Location(1, 1), null, "no column of training tokens or of training "
            + "compute (looked for D, tokens, C, compute, flops, ...; choose one); the header has "
            + String.join(", ", header));
      }
      String lossCol = column(shown, header, columns.loss(), "loss", "final loss", true);
      for (CSVRecord r : csv) {
        int line = (int) csv.getCurrentLineNumber();
        if (all.size() >= MAX_RUNS) {
          throw new SpecException(shown, new Location(line, 1), null, "more than " + MAX_RUNS + " runs");
        }
        double n = cell(shown, r, line, nCol, header);
        double loss = cell(shown, r, line, lossCol, header);
        double d = dCol != null ? cell(shown, r, line, dCol, header)
            : cell(shown, r, line, cCol, header) / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n);
        all.add(new Run(line, n, d, loss));
      }
    } catch (NoSuchFileException e) {
      throw new SpecException(shown, null, null, "no such file");
    } catch (CharacterCodingException e) {
      throw new SpecException(shown, null, null, "not UTF-8 text");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new SpecException(shown, null, null, "cannot read: " + e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Commons CSV's own complaints: a duplicate or empty header name, a quote left open
      throw new SpecException(shown, null, null, "not a CSV with a header row: " + e.getMessage());
    }
    List<Run> kept = filter(all, filters);
    if (kept.size() < MIN_RUNS) {
      throw new SpecException(shown, null, null, kept.size() + (kept.size() == 1 ? " run" : " runs")
          + (all.size() > kept.size() ? " left after the filters" : "") + "; a fit of E, A, B, α and β needs at least "
          + MIN_RUNS);
    }
    if (kept.stream().mapToDouble(Run::n).distinct().count() < 2) {
      throw new SpecException(shown, null, null, "every run has the same parameter count: α and A cannot be told "
          + "apart from E; fit runs of at least two sizes");
    }
    if (kept.stream().mapToDouble(Run::d).distinct().count() < 2) {
      throw new SpecException(shown, null, null, "every run has the same token count: β and B cannot be told "
          + "apart from E; fit runs of at least two token counts");
    }
    return new TrainingRuns(shown, kept, all.size() - kept.size());
  }

  private static List<Run> filter(List<Run> all, Filters f) {
    List<Run> kept = new ArrayList<>(all);
    if (f.highest() > 0) {
      List<Run> byLoss = new ArrayList<>(all);
      byLoss.sort(Comparator.comparingDouble(Run::loss).reversed().thenComparingInt(Run::line));
      List<Run> drop = byLoss.subList(0, Math.min(f.highest(), byLoss.size()));
      kept.removeAll(drop);
    }
    if (f.lossAbove() != null) {
      kept.removeIf(r -> r.loss() > f.lossAbove());
    }
    if (f.minTokensPerParameter() != null) {
      kept.removeIf(r -> r.d() / r.n() < f.minTokensPerParameter());
    }
    return kept;
  }

  /** The header name for a quantity: the one chosen, else the first usual name present (any case). */
  private static String column(String file, List<String> header, String chosen, String what, String words,
      boolean required) throws SpecException {
    if (chosen != null) {
      for (String h : header) {
        if (h.equals(chosen)) {
          return h;
        }
      }
      throw new SpecException(file, new Location(1, 1), null, Suggestions.unknown("column '" + chosen + "'"
          + " (" + words + ")", chosen, header));
    }
    for (String usual : USUAL.get(what)) {
      for (String h : header) {
        if (h.strip().toLowerCase(Locale.ROOT).equals(usual)) {
          return h;
        }
      }
    }
    if (required) {
      throw new SpecException(file, new Location(1, 1), null, "no column of " + words + " (looked for "
          + String.join(", ", USUAL.get(what)) + "; choose one); the header has " + String.join(", ", header));
    }
    return null;
  }

  private static double cell(String file, CSVRecord r, int line, String column, List<String> header)
      throws SpecException {
    int col = header.indexOf(column) + 1;
    if (!r.isSet(column)) {
      throw new SpecException(file, new Location(line, col), column, "row " + r.getRecordNumber()
          + " has no value in this column (it has " + r.size() + " of " + header.size() + ")");
    }
    String text = r.get(column);
    double v;
    try {
      v = Double.parseDouble(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new SpecException(file, new Location(line, col), column, "row " + r.getRecordNumber()
          + ": expected a number, got '" + text + "'");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new SpecException(file, new Location(line, col), column, "row " + r.getRecordNumber()
          + ": expected a positive finite number, got " + text);
    }
    return v;
  }
}
