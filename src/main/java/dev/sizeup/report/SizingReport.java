package dev.sizeup.report;

import dev.sizeup.analysis.Sizing;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.FlopsCounter;
import dev.sizeup.flops.FlopsPerToken;
import dev.sizeup.flops.Units;
import dev.sizeup.memory.InferenceMemory;
import dev.sizeup.memory.KvCache;
import dev.sizeup.memory.MemoryReport;
import dev.sizeup.memory.StageMemory;
import dev.sizeup.plan.Cost;
import dev.sizeup.plan.Hardware;
import dev.sizeup.plan.Plan;
import dev.sizeup.scaling.Allocation;
import dev.sizeup.scaling.Chinchilla;
import dev.sizeup.scaling.ChinchillaAssessment;
import dev.sizeup.scaling.Kaplan;
import dev.sizeup.scaling.Parametric;
import dev.sizeup.scaling.ScalingAssessment;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.spec.AppliedDefault;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's markdown sizing report: a summary in plain words, then the architecture, parameters,
 * FLOPs, scaling, cost, memory and the formulas behind them, with the charts beside it in a folder
 * of the report's name ({@code gpt3-175b.md} shows {@code gpt3-175b/plane.svg}).
 */
final class SizingReport {
  private SizingReport() {}

  static String markdown(Sizing s, String folder) {
    StringBuilder out = new StringBuilder();
    Spec spec = s.analysis().spec();
    out.append("# ").append(inline(s.name())).append(": sizing report\n\n");
    out.append(summary(s)).append("\n\n");
    image(out, folder, "plane.svg", s.name() + " among published models: parameters against training tokens");
    out.append("Contents: [architecture](#1-architecture) · [parameters](#2-parameters) · [FLOPs](#3-flops) · "
        + "[scaling](#4-scaling) · [cost](#5-cost) · [memory](#6-memory) · [formulas](#7-formulas)\n\n");
    architecture(out, spec);
    parameters(out, s, folder);
    flops(out, s);
    scaling(out, s, folder);
    cost(out, s);
    memory(out, s, folder);
    formulas(out, s);
    return out.toString();
  }

  // ---- summary ----------------------------------------------------------------------------------

