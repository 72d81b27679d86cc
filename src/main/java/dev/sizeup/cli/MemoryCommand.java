package dev.sizeup.cli;

import dev.sizeup.memory.ActivationSetup;
import dev.sizeup.memory.Device;
import dev.sizeup.memory.KvFormat;
import dev.sizeup.memory.LayoutSearch;
import dev.sizeup.memory.MemoryPlanner;
import dev.sizeup.memory.MemoryRequest;
import dev.sizeup.memory.Optimizer;
import dev.sizeup.memory.Recompute;
import dev.sizeup.memory.Reserve;
import dev.sizeup.memory.StateBytes;
import dev.sizeup.memory.TrainingPrecision;
import dev.sizeup.memory.TrainingSetup;
import dev.sizeup.memory.WeightFormat;
import dev.sizeup.plan.GpuCatalog;
import dev.sizeup.report.MemoryRenderer;
import dev.sizeup.spec.SpecException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Does it fit, on how many GPUs, how fast can it decode: training memory per GPU on a parallel layout "
          + "(model states after ZeRO, activations after Korthikanti et al. 2022), the smallest layout that fits, "
          + "and serving memory (weights, KV cache) with its decode and prefill bounds.",
      "A model that does not fit is not an error: it is reported with fits: false."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (whether or not the model fits)", "2:bad input or usage", "3:internal error"})
final class MemoryCommand implements Callable<Integer> {
  @Mixin
  InputOptions inputs;

  @Option(names = "--gpu", defaultValue = "h100", paramLabel = "NAME",
      description = "Accelerator from the catalog (default: ${DEFAULT-VALUE}; see docs/memory.md for the list).")
  String gpu;

  @picocli.CommandLine.Mixin
  GpuCatalogOption gpuCatalog;

  @Option(names = "--reserve", defaultValue = "10%", paramLabel = "SHARE|SIZE",
      description = "Memory kept back on each GPU for the framework, e.g. 10%% or 4GiB (default: ${DEFAULT-VALUE}, an "
          + "assumption: vLLM long left 10%% with gpu_memory_utilization 0.9).")
  String reserve;

  @Option(names = "--gpus", converter = Converters.Count.class, paramLabel = "N",
      description = "GPUs for training: data parallelism dp = N / (tp × pp) (default: tp × pp × ep, dp = ep).")
  Long gpus;

  @Option(names = "--tp", converter = Converters.Count.class, defaultValue = "1", paramLabel = "T",
      description = "Tensor-parallel degree, training and serving; must divide the heads and key/value heads (default: ${DEFAULT-VALUE}).")
  long tp;

  @Option(names = "--pp", converter = Converters.Count.class, defaultValue = "1", paramLabel = "P",
      description = "Pipeline-parallel degree for training; must divide the layers (default: ${DEFAULT-VALUE}).")
  long pp;

  @Option(names = "--ep", converter = Converters.Count.class, defaultValue = "1", paramLabel = "E",
      description = "Expert-parallel degree for training a mixture of experts; must divide the experts and dp (default: ${DEFAULT-VALUE}).")
  long ep;

  @Option(names = "--zero", defaultValue = "0", paramLabel = "0..3",
      description = "ZeRO stage: 1 partitions optimizer states, 2 also gradients, 3 also weights over dp (default: ${DEFAULT-VALUE}).")
  int zero;

  @Option(names = "--no-sequence-parallel", description = "Without sequence parallelism (default: on where tp > 1).")
  boolean noSequenceParallel;

  @Option(names = "--precision", defaultValue = "bf16", paramLabel = "P",
      description = "Training precision: fp32, or bf16/fp16 mixed precision with fp32 master weights (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--optimizer", defaultValue = "adamw", paramLabel = "NAME",
      description = "adamw, adamw-8bit or sgd (with momentum) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--state-bytes", paramLabel = "W,G,O",
      description = "Bytes per parameter of weights, gradients and optimizer state, replacing --precision's and "
          + "--optimizer's, e.g. 2,4,12 for Megatron-LM's fp32 gradients.")
  String stateBytes;

