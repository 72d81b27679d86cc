package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.memory.InferenceMemory;
import dev.sizeup.memory.InferenceSetup;
import dev.sizeup.memory.Layout;
import dev.sizeup.memory.MemoryReport;
import dev.sizeup.memory.StageMemory;
import dev.sizeup.memory.StateBytes;
import dev.sizeup.memory.TrainingSetup;
import dev.sizeup.plan.Gpu;
import dev.sizeup.spec.Text;
import java.util.List;

/**
 * The output of {@code sizeup memory}: a block per spec (text, markdown), or an array with one object
 * per spec (JSON; the keys are a public contract, see docs/json.md and docs/schema/memory.schema.json).
 * Sizes are exact bytes in JSON, and bytes with GiB beside them in text and markdown.
 */
public final class MemoryRenderer implements Renderer<List<MemoryReport>> {
  /** Both sections. */
  public static final MemoryRenderer INSTANCE = new MemoryRenderer(true, true);
  /** The training section only (text and markdown; JSON always has both). */
  public static final MemoryRenderer TRAINING = new MemoryRenderer(true, false);
  /** The serving section only (text and markdown; JSON always has both). */
  public static final MemoryRenderer INFERENCE = new MemoryRenderer(false, true);

  private final boolean showTraining;
  private final boolean showInference;

  private MemoryRenderer(boolean showTraining, boolean showInference) {
    this.showTraining = showTraining;
    this.showInference = showInference;
  }

  // ---- text ---------------------------------------------------------------------------------------