  /** The verdict and the numbers behind it, in one paragraph of plain words. */
  static String summary(Sizing s) {
    ParameterCount p = s.analysis().parameters();
    ChinchillaAssessment c = s.analysis().chinchilla();
    ScalingAssessment sc = s.analysis().scaling();
    String name = inline(s.name());
    StringBuilder out = new StringBuilder();
    out.append("**").append(name).append("** has ").append(Numbers.grouped(p.total())).append(" parameters (")
        .append(Numbers.human(p.total())).append(")");
    if (p.active() != p.total()) {
      out.append(", of which ").append(Numbers.human(p.active())).append(" are active per token");
    }
    out.append(". ");
    if (s.tokensAssumed()) {
      out.append("Its spec gives no training tokens, so this report sizes a run at the Chinchilla rule's 20 tokens per ")
          .append(p.active() != p.total() ? "active " : "").append("parameter: ").append(Numbers.human(c.tokens()))
          .append(" tokens, ").append(Numbers.sci(c.trainingFlops())).append(" FLOPs. ");
    } else {
      out.append("Trained on ").append(Numbers.human(c.tokens())).append(" tokens (")
          .append(c.tokensPerParameter() >= 10 && c.tokensPerParameter() < 100 ? Numbers.fixed(c.tokensPerParameter(), 1)
              : Numbers.amount(c.tokensPerParameter())).append(" per ").append(p.active() != p.total() ? "active " : "")
          .append("parameter) it is **").append(words(c.verdict().key())).append("**: Chinchilla asks for ")
          .append(Numbers.human(c.optimalTokens())).append(" tokens. ");
    }
    Allocation opt = sc.computeOptimal();
    if (opt != null) {
      if (sc.law() instanceof Kaplan) {
        out.append("At the same compute counted on non-embedding N (").append(Numbers.sci(opt.computeFlops()))
            .append(" FLOPs), the split that minimises Kaplan et al.'s eq. 1.5");
      } else {
        out.append("At the same ").append(Numbers.sci(opt.computeFlops())).append(" FLOPs, the compute-optimal split");
        if (sc.law() != ScalingLaws.DEFAULT) {
          out.append(" under the ").append(sc.law().name()).append(" law");
        }
      }
      out.append(" is ").append(Numbers.human(opt.parameters()))
          .append(sc.law() instanceof Kaplan ? " non-embedding" : "").append(" parameters on ")
          .append(Numbers.human(opt.tokens())).append(" tokens");
      Double e = sc.computeEfficiency();
      if (e != null && !s.tokensAssumed()) {
        out.append(", and it would reach ").append(name).append("'s predicted loss with ")
            .append(percentWords(e)).append(" of the compute");
      }
      out.append(". ");
    }
    Cost cost = s.plan().cost();
    out.append("Training takes ").append(Numbers.amount(cost.gpuHours())).append(" ")
        .append(gpuName(s)).append(" GPU-hours (").append(days(cost.days())).append(" on ")
        .append(PlanRenderer.gpus(cost.gpus())).append(", about $").append(money(cost.usd()))
        .append(", at an assumed ").append(percentWords(cost.mfu())).append(" MFU and ")
        .append(dollars(cost.usdPerGpuHour())).append(" per GPU-hour). ");
    MemoryReport.Fit smallest = s.memory().training().smallest();
    if (smallest == null) {
      out.append("No layout within the search's limits fits its training at ")
          .append(Numbers.grouped(s.memory().training().setup().activations().seqLen())).append("-token sequences on ")
          .append(gpuName(s)).append("s, and ");
    } else {
      long g = smallest.layout().gpus();
      out.append("Training at ").append(Numbers.grouped(s.memory().training().setup().activations().seqLen()))
          .append("-token sequences needs at least ").append(Numbers.grouped(g)).append(" ").append(gpuName(s))
          .append(g == 1 ? "" : "s").append(" (").append(Charts.shape(smallest)).append("); ");
    }
    InferenceMemory sv = s.serving();
    out.append("serving its ").append(sv.setup().weights().key()).append(" weights (")
        .append(Numbers.bytes(sv.weights())).append(") with one ").append(Numbers.grouped(sv.setup().context()))
        .append("-token sequence ");
    if (sv.fits()) {
      out.append("takes ").append(sv.setup().tp()).append(" ").append(gpuName(s)).append(sv.setup().tp() == 1 ? "" : "s")
          .append(".");
    } else {
      out.append("does not fit on ").append(sv.setup().tp()).append(" ").append(gpuName(s))
          .append(sv.setup().tp() == 1 ? "" : "s").append(", the widest tensor-parallel replica considered.");
    }
    return out.toString();
  }

  // ---- 1. architecture --------------------------------------------------------------------------

  private static void architecture(StringBuilder out, Spec spec) {
    out.append("## 1. Architecture\n\n");
    if (!spec.source().isBlank()) {
      out.append("Source: ").append(inline(spec.source().strip().replaceAll("\\s+", " "))).append("\n\n");
    }
    // not the input's path: a preset gives the same report by name or by file
    out.append("The resolved architecture; values the spec leaves out are marked with the default applied.\n\n");
    Map<String, String> notes = new LinkedHashMap<>();
    for (AppliedDefault d : spec.defaults()) {
      notes.merge(d.key(), (d.kind() == AppliedDefault.Kind.ALIAS ? "alias: " : "default: ") + d.rule(),
          (x, y) -> x + "; " + y);
    }
    Table t = new Table(new String[] {"key", "value", "note"}, false, true, false);
    spec.architecture().fields().forEach((k, v) -> rows(t, k, v, notes));
    t.markdown(out);
    out.append('\n');
  }