  @Option(names = "--micro-batch", converter = Converters.Count.class, defaultValue = "1", paramLabel = "B",
      description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
  long microBatch;

  @Option(names = {"--seq", "--seq-len"}, converter = Converters.Count.class, paramLabel = "S",
      description = "Training sequence length (default: each spec's context, else 2,048).")
  Long seq;

  @Option(names = "--recompute", defaultValue = "none", paramLabel = "none|selective|full",
      description = "Activation recomputation (default: ${DEFAULT-VALUE}).")
  String recompute;

  @Option(names = "--flash-attention", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "A fused attention kernel that never stores the a·s² scores (default: on; --no-flash-attention "
          + "for the eager attention of Korthikanti et al. 2022).")
  boolean flash;

  @Option(names = "--no-dropout", description = "Training without dropout: no dropout masks (default: with, as Korthikanti et al. 2022).")
  boolean noDropout;

  @Option(names = "--max-gpus", converter = Converters.Count.class, defaultValue = "16384", paramLabel = "N",
      description = "The most GPUs the smallest-layout search considers (default: ${DEFAULT-VALUE}).")
  long maxGpus;

  @Option(names = "--max-tp", converter = Converters.Count.class, defaultValue = "8", paramLabel = "T",
      description = "The largest tensor-parallel degree the search considers (default: ${DEFAULT-VALUE}, one NVLink node).")
  long maxTp;

  @Option(names = "--weights-precision", defaultValue = "bf16", paramLabel = "P",
      description = "Served weights: fp32, bf16, fp16, fp8, int8 or int4 (default: ${DEFAULT-VALUE}).")
  String weightsPrecision;

  @Option(names = "--group-size", converter = Converters.Count.class, defaultValue = "128", paramLabel = "G",
      description = "Quantisation group of int4 weights (default: ${DEFAULT-VALUE}).")
  long groupSize;

  @Option(names = "--kv-precision", defaultValue = "bf16", paramLabel = "P",
      description = "KV cache: fp32, bf16, fp16 or fp8 (default: ${DEFAULT-VALUE}).")
  String kvPrecision;

  @Option(names = "--batch", converter = Converters.Count.class, defaultValue = "1", paramLabel = "B",
      description = "Sequences served together (default: ${DEFAULT-VALUE}).")
  long batch;

  @Option(names = "--context", converter = Converters.Count.class, paramLabel = "C",
      description = "Tokens of context per served sequence (default: the training sequence length).")
  Long context;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  /** The sections text and markdown show. */
  enum Only {
    training,
    inference
  }

  @Option(names = "--only", paramLabel = "training|inference",
      description = "Size and show one section: a layout only training needs is then not checked for serving, "
          + "and the reverse (text and markdown; JSON always has both).")
  Only only;

  @ParentCommand
  SizeupCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    MemoryRequest request;
    try {
      request = request();
    } catch (SpecException e) {
      return Diagnostics.report(List.of(e), spec.commandLine().getErr());
    }
    if (only != null && format == Format.json) {
      throw new UserError("--only", "applies to text and markdown; JSON always has both sections");
    }
    MemoryPlanner.Batch batch = MemoryPlanner.planAll(inputs.expand(), parent.in, request, inputs.name);
    MemoryRenderer renderer = only == null ? MemoryRenderer.INSTANCE
        : only == Only.training ? MemoryRenderer.TRAINING : MemoryRenderer.INFERENCE;
    spec.commandLine().getOut().print(format.render(renderer, batch.reports()));
    return Diagnostics.report(batch.errors(), spec.commandLine().getErr());
  }

  private MemoryRequest request() throws SpecException {
    GpuCatalog catalog = gpuCatalog.catalog(parent.in);
    TrainingPrecision p = TrainingPrecision.parse(precision);
    Optimizer o = Optimizer.parse(optimizer);
    StateBytes states = stateBytes == null ? o.states(p) : stateBytes(stateBytes);
    TrainingSetup training = new TrainingSetup(p, stateBytes == null ? o : null, states,
        new ActivationSetup(microBatch, seq == null ? MemoryRequest.FALLBACK_SEQ_LEN : seq,
            Recompute.parse(recompute), flash, !noDropout));
    return new MemoryRequest(training, seq, gpus, tp, pp, ep, zero, !noSequenceParallel,
        Device.of(catalog.find(gpu), Reserve.parse(reserve)), new LayoutSearch.Limits(maxGpus, maxTp),
        new MemoryRequest.Serving(WeightFormat.parse(weightsPrecision, "weights_precision"), groupSize,
            KvFormat.parse(kvPrecision), batch, context),
        only == null ? MemoryRequest.Sections.BOTH
            : only == Only.training ? MemoryRequest.Sections.TRAINING : MemoryRequest.Sections.INFERENCE);
  }

  private static StateBytes stateBytes(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 3) {
      throw new UserError("--state-bytes", "expected three whole numbers W,G,O such as 2,2,12, got '" + text + "'");
    }
    long[] v = new long[3];
    for (int i = 0; i < 3; i++) {
      try {
        v[i] = Long.parseLong(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new UserError("--state-bytes", "expected three whole numbers W,G,O such as 2,2,12, got '" + text + "'");
      }
      if (v[i] < 0 || v[i] > StateBytes.MAX_BYTES) {
        throw new UserError("--state-bytes", "expected bytes per parameter from 0 to " + StateBytes.MAX_BYTES
            + ", got " + v[i]);
      }
    }
    return new StateBytes(v[0], v[1], StateBytes.OptimizerState.perParameter(v[2]));
  }
}