  @Override
  public String text(List<MemoryReport> reports) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < reports.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      text(out, reports.get(i));
    }
    return out.toString();
  }

  private void text(StringBuilder out, MemoryReport r) {
    out.append(Text.safe(r.spec().name())).append("  (").append(Text.safe(r.spec().file())).append(")\n");
    out.append("  ").append(Numbers.grouped(r.parameters().total())).append(" parameters");
    if (r.parameters().active() != r.parameters().total()) {
      out.append(", ").append(Numbers.grouped(r.parameters().active())).append(" active per token (every expert stays resident)");
    }
    out.append('\n');
    MemoryReport.Training t = r.training();
    if (showTraining) {
      training(out, t);
    }
    if (showInference) {
      inference(out, r.inference(), r.spec().architecture().context());
    }
  }

  private static void training(StringBuilder out, MemoryReport.Training t) {
    out.append("\n  training: ").append(setup(t)).append('\n');
    StageMemory s = t.requested().largest();
    out.append("    layout: ").append(layout(t.requested().layout())).append("; per GPU of the ")
        .append(stage(s)).append(":\n");
    stateTable(s, t.gpuMemory(), t.fits()).text(out, "      ");
    if (t.smallest() == null) {
      out.append("    smallest layout that fits: none within the search's limits\n");
    } else {
      out.append("    smallest layout that fits: ").append(layout(t.smallest().layout())).append(", ")
          .append(Numbers.bytes(t.smallest().largest().total())).append(" per GPU\n");
    }

  }

  private static void inference(StringBuilder out, InferenceMemory m, Long modelContext) {
    InferenceSetup is = m.setup();
    out.append("\n  inference: ").append(serving(is)).append('\n');
    servingTable(m).text(out, "    ");
    speed(out, m, modelContext, "    ");
  }

  static String setup(MemoryReport.Training t) {
    TrainingSetup s = t.setup();
    StateBytes b = s.states();
    String opt = s.optimizer() == null ? "custom states" : s.optimizer().key();
    String bytes = b.weights() + " + " + b.gradients() + " + " + b.optimizer().bytesPerParameter()
        + (b.optimizer().blockSize() > 0 ? " (+" + b.optimizer().bytesPerBlock() + " per " + b.optimizer().blockSize() + ")" : "")
        + " bytes/parameter";
    var a = s.activations();
    return s.precision().key() + (s.precision().mixed() ? " mixed precision" : "") + ", " + opt + " (" + bytes + "); "
        + "micro-batch " + a.microBatch() + " × " + Numbers.grouped(a.seqLen()) + " tokens" + seqNote(t.seqLenSource())
        + "; recompute " + a.recompute().key() + "; " + (a.flash() ? "flash attention" : "eager attention")
        + "; " + (a.dropout() ? "dropout" : "no dropout");
  }

  private static String seqNote(String source) {
    return switch (source) {
      case "context" -> " (the context)";
      case "default" -> " (default: the spec has no context)";
      default -> "";
    };
  }

  static String layout(Layout l) {
    return Numbers.grouped(l.gpus()) + (l.gpus() == 1 ? " GPU" : " GPUs") + " = dp " + l.dp() + " × tp " + l.tp()
        + " × pp " + l.pp() + (l.ep() > 1 ? " (ep " + l.ep() + ")" : "") + ", ZeRO-" + l.zero()
        + (l.sequenceParallel() ? ", sequence parallel" : "");
  }

  static String stage(StageMemory s) {
    return s.stages() == 1 ? "single stage" : s.role() + " stage (" + (s.stage() + 1) + " of " + s.stages() + ")";
  }

  /** The GPU's memory by part, for text and markdown alike. */
  static Table stateTable(StageMemory s, long usable, boolean fits) {
    Table t = new Table(new String[] {"", "bytes", "size", ""}, false, true, true, false);
    t.row("parameters", Numbers.grouped(s.parameters()), "", "held by this GPU before ZeRO");
    t.row("weights", Numbers.grouped(s.weights()), Numbers.bytes(s.weights()), "");
    t.row("gradients", Numbers.grouped(s.gradients()), Numbers.bytes(s.gradients()), "");
    t.row("optimizer", Numbers.grouped(s.optimizer()), Numbers.bytes(s.optimizer()), "");
    t.row("activations", Numbers.grouped(s.activations()), Numbers.bytes(s.activations()),
        s.inFlight() + (s.inFlight() == 1 ? " micro-batch" : " micro-batches") + " in flight");
    t.row("total", Numbers.grouped(s.total()), Numbers.bytes(s.total()),
        (fits ? "fits in " : "does NOT fit in ") + Numbers.bytes(usable) + " usable");
    return t;
  }

  static String serving(InferenceSetup s) {
    return "weights " + s.weights().key() + (s.weights() == dev.sizeup.memory.WeightFormat.INT4 ? " (group " + s.group() + ")" : "")
        + ", KV cache " + s.kv().key() + ", batch " + Numbers.grouped(s.batch()) + " × context " + Numbers.grouped(s.context())
        + " on " + s.tp() + (s.tp() == 1 ? " GPU" : " GPUs (tensor parallel)");
  }

  /** Serving memory by part, with each GPU's share when the replica spans several; for text and markdown alike. */
  static Table servingTable(InferenceMemory m) {
    boolean split = m.setup().tp() > 1;
    Table t = split
        ? new Table(new String[] {"", "bytes", "size", "per GPU", "size per GPU"}, false, true, true, true, true)
        : new Table(new String[] {"", "bytes", "size"}, false, true, true);
    InferenceMemory.PerGpu g = m.perGpu();
    servingRow(t, split, "weights", m.weights(), g.weights());
    servingRow(t, split, "kv_cache_per_token", m.kvCachePerToken(), g.kvCachePerToken());
    servingRow(t, split, "kv_cache", m.kvCache(), g.kvCache());
    servingRow(t, split, "total", m.total(), g.total());
    return t;
  }

  private static void servingRow(Table t, boolean split, String name, long all, long perGpu) {
    if (split) {
      t.row(name, Numbers.grouped(all), Numbers.bytes(all), Numbers.grouped(perGpu), Numbers.bytes(perGpu));
    } else {
      t.row(name, Numbers.grouped(all), Numbers.bytes(all));
    }
  }

  static void speed(StringBuilder out, InferenceMemory m, Long modelContext, String indent) {
    InferenceSetup s = m.setup();
    out.append(indent).append(m.fits() ? "fits" : "does NOT fit").append(" in ").append(Numbers.bytes(m.gpuMemory()))
        .append(" usable per GPU; beside the weights: at most ").append(Numbers.grouped(m.maxBatchAtContext()))
        .append(m.maxBatchAtContext() == 1 ? " sequence" : " sequences").append(" of ")
        .append(Numbers.grouped(s.context())).append(" tokens, or ");
    if (modelContext != null && m.maxContextAtBatch() >= modelContext) {
      out.append("the model's whole context (").append(Numbers.grouped(modelContext)).append(" tokens) for each of ")
          .append(Numbers.grouped(s.batch()));
    } else if (m.maxContextAtBatch() >= dev.sizeup.memory.ActivationSetup.MAX_SEQ_LEN) {
      out.append("any context for each of ").append(Numbers.grouped(s.batch())).append(" (every layer keeps only its window)");
    } else {
      out.append(Numbers.grouped(m.maxContextAtBatch())).append(" tokens of context for each of ")
          .append(Numbers.grouped(s.batch()));
    }
    out.append('\n');
    InferenceMemory.Speed v = m.speed();
    String computeNote = v.compute() == null ? "" : " at " + v.compute().key();
    out.append(indent).append("decode  ≤ ").append(Numbers.amount(v.decodeTokensPerS())).append(" tokens/s (")
        .append(v.bound().key()).append(" bound: ").append(Numbers.amount(v.arithmeticIntensity()))
        .append(" FLOP/byte");
    if (v.ridge() != null) {
      out.append(" against the GPU's ridge of ").append(Numbers.amount(v.ridge())).append(computeNote);
    }
    out.append(")\n");
    out.append(indent).append("        memory bound ").append(Numbers.amount(v.memoryTokensPerS()))
        .append(" tokens/s (").append(Numbers.bytes(v.bytesPerStep())).append(" read per GPU per step), compute bound ")
        .append(v.computeTokensPerS() == null ? "unknown (the GPU has no peak for these weights)"
            : Numbers.amount(v.computeTokensPerS()) + " tokens/s").append('\n');
    out.append(indent).append("        ").append(Numbers.sci(v.flops().decode()))
        .append(" FLOPs per decoded token at context ").append(Numbers.grouped(s.context()))
        .append(" (2 per weight used + attention over the cache)\n");
    out.append(indent).append("prefill ≤ ")
        .append(v.prefillTokensPerS() == null ? "unknown" : Numbers.amount(v.prefillTokensPerS()) + " tokens/s")
        .append(" (compute bound: ").append(Numbers.sci(v.flops().prefill()))
        .append(" FLOPs per token of a ").append(Numbers.grouped(s.context())).append("-token prompt)\n");
  }

  // ---- markdown -----------------------------------------------------------------------------------

  @Override
  public String markdown(List<MemoryReport> reports) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < reports.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      MemoryReport r = reports.get(i);
      MemoryReport.Training t = r.training();
      out.append("## ").append(Text.safe(r.spec().name())).append("\n\n");
      if (showTraining) {
        trainingMarkdown(out, t);
      }
      if (showInference) {
        inferenceMarkdown(out, r.inference(), r.spec().architecture().context());
      }
    }
    return out.toString();
  }

  private static void trainingMarkdown(StringBuilder out, MemoryReport.Training t) {
    out.append("Training: ").append(setup(t)).append(".\n\n");
    out.append("Layout: ").append(layout(t.requested().layout())).append("; per GPU of the ")
        .append(stage(t.requested().largest())).append(":\n\n");
    stateTable(t.requested().largest(), t.gpuMemory(), t.fits()).markdown(out);
    out.append("\n").append(t.fits() ? "Fits" : "Does **not** fit").append(" in ")
        .append(Numbers.bytes(t.gpuMemory())).append(" usable per GPU. Smallest layout that fits: ")
        .append(t.smallest() == null ? "none within the search's limits"
            : layout(t.smallest().layout()) + ", " + Numbers.bytes(t.smallest().largest().total()) + " per GPU")
        .append(".\n\n");
  }

  private static void inferenceMarkdown(StringBuilder out, InferenceMemory m, Long modelContext) {
    out.append("Inference: ").append(serving(m.setup())).append(".\n\n");
    servingTable(m).markdown(out);
    out.append('\n');
    StringBuilder sp = new StringBuilder();
    speed(sp, m, modelContext, "");
    for (String line : sp.toString().split("\n")) {
      out.append(line.strip()).append("  \n");
    }
  }

  // ---- JSON ---------------------------------------------------------------------------------------

  @Override
  public String json(List<MemoryReport> reports) {
    ArrayNode array = Json.array();
    reports.forEach(r -> array.add(toJson(r)));
    return Json.write(array);
  }

  private static ObjectNode toJson(MemoryReport r) {
    ObjectNode o = Json.versioned();
    o.put("name", r.spec().name());
    o.put("file", r.spec().file());
    ObjectNode params = o.putObject("parameters");
    params.put("total", r.parameters().total());
    params.put("active", r.parameters().active());
    o.set("training", training(r.training()));
    o.set("inference", inference(r.inference()));
    return o;
  }

  private static ObjectNode training(MemoryReport.Training t) {
    ObjectNode o = Json.F.objectNode();
    StageMemory s = t.requested().largest();
    o.put("weights", s.weights());
    o.put("gradients", s.gradients());
    o.put("optimizer", s.optimizer());
    o.put("activations", s.activations());
    o.put("total_per_gpu", s.total());
    o.put("gpu_memory", t.gpuMemory());
    o.put("fits", t.fits());
    o.set("layout", layoutJson(t.requested().layout()));
    if (t.smallest() == null) {
      o.putNull("smallest_layout");
    } else {
      ObjectNode sl = layoutJson(t.smallest().layout());
      sl.put("total_per_gpu", t.smallest().largest().total());
      o.set("smallest_layout", sl);
    }
    o.put("parameters_per_gpu", s.parameters());
    ObjectNode st = o.putObject("stage");
    st.put("index", s.stage());
    st.put("of", s.stages());
    st.put("role", s.role());
    st.put("micro_batches_in_flight", s.inFlight());
    TrainingSetup ts = t.setup();
    ObjectNode setup = o.putObject("setup");
    setup.put("precision", ts.precision().key());
    if (ts.optimizer() == null) {
      setup.putNull("optimizer");
    } else {
      setup.put("optimizer", ts.optimizer().key());
    }
    ObjectNode bpp = setup.putObject("bytes_per_parameter");
    bpp.put("weights", ts.states().weights());
    bpp.put("gradients", ts.states().gradients());
    bpp.put("optimizer", ts.states().optimizer().bytesPerParameter());
    bpp.put("optimizer_block_size", ts.states().optimizer().blockSize());
    bpp.put("optimizer_bytes_per_block", ts.states().optimizer().bytesPerBlock());
    setup.put("micro_batch", ts.activations().microBatch());
    setup.put("seq_len", ts.activations().seqLen());
    setup.put("seq_len_source", t.seqLenSource());
    setup.put("recompute", ts.activations().recompute().key());
    setup.put("flash_attention", ts.activations().flash());
    setup.put("dropout", ts.activations().dropout());
    return o;
  }

  private static ObjectNode layoutJson(Layout l) {
    ObjectNode o = Json.F.objectNode();
    o.put("dp", l.dp());
    o.put("tp", l.tp());
    o.put("pp", l.pp());
    o.put("ep", l.ep());
    o.put("zero", l.zero());
    o.put("sequence_parallel", l.sequenceParallel());
    o.put("gpus", l.gpus());
    return o;
  }

  private static ObjectNode inference(InferenceMemory m) {
    ObjectNode o = Json.F.objectNode();
    o.put("weights", m.weights());
    o.put("kv_cache_per_token", m.kvCachePerToken());
    o.put("kv_cache", m.kvCache());
    o.put("total", m.total());
    o.put("fits", m.fits());
    o.put("max_batch_at_context", m.maxBatchAtContext());
    o.put("max_context_at_batch", m.maxContextAtBatch());
    InferenceMemory.Speed v = m.speed();
    Json.put(o, "decode_tokens_per_s_bound", v.decodeTokensPerS());
    Json.put(o, "prefill_tokens_per_s_bound", v.prefillTokensPerS());
    o.put("bound", v.bound().key());
    o.put("gpu_memory", m.gpuMemory());
    ObjectNode g = o.putObject("per_gpu");
    g.put("weights", m.perGpu().weights());
    g.put("kv_cache_per_token", m.perGpu().kvCachePerToken());
    g.put("kv_cache", m.perGpu().kvCache());
    g.put("total", m.perGpu().total());
    ObjectNode d = o.putObject("decode");
    Json.put(d, "memory_bound_tokens_per_s", v.memoryTokensPerS());
    Json.put(d, "compute_bound_tokens_per_s", v.computeTokensPerS());
    Json.put(d, "bytes_per_step_per_gpu", v.bytesPerStep());
    Json.put(d, "flops_per_step_per_gpu", v.flopsPerStep());
    Json.put(d, "arithmetic_intensity", v.arithmeticIntensity());
    Json.put(d, "ridge", v.ridge());
    Json.put(o, "decode_flops_per_token", v.flops().decode());
    Json.put(o, "prefill_flops_per_token", v.flops().prefill());
    InferenceSetup s = m.setup();
    ObjectNode setup = o.putObject("setup");
    setup.put("weights_precision", s.weights().key());
    setup.put("group_size", s.group());
    setup.put("kv_precision", s.kv().key());
    setup.put("batch", s.batch());
    setup.put("context", s.context());
    setup.put("tp", s.tp());
    if (v.compute() == null) {
      setup.putNull("compute_precision");
    } else {
      setup.put("compute_precision", v.compute().key());
    }
    return o;
  }
}