  private static void rows(Table t, String key, Object v, Map<String, String> notes) {
    if (v instanceof Map<?, ?> nested) {
      nested.forEach((nk, nv) -> rows(t, key + "." + nk, nv, notes));
    } else if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        rows(t, key + "[" + i + "]", list.get(i), notes);
      }
    } else {
      t.row(key, v == null ? "-" : v instanceof Long l ? Numbers.grouped(l) : v.toString(), notes.getOrDefault(key, ""));
    }
  }

  // ---- 2. parameters ----------------------------------------------------------------------------

  private static void parameters(StringBuilder out, Sizing s, String folder) {
    ParameterCount p = s.analysis().parameters();
    Architecture a = s.analysis().spec().architecture();
    double total = p.total();
    out.append("## 2. Parameters\n\n");
    Table t = new Table(new String[] {"component", "parameters", "share", "what"}, false, true, true, false);
    t.row("embedding", Numbers.grouped(p.embedding()), Numbers.percent(p.embedding() / total), "vocab × d_model");
    if (p.position() > 0) {
      t.row("position", Numbers.grouped(p.position()), Numbers.percent(p.position() / total),
          a.embeddings().positions().key());
    }
    t.row("attention", Numbers.grouped(p.attention()), Numbers.percent(p.attention() / total),
        a.attention().latent() == null ? "Q, K, V, O and their biases" : "latent attention: down and up projections, O");
    t.row("feed-forward", Numbers.grouped(p.feedForward()), Numbers.percent(p.feedForward() / total),
        a.isMoe() ? "every expert" : a.ffn().kind().key());
    t.row("norms", Numbers.grouped(p.norm()), Numbers.percent(p.norm() / total), a.norms().kind().key());
    t.row("output head", Numbers.grouped(p.output()), Numbers.percent(p.output() / total),
        a.embeddings().tied() ? "tied to the embedding: counted once" : "its own matrix");
    if (a.isMoe()) {
      t.row("router", Numbers.grouped(p.router()), Numbers.percent(p.router() / total), "expert gates");
    }
    t.row("**total**", "**" + Numbers.grouped(p.total()) + "**", "100.00%", Numbers.human(p.total()));
    if (p.active() != p.total()) {
      t.row("active per token", Numbers.grouped(p.active()), Numbers.percent(p.active() / total),
          "the experts a token is routed to, and everything else");
    }
    t.row("non-embedding", Numbers.grouped(p.nonEmbedding()), Numbers.percent(p.nonEmbedding() / total),
        "Kaplan et al. 2020's N");
    for (int g = 0; g < p.groups().size(); g++) {
      ParameterCount.GroupCount gc = p.groups().get(g);
      t.row(p.groups().size() == 1 ? "per layer" : "per layer, group " + (g + 1), Numbers.grouped(gc.perLayer()),
          Numbers.percent(gc.perLayer() / total),
          "× " + gc.layers() + (gc.layers() == 1 ? " layer" : " layers"));
    }
    t.markdown(out);
    out.append('\n');
    image(out, folder, "parameters.svg", "Parameter breakdown of " + s.name());
  }

  // ---- 3. FLOPs ---------------------------------------------------------------------------------

  private static void flops(StringBuilder out, Sizing s) {
    FlopsPerToken f = s.analysis().flops();
    ChinchillaAssessment c = s.analysis().chinchilla();
    boolean moe = s.analysis().parameters().active() != s.analysis().parameters().total();
    double d = c.tokens();
    out.append("## 3. FLOPs\n\n");
    Table t = new Table(new String[] {"", "per token", "training run (" + Numbers.human(d) + " tokens)", "PF-days", "how"},
        false, true, true, true, false);
    t.row("forward, 2N", Numbers.sci(f.forward2n()), "", "", "2 FLOPs per " + (moe ? "active " : "") + "parameter");
    t.row("training, 6N", Numbers.sci(f.training6n()), Numbers.sci(f.training6n() * d),
        Numbers.amount(Hardware.pfDays(f.training6n() * d)), "forward + backward (2×)");
    if (f.forward() != null) {
      String at = " at " + Numbers.grouped(f.seqLen()) + " tokens";
      t.row("forward, matmuls" + at, Numbers.sci(f.forward()), "", "", "Kaplan et al. 2020, Table 1, with attention");
      t.row("training, matmuls" + at, Numbers.sci(f.training()), Numbers.sci(f.training() * d),
          Numbers.amount(Hardware.pfDays(f.training() * d)), "3 × forward");
    } else {
      t.row("matmuls", "n/a", "n/a", "n/a", "the spec gives no context to count attention at");
    }
    t.markdown(out);
    out.append("\nThe training compute the rest of this report uses is C = 6·N·D = ").append(Numbers.sci(c.trainingFlops()))
        .append(" FLOPs (").append(Numbers.amount(Hardware.pfDays(c.trainingFlops()))).append(" PF-days)");
    if (f.forward() != null) {
      double attention = FlopsCounter.attention(s.analysis().spec().architecture(), f.seqLen());
      out.append(". At ").append(Numbers.grouped(f.seqLen())).append(" tokens attention's own matmuls (QKᵀ and the "
          + "weighted sum of V) add ").append(Numbers.percent(attention / f.forward2n())).append(" to 2N; the matmul "
          + "count also leaves out the embedding lookup, biases and norms, which 2N counts as 2 FLOPs per parameter, "
          + "so the two differ by ").append(Numbers.percent(f.training() / f.training6n() - 1));
    }
    out.append(".\n\n");
  }

  // ---- 4. scaling -------------------------------------------------------------------------------

  private static void scaling(StringBuilder out, Sizing s, String folder) {
    ChinchillaAssessment c = s.analysis().chinchilla();
    ScalingAssessment sc = s.analysis().scaling();
    out.append("## 4. Scaling\n\n");
    Table t = new Table(new String[] {"", "value", "note"}, false, true, false);
    t.row("Chinchilla target, 20·N", Numbers.human(c.optimalTokens()) + " tokens",
        Numbers.grouped(c.optimalTokens()) + "; Hoffmann et al. 2022, Table 3");
    t.row("training tokens D", Numbers.human(c.tokens()), s.tokensAssumed() ? "assumed: the spec gives none" : "");
    t.row("tokens per parameter", Numbers.fixed(c.tokensPerParameter(), 2), "D / N");
    t.row("ratio to the target", Numbers.fixed(c.ratioToOptimal(), 3), "D / (20·N)");
    t.row("verdict", s.tokensAssumed() ? "n/a" : words(c.verdict().key()), s.tokensAssumed()
        ? "no training tokens given" : "severely under-trained below D/(20·N) = " + constant(s.bands().severelyBelow())
            + ", under-trained below " + constant(s.bands().underBelow()) + ", over-trained above "
            + constant(s.bands().overAbove()));
    if (sc.computeEfficiency() != null) {
      t.row("compute efficiency", Numbers.fixed(sc.computeEfficiency(), 3),
          "share of the compute the " + sc.law().name() + " optimum needs for the same loss");
    }
    t.markdown(out);

    out.append("\nPredicted loss after ").append(Numbers.human(c.tokens())).append(" tokens:\n\n");
    Table l = new Table(new String[] {"law", "loss", "units", "source"}, false, true, false, false);
    sc.loss().forEach((law, loss) -> {
      ScalingLaw sl = sc.lawNamed(law);
      l.row(law, Numbers.fixed(loss, 4), sl.lossUnits(), sl.citation());
    });
    if (sc.kaplanAlone() != null) {
      l.row("kaplan L(N) alone", Numbers.fixed(sc.kaplanAlone().lossOfParameters(), 4), Kaplan.INSTANCE.lossUnits(),
          "Kaplan et al. 2020, eq. 1.1: N trained to convergence");
      l.row("kaplan L(D) alone", Numbers.fixed(sc.kaplanAlone().lossOfTokens(), 4), Kaplan.INSTANCE.lossUnits(),
          "Kaplan et al. 2020, eq. 1.2: D tokens, a model that does not limit them");
    }
    l.markdown(out);
    out.append("\n> ").append(PlanRenderer.NOT_COMPARABLE)
        .append(" Compare a model with another under the same law, not one law's loss with another's.\n\n");

    Plan plan = s.plan();
    out.append("Compute-optimal allocation of the same ").append(Numbers.sci(plan.computeFlops()))
        .append(" FLOPs under each law, as each paper publishes it")
        .append(sc.law() instanceof Kaplan ? " (for kaplan the eq. 6.7 frontier; the summary and the charts use the "
            + "minimum of eq. 1.5, the split that minimises the loss this report predicts)" : "").append(":\n\n");
    Table a = new Table(new String[] {"law", "parameters", "tokens", "tokens/parameter", "loss", "note"},
        false, true, true, true, true, false);
    for (Plan.LawAllocation la : plan.allocations()) {
      Allocation x = la.allocation();
      a.row(la.law().name() + (la.law() == sc.law() ? " (chosen)" : ""), Numbers.human(x.parameters()),
          Numbers.human(x.tokens()), Numbers.fixed(x.tokensPerParameter(), 1),
          la.loss() == null ? "n/a" : Numbers.fixed(la.loss(), 4), PlanRenderer.note(la, false));
    }
    a.markdown(out);
    out.append('\n');
    image(out, folder, "iso-flop.svg", "Predicted loss against model size at " + s.name() + "'s compute");
  }

  // ---- 5. cost ----------------------------------------------------------------------------------

  private static void cost(StringBuilder out, Sizing s) {
    Cost c = s.plan().cost();
    out.append("## 5. Cost\n\n");
    out.append("Assumptions, not measurements: ").append(percentWords(c.mfu()))
        .append(" model FLOPs utilisation (PaLM 540B reached 46.2%, Chowdhery et al. 2022, Table 3, counting "
            + "attention's FLOPs too; the cost here divides 6·N·D by it) and ").append(dollars(c.usdPerGpuHour()))
        .append(" per GPU-hour (an assumed rate, not a quote).\n\n");
    Table t = new Table(new String[] {"", "value", "note"}, false, true, false);
    t.markdownRow("accelerator", inline(c.gpu().name()), inline(c.gpu().description()));
    t.row("peak", Numbers.fixed(c.gpu().peak(c.precision()) / 1e12, 1) + " TFLOP/s", c.precision().key() + ", dense");
    t.row("training compute", Numbers.sci(s.plan().computeFlops()) + " FLOPs", "6·N·D");
    t.row("GPU-hours", Numbers.amount(c.gpuHours()), "C / (peak × MFU) / 3,600 s");
    t.row("wall-clock", days(c.days()), "on " + PlanRenderer.gpus(c.gpus()) + ", perfectly parallel");
    t.row("cost", "$" + money(c.usd()), "GPU-hours × price");
    t.markdown(out);
    out.append('\n');
  }

  // ---- 6. memory --------------------------------------------------------------------------------

  private static void memory(StringBuilder out, Sizing s, String folder) {
    MemoryReport.Training t = s.memory().training();
    String gpu = gpuName(s);
    out.append("## 6. Memory\n\n### Training\n\n");
    out.append(MemoryRenderer.setup(t)).append(". On ").append(gpu).append(": ")
        .append(Numbers.bytes(s.device().gpu().memoryBytes())).append(", of which ").append(Numbers.bytes(t.gpuMemory()))
        .append(" usable after keeping ").append(Numbers.bytes(s.device().reserve())).append(" back.\n\n");
    StageMemory r = t.requested().largest();
    StageMemory m = t.smallest() == null ? null : t.smallest().largest();
    String[] heads = m == null ? new String[] {"per GPU", "requested: " + Charts.layout(t.requested())}
        : new String[] {"per GPU", "requested: " + Charts.layout(t.requested()), "smallest that fits: "
            + Charts.layout(t.smallest())};
    boolean[] right = m == null ? new boolean[] {false, true} : new boolean[] {false, true, true};
    Table x = new Table(heads, right);
    memoryRow(x, "weights", r.weights(), m == null ? null : m.weights());
    memoryRow(x, "gradients", r.gradients(), m == null ? null : m.gradients());
    memoryRow(x, "optimizer states", r.optimizer(), m == null ? null : m.optimizer());
    memoryRow(x, "activations", r.activations(), m == null ? null : m.activations());
    memoryRow(x, "**total**", r.total(), m == null ? null : m.total());
    String fitsR = t.fits() ? "yes" : "**no**";
    if (m == null) {
      x.row("fits in " + Numbers.bytes(t.gpuMemory()), fitsR);
      x.row("on the", MemoryRenderer.stage(r));
    } else {
      x.row("fits in " + Numbers.bytes(t.gpuMemory()), fitsR, "yes");
      x.row("on the", MemoryRenderer.stage(r), MemoryRenderer.stage(m));
    }
    x.markdown(out);
    out.append('\n');
    if (m == null) {
      out.append("No layout within the search's limits fits.\n\n");
    }
    image(out, folder, "memory.svg", "Training memory per GPU of " + s.name());

    out.append("### Serving\n\nWeights by format (int4: groups of ")
        .append(s.serving().setup().group()).append(", an fp16 scale and a 4-bit zero each; quantised formats "
            + "keep the embedding, the head and the norms in 16 bits):\n\n");
    Table w = new Table(new String[] {"format", "bytes", "size"}, false, true, true);
    for (Sizing.Weights wf : s.weights()) {
      w.row(wf.format().key(), Numbers.grouped(wf.bytes()), Numbers.bytes(wf.bytes()));
    }
    w.markdown(out);
    InferenceMemory sv = s.serving();
    KvCache kv = s.analysis().kvCache();
    long ctx = sv.setup().context();
    out.append("\nKV cache in bf16: ").append(Numbers.bytes(kv.bytesPerToken16Bit())).append(" per token (")
        .append(Numbers.grouped(kv.valuesPerToken())).append(" values");
    out.append(kv.latent() ? ", a latent per layer" : "").append("), ")
        .append(Numbers.bytes(Math.multiplyExact(KvCache.valuesAt(s.analysis().spec().architecture(), ctx),
            KvCache.BYTES_PER_VALUE_16_BIT)))
        .append(" for one sequence at the ").append(Numbers.grouped(ctx)).append("-token context")
        .append(KvCache.windowed(s.analysis().spec().architecture()) ? " (windowed layers keep only their window)" : "")
        .append(".\n\n");
    out.append("One replica, ").append(MemoryRenderer.serving(sv.setup())).append(sv.fits()
        ? ", the fewest GPUs that hold it" : ": it does not fit even on the widest replica considered").append(":\n\n");
    MemoryRenderer.servingTable(sv).markdown(out);
    out.append('\n');
    StringBuilder sp = new StringBuilder();
    MemoryRenderer.speed(sp, sv, s.analysis().spec().architecture().context(), "");
    for (String line : sp.toString().split("\n")) {
      out.append(line.strip()).append("  \n");
    }
    out.append('\n');
  }

  private static void memoryRow(Table t, String name, long requested, Long smallest) {
    if (smallest == null) {
      t.row(name, Numbers.bytes(requested));
    } else {
      t.row(name, Numbers.bytes(requested), Numbers.bytes(smallest));
    }
  }

  // ---- 7. formulas ------------------------------------------------------------------------------

  private static void formulas(StringBuilder out, Sizing s) {
    ScalingLaw law = s.analysis().scaling().law();
    out.append("## 7. Formulas\n\n");
    out.append("- **Parameters**: counted tensor by tensor from the resolved architecture (docs/spec.md); "
        + "N is every parameter, non-embedding N (Kaplan et al. 2020, §2.1) leaves out the token and position "
        + "embeddings and an untied output head, and a mixture of experts' active N counts the experts a token "
        + "is routed to.\n");
    out.append("- **FLOPs per token**: 2N forward and 6N for training (Kaplan et al. 2020, §2.1); the matmul "
        + "count adds attention, 2·n_layer·n_ctx·d_attn forward (Kaplan et al. 2020, Table 1), training = "
        + "3 × forward. One PF-day = 10¹⁵ FLOP/s × 86,400 s = ").append(Numbers.sci(Units.FLOPS_PER_PF_DAY))
        .append(" FLOPs.\n");
    out.append("- **Chinchilla rule**: D = ").append(Chinchilla.TOKENS_PER_PARAMETER)
        .append("·N, C = 6·N·D (Hoffmann et al. 2022, Table 3 and §3).\n");
    for (ScalingLaw l : ScalingLaws.with(law)) {
      if (l instanceof Parametric p) {
        out.append("- **").append(p.name()).append(" law**: L(N, D) = E + A/N^α + B/D^β with E = ").append(p.E())
            .append(", A = ").append(p.A()).append(", B = ").append(p.B()).append(", α = ").append(p.alpha())
            .append(", β = ").append(p.beta()).append(" (").append(p.citation())
            .append("); at compute C the loss is least at N = G·(C/6)^(β/(α+β)), G = (αA/(βB))^(1/(α+β)).\n");
      } else if (l instanceof Kaplan k) {
        out.append("- **kaplan law**: L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D with N_c = ").append(constant(Kaplan.N_C))
            .append(", D_c = ").append(constant(Kaplan.D_C)).append(", α_N = ").append(Kaplan.ALPHA_N).append(", α_D = ")
            .append(Kaplan.ALPHA_D).append(", N non-embedding (").append(k.citation()).append(").\n");
      }
    }
    if (law.predictsLoss()) {
      out.append("- **Compute efficiency**: C_opt(L) / C, the least compute that reaches the model's predicted loss "
          + "under the ").append(law.name()).append(" law over the compute it spends.\n");
    }
    out.append("- **Cost**: GPU-hours = C / (peak × MFU) / 3,600; MFU as in Chowdhery et al. 2022, Appendix B.\n");
    var states = s.memory().training().setup().states();
    out.append("- **Training memory**: weights, gradients and optimizer states per parameter (here ")
        .append(states.weights()).append(" + ").append(states.gradients()).append(" + ")
        .append(states.optimizer().bytesPerParameter()).append(" bytes), partitioned by ZeRO (Rajbhandari et al. "
            + "2020, §5); activations per layer after Korthikanti et al. 2022, Table 2, with FlashAttention's O(s) "
            + "attention and, where tp > 1, sequence parallelism (docs/memory.md derives every term); pipeline "
            + "stages under 1F1B (Narayanan et al. 2021, §2.2).\n");
    out.append("- **Serving**: KV cache 2·n_layer·kv_heads·head_dim values per token; decode tokens/s ≤ "
        + "batch · bandwidth ÷ bytes read per step and ≤ GPUs · peak ÷ FLOPs per token, prefill ≤ GPUs · peak "
        + "÷ forward FLOPs per token (the roofline, Williams et al. 2009).\n");
  }

  // ---- shared -----------------------------------------------------------------------------------

  private static void image(StringBuilder out, String folder, String file, String alt) {
    out.append("![").append(inline(alt)).append("](").append(folder).append('/').append(file)
        .append(")\n\n");
  }

  static String gpuName(Sizing s) {
    return s.device().gpu().name().toUpperCase(java.util.Locale.ROOT);
  }

  /** "severely-under-trained" → "severely under-trained". */
  static String words(String verdict) {
    return verdict.replace("severely-", "severely ");
  }

  /** 0.336 → "34%"; 0.004 → "0.4%". */
  static String percentWords(double fraction) {
    double pct = 100 * fraction;
    return (pct >= 9.95 ? Numbers.fixed(pct, 0) : pct >= 0.995 ? Numbers.fixed(pct, 1) : Numbers.amount(pct)) + "%";
  }

  /** Days, or hours under a day. */
  static String days(double days) {
    if (days >= 100) {
      return Numbers.amount(days) + " days";
    }
    if (days >= 1) {
      return PlanRenderer.days(days) + " days";
    }
    double hours = days * 24;
    return (hours >= 1 ? Numbers.fixed(hours, 1) : Numbers.amount(hours)) + " hours";
  }

  /** A price: "$2.00", "$0.0001". */
  static String dollars(double usd) {
    return "$" + (usd >= 0.01 ? Numbers.fixed(usd, 2) : Numbers.amount(usd));
  }

  /** Dollars: "441K", "1.2M", "37". */
  static String money(double usd) {
    return usd >= 1000 ? Numbers.human(usd) : Numbers.amount(usd);
  }

  /** Text safe inside a markdown paragraph: control characters escaped, markup characters made literal. */
  static String inline(String s) {
    return Text.safe(s).replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1");
  }

  /** A published constant as printed: 6.4e13, 0.076. */
  static String constant(double x) {
    String s = new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toString();
    return s.toLowerCase(java.util.Locale.ROOT).replace("e+", "e");
  }


}
