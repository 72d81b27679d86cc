package dev.sizeup.cli;

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
import dev.sizeup.plan.Gpu;
import dev.sizeup.plan.GpuCatalog;
import dev.sizeup.plan.Precision;
import dev.sizeup.report.SizingReports;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.scaling.VerdictBands;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a markdown sizing report with charts for each input: OUT/<name>.md, its SVG charts in OUT/<name>/, and "
          + "for several inputs an index, OUT/README.md.",
      "The same input always gives the same bytes. Each file is written whole (a temporary file, then a rename); "
          + "a file whose content is unchanged is left alone."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:--check: a report is missing or stale", "2:bad input or usage, or a file "
        + "that cannot be written", "3:internal error"})
final class ReportCommand implements Callable<Integer> {
  @Mixin
  InputOptions inputs;

  @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR",
      description = "Folder of the reports, created if missing (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--check", description = "Write nothing: regenerate in memory and exit 1 naming every report "
      + "file that is missing or differs from what would be written (for CI).")
  boolean check;

  @Option(names = "--tokens", converter = Converters.Count.class, paramLabel = "N",
      description = "Training tokens for every input, overriding training.tokens (default: each spec's; 20 per "
          + "parameter where a spec gives none).")
  Long tokens;

  @Option(names = {"--seq-len", "--seq"}, converter = Converters.Count.class, paramLabel = "S",
      description = "Training sequence length of the FLOP count and the training memory (default: each spec's "
          + "context, else 2,048; long-context models often pretrain shorter, e.g. 4,096 or 8,192).")
  Long seqLen;

  @Option(names = "--law", converter = Converters.Law.class, paramLabel = "LAW", defaultValue = "chinchilla",
      description = "Law for the allocation, compute efficiency and charts: chinchilla, epoch, kaplan, rule20 "
          + "(default: ${DEFAULT-VALUE}). Losses are shown under every law.")
  ScalingLaw law;

  @Option(names = "--verdict-bands", converter = Converters.Bands.class, paramLabel = "S,U,O",
      defaultValue = "0.2,0.8,1.25",
      description = "Ratio D/(20N) thresholds of the verdict (default: ${DEFAULT-VALUE}).")
  VerdictBands bands;

  @Option(names = "--gpu", defaultValue = "h100", paramLabel = "NAME",
      description = "Accelerator for cost and memory (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Mixin
  GpuCatalogOption gpuCatalog;

  @Option(names = "--gpus", converter = Converters.Count.class, defaultValue = "1024", paramLabel = "N",
      description = "GPUs of the training run: the wall-clock days, and dp = N / (tp × pp) (default: ${DEFAULT-VALUE}).")
  long gpus;

  // A typical MFU for large dense runs: PaLM 540B reached 46.2% (Chowdhery et al. 2022, Table 3).
  @Option(names = "--mfu", converter = Converters.Number.class, paramLabel = "F", defaultValue = "0.40",
      description = "Model FLOPs utilisation in [0.001, 1] (default: ${DEFAULT-VALUE}, an assumption).")
  double mfu;

  @Option(names = "--usd-per-gpu-hour", converter = Converters.Positive.class, paramLabel = "USD", defaultValue = "2.00",
      description = "Price per GPU-hour (default: ${DEFAULT-VALUE}, an assumption, not a quote).")
  double usdPerGpuHour;

  @Option(names = "--precision", defaultValue = "bf16", paramLabel = "P",
      description = "Training precision (fp32, or bf16/fp16 mixed precision with fp32 master weights and Adam), "
          + "also the peak throughput the cost uses (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--tp", converter = Converters.Count.class, defaultValue = "1", paramLabel = "T",
      description = "Tensor-parallel degree of the stated training layout (default: ${DEFAULT-VALUE}).")
  long tp;

  @Option(names = "--pp", converter = Converters.Count.class, defaultValue = "1", paramLabel = "P",
      description = "Pipeline-parallel degree of the stated training layout (default: ${DEFAULT-VALUE}).")
  long pp;

  @Option(names = "--ep", converter = Converters.Count.class, defaultValue = "1", paramLabel = "E",
      description = "Expert-parallel degree of the stated training layout (default: ${DEFAULT-VALUE}).")
  long ep;

  @Option(names = "--zero", defaultValue = "1", paramLabel = "0..3",
      description = "ZeRO stage of the stated training layout (default: ${DEFAULT-VALUE}, a distributed optimizer).")
  int zero;

  @Option(names = "--micro-batch", converter = Converters.Count.class, defaultValue = "1", paramLabel = "B",
      description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
  long microBatch;

  @Option(names = "--recompute", defaultValue = "none", paramLabel = "none|selective|full",
      description = "Activation recomputation (default: ${DEFAULT-VALUE}).")
  String recompute;

  @Option(names = "--reserve", defaultValue = "10%", paramLabel = "SHARE|SIZE",
      description = "Memory kept back on each GPU, e.g. 10%% or 4GiB (default: ${DEFAULT-VALUE}).")
  String reserve;

  @Mixin
  LawFileOption lawFile;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SizingRequest request;
    try {
      request = request();
    } catch (SpecException e) {
      return Diagnostics.report(List.of(e), spec.commandLine().getErr());
    }
    List<Inputs.Input> in = inputs.expand();
    Sizer.Batch batch = Sizer.sizeAll(in, parent.in, request);
    SizingReports.Output output = SizingReports.of(batch, in.size() > 1);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SpecException> errors = new ArrayList<>(batch.errors());
    errors.addAll(output.errors());
    int code = check ? check(output, stdout) : write(output, stdout, err);
    int inputCode = Diagnostics.report(errors, err);
    return code == ExitCodes.BAD_INPUT || inputCode == ExitCodes.BAD_INPUT ? ExitCodes.BAD_INPUT : code;
  }

  private SizingRequest request() throws SpecException {
    if (out.toString().isBlank()) {
      throw new UserError("--out", "expected a folder, got nothing");
    }
    GpuCatalog catalog = gpuCatalog.catalog(parent.in);
    Gpu g = catalog.find(gpu);
    TrainingPrecision p = TrainingPrecision.parse(precision);
    Optimizer o = Optimizer.ADAMW;
    TrainingSetup training = new TrainingSetup(p, o, o.states(p),
        new ActivationSetup(microBatch, MemoryRequest.FALLBACK_SEQ_LEN, Recompute.parse(recompute), true, true));
    MemoryRequest memory = new MemoryRequest(training, seqLen, gpus, tp, pp, ep, zero, true,
        Device.of(g, Reserve.parse(reserve)), LayoutSearch.Limits.DEFAULT,
        new MemoryRequest.Serving(WeightFormat.BF16, WeightFormat.DEFAULT_GROUP, KvFormat.BF16, 1, null),
        MemoryRequest.Sections.BOTH);
    return new SizingRequest(new Analyzer.Options(tokens, bands, lawFile.law(law, spec, parent.in), seqLen, inputs.name),
        new SizingRequest.CostAssumptions(g, Precision.parse(precision), mfu, gpus, usdPerGpuHour), memory);
  }

  /** Writes every file whose content changed; a report's markdown last, so it never links to a chart not yet written. */
  private int write(SizingReports.Output output, PrintWriter stdout, PrintWriter err) {
    try {
      Files.createDirectories(out);
    } catch (IOException | SecurityException e) {
      err.println(Inputs.display(out) + ": error: cannot create the report folder: " + reason(e));
      return ExitCodes.BAD_INPUT;
    }
    int code = ExitCodes.OK;
    for (SizingReports.Report r : output.reports()) {
      int changed = 0;
      String failed = null;
      for (SizingReports.File f : r.files()) {
        try {
          changed += writeIfChanged(out, f) ? 1 : 0;
        } catch (AtomicFiles.WriteError e) {
          failed = Inputs.display(out.resolve(f.path())) + ": error: cannot write: " + Text.safe(e.getMessage());
          break;
        }
      }
      if (failed != null) {
        err.println(failed);
        code = ExitCodes.BAD_INPUT;
        continue;
      }
      stdout.println(Inputs.display(out.resolve(r.file())) + (changed == 0 ? "  unchanged" : "  written"));
    }
    if (output.index() != null) {
      try {
        boolean changed = writeIfChanged(out, output.index());
        stdout.println(Inputs.display(out.resolve(output.index().path())) + (changed ? "  written" : "  unchanged"));
      } catch (AtomicFiles.WriteError e) {
        err.println(Inputs.display(out.resolve(output.index().path())) + ": error: cannot write: "
            + Text.safe(e.getMessage()));
        code = ExitCodes.BAD_INPUT;
      }
    }
    stdout.flush();
    return code;
  }

  /** Writes a report file under {@code out} unless it already holds that content; true when written. */
  static boolean writeIfChanged(Path out, SizingReports.File f) throws AtomicFiles.WriteError {
    Path target = out.resolve(f.path());
    if (content(target) != null && content(target).equals(f.content())) {
      return false;
    }
    Path folder = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException | SecurityException e) {
      throw new AtomicFiles.WriteError("cannot create its folder " + Inputs.display(folder) + ": " + reason(e));
    }
    AtomicFiles.write(target, f.content());
    return true;
  }

  /** Names every file that is missing or differs; writes nothing. */
  private int check(SizingReports.Output output, PrintWriter stdout) {
    List<SizingReports.File> all = new ArrayList<>();
    output.reports().forEach(r -> all.addAll(r.files()));
    if (output.index() != null) {
      all.add(output.index());
    }
    int bad = 0;
    for (SizingReports.File f : all) {
      Path target = out.resolve(f.path());
      String now = content(target);
      if (now == null || !now.equals(f.content())) {
        stdout.println(Inputs.display(target) + ": " + (Files.exists(target) ? "stale" : "missing"));
        bad++;
      }
    }
    stdout.println(all.isEmpty() ? "no reports to check" : bad == 0 ? "all " + all.size() + " report files in "
        + Inputs.display(out) + " are current"
        : bad + " of " + all.size() + " report files are missing or stale: run sizeup report without --check "
            + "to regenerate them");
    stdout.flush();
    return bad == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /** A file's text, or null when it does not exist or cannot be read. */
  static String content(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
  }

  static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : Text.safe(e.getMessage());
  }
}
