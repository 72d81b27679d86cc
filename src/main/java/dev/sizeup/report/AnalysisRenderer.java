package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.analysis.Analysis;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.FlopsPerToken;
import dev.sizeup.memory.KvCache;
import dev.sizeup.scaling.Chinchilla;
import dev.sizeup.scaling.ChinchillaAssessment;
import dev.sizeup.scaling.ScalingAssessment;
import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.spec.AppliedDefault;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Spec;
import dev.sizeup.spec.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code analyze}: an aligned block per spec (text), one table row per spec
 * (markdown), or an array with one object per spec (JSON; the keys are a public contract, see
 * docs/json.md and docs/schema/analyze.schema.json).
 */
public final class AnalysisRenderer implements Renderer<List<Analysis>> {
  public static final AnalysisRenderer INSTANCE = new AnalysisRenderer();

  private AnalysisRenderer() {}

  // ---- text ---------------------------------------------------------------------------------------

  @Override
  public String text(List<Analysis> analyses) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < analyses.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      text(out, analyses.get(i));
    }
    return out.toString();
  }

  private static void text(StringBuilder out, Analysis a) {
    Spec s = a.spec();
    Architecture arch = s.architecture();
    out.append(Text.safe(s.name())).append("  (").append(Text.safe(s.file())).append(")\n");
    if (!s.source().isBlank()) {
      out.append("  source: ").append(Text.safe(s.source().strip().replaceAll("\\s+", " "))).append('\n');
    }

    out.append("\n  architecture (resolved; defaults marked)\n");
    Map<String, String> notes = new LinkedHashMap<>();
    for (AppliedDefault d : s.defaults()) {
      notes.merge(d.key(), note(d), (x, y) -> x + "; " + y);
    }
    Table t = new Table(false, false, false);
    arch.fields().forEach((k, v) -> rows(t, k, v, notes));
    t.text(out, "    ");

    ParameterCount p = a.parameters();
    double total = p.total();
    out.append("\n  parameters\n");
    Table params = new Table(false, true, true, false);
    params.row("embedding", Numbers.grouped(p.embedding()), Numbers.percent(p.embedding() / total), "vocab × d_model");
    params.row("position", Numbers.grouped(p.position()), Numbers.percent(p.position() / total),
        switch (arch.embeddings().positions()) {
          case LEARNED -> "learned table";
          case RELATIVE -> "relative: W_R, u, v per layer";
          default -> arch.embeddings().positions().key() + ": no parameters";
        });
    params.row("attention", Numbers.grouped(p.attention()), Numbers.percent(p.attention() / total),
        arch.attention().latent() == null ? "Q, K, V, O and biases" : "latent attention: down and up projections, O");
    within(params, "  sinks", p.within().attentionSinks(), total, "attention sinks, one per head");
    params.row("feed_forward", Numbers.grouped(p.feedForward()), Numbers.percent(p.feedForward() / total),
        arch.isMoe() ? "every expert" : arch.ffn().kind().key());
    within(params, "  shared_experts", p.within().sharedExperts(), total, "the experts every token uses");
    params.row("norm", Numbers.grouped(p.norm()), Numbers.percent(p.norm() / total), normNote(arch));
    within(params, "  qk_norm", p.within().qkNorm(), total, "q/k norms");
    within(params, "  latent_norms", p.within().latentNorms(), total, "norms on the query and key/value latents");
    params.row("output", Numbers.grouped(p.output()), Numbers.percent(p.output() / total),
        arch.embeddings().tied() ? "tied to the embedding" : "separate head");
    if (arch.isMoe()) {
      params.row("router", Numbers.grouped(p.router()), Numbers.percent(p.router() / total),
          "d_model × experts per MoE layer, biases and shared gates");
    }
    params.row("total", Numbers.grouped(p.total()), Numbers.percent(1), Numbers.human(p.total()));
    if (arch.isMoe()) {
      params.row("active", Numbers.grouped(p.active()), Numbers.percent(p.active() / total), "per token");
    }
    params.row("non_embedding", Numbers.grouped(p.nonEmbedding()), Numbers.percent(p.nonEmbedding() / total),
        "Kaplan et al. 2020");
    if (p.groups().size() == 1) {
      params.row("per_layer", Numbers.grouped(p.perLayer()), "", "× " + arch.layers() + " layers");
    } else {
      for (int g = 0; g < p.groups().size(); g++) {
        params.row(g == 0 ? "per_layer" : "", Numbers.grouped(p.groups().get(g).perLayer()), "",
            "× " + p.groups().get(g).layers() + (p.groups().get(g).layers() == 1 ? " layer" : " layers")
                + " (group " + (g + 1) + ")");
      }
    }
    params.text(out, "    ");

    FlopsPerToken f = a.flops();
    String nWhat = arch.isMoe() ? "active parameters" : "parameters";
    out.append("\n  FLOPs per token\n");
    Table flops = new Table(false, true, false);
    flops.row("forward_2n", Numbers.sci(f.forward2n()), "2·N, N = " + nWhat);
    flops.row("training_6n", Numbers.sci(f.training6n()), "6·N");
    flops.row("forward_2n_non_embedding", Numbers.sci(f.forward2nNonEmbedding()),
        "2·N, N = non-embedding " + nWhat + " (Kaplan)");
    flops.row("training_6n_non_embedding", Numbers.sci(f.training6nNonEmbedding()), "6·N, Kaplan");
    if (f.forward() != null) {
      String at = "matmuls at sequence length " + Numbers.grouped(f.seqLen())
          + (f.seqLenSource() == FlopsPerToken.SeqLenSource.CONTEXT ? " (the context)" : " (chosen)")
          + ", Kaplan et al. 2020, Table 1";
      flops.row("forward", Numbers.sci(f.forward()), at);
      flops.row("training", Numbers.sci(f.training()), "3 × forward");
    } else {
      flops.row("forward", "n/a", "no sequence length: the spec gives no context");
      flops.row("training", "n/a", "no sequence length: the spec gives no context");
    }
    flops.text(out, "    ");

    KvCache kv = a.kvCache();
    out.append("\n  memory (16-bit; sizeup memory for training layouts, serving limits and other precisions)\n");
    Table cache = new Table(false, true, false);
    cache.row("weights_16bit", Numbers.grouped(a.weightsBytes16Bit()), Numbers.bytes(a.weightsBytes16Bit())
        + " in bf16 or fp16" + (arch.isMoe() ? ", every expert" : ""));
    cache.row("kv_values_per_token", Numbers.grouped(kv.valuesPerToken()), kv.latent()
        ? "latent attention: kv_lora_rank + qk_rope_head_dim per layer" : "2 · kv_heads · head_dim per layer");
    cache.row("kv_bytes_per_token_16bit", Numbers.grouped(kv.bytesPerToken16Bit()),
        Numbers.bytes(kv.bytesPerToken16Bit()) + " of KV cache per token of context in bf16 or fp16"
            + (KvCache.windowed(arch) ? ", up to the sliding window (sizeup memory caps it)" : ""));
    cache.text(out, "    ");

    ChinchillaAssessment c = a.chinchilla();
    out.append("\n  Chinchilla (D = ").append(Chinchilla.TOKENS_PER_PARAMETER).append(" · N)\n");
    Table chin = new Table(false, true, false);
    chin.row("optimal_tokens", Numbers.grouped(c.optimalTokens()), Numbers.human(c.optimalTokens()));
    if (c.tokens() == null) {
      chin.row("tokens", "n/a", "no training tokens given");
    } else {
      chin.row("tokens", Numbers.grouped(c.tokens()), Numbers.human(c.tokens()));
      chin.row("tokens_per_parameter", Numbers.fixed(c.tokensPerParameter(), 2), "D / N");
      chin.row("ratio_to_optimal", Numbers.fixed(c.ratioToOptimal(), 3), "D / (20·N)");
      chin.row("training_flops", Numbers.sci(c.trainingFlops()), "6·N·D");
      chin.row("verdict", c.verdict().key(), "");
    }
    chin.text(out, "    ");

    ScalingAssessment sc = a.scaling();
    if (sc != null) {
      out.append("\n  scaling laws (").append(sc.law().name()).append(" for the allocation)\n");
      Table laws = new Table(false, true, false);
      sc.loss().forEach((law, loss) -> laws.row("loss " + law, Numbers.fixed(loss, 4),
          sc.lawNamed(law).lossUnits()));
      if (sc.kaplanAlone() != null) {
        laws.row("kaplan L(N) alone", Numbers.fixed(sc.kaplanAlone().lossOfParameters(), 4),
            "eq. 1.1: N trained to convergence on unlimited data");
        laws.row("kaplan L(D) alone", Numbers.fixed(sc.kaplanAlone().lossOfTokens(), 4),
            "eq. 1.2: D tokens, a model large enough not to limit them");
      }
      if (sc.computeOptimal() != null) {
        laws.row("compute_optimal", Numbers.human(sc.computeOptimal().parameters()) + " × "
            + Numbers.human(sc.computeOptimal().tokens()), "parameters × tokens at the same compute");
      }
      if (sc.computeEfficiency() != null) {
        laws.row("compute_efficiency", Numbers.fixed(sc.computeEfficiency(), 3),
            "share of the compute the optimum needs for the same loss");
      }
      laws.text(out, "    ");
    }
  }

  /** The rows of one echoed key: nested mappings and lists of them become dotted rows. */
  private static void rows(Table t, String key, Object v, Map<String, String> notes) {
    if (v instanceof Map<?, ?> nested) {
      nested.forEach((nk, nv) -> rows(t, key + "." + nk, nv, notes));
    } else if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        rows(t, key + "[" + i + "]", list.get(i), notes);
      }
    } else {
      t.row(key, show(v), notes.getOrDefault(key, ""));
    }
  }

  /** A part of a part, shown indented under it when the architecture has it. */
  private static void within(Table t, String label, long n, double total, String note) {
    if (n > 0) {
      t.row(label, Numbers.grouped(n), Numbers.percent(n / total), note);
    }
  }

  private static String normNote(Architecture arch) {
    return arch.norms().kind() == dev.sizeup.spec.Norm.LAYERNORM_NO_BIAS
        ? "layernorm-no-bias: a weight only, as many parameters as RMSNorm"
        : arch.norms().kind().key();
  }

  private static String note(AppliedDefault d) {
    return (d.kind() == AppliedDefault.Kind.ALIAS ? "alias: " : "default: ") + d.rule();
  }

  private static String show(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Long l) {
      return Numbers.grouped(l);
    }
    return v.toString();
  }

  // ---- markdown -----------------------------------------------------------------------------------

  private static final String[] HEADINGS = {"model", "parameters", "non-embedding", "training FLOPs/token (6N)",
      "training FLOPs/token (matmul @ seq)", "optimal tokens", "tokens", "D/(20N)", "verdict", "loss", "efficiency"};

  @Override
  public String markdown(List<Analysis> analyses) {
    Table t = new Table(HEADINGS, false, true, true, true, true, true, true, true, false, true, true);
    for (Analysis a : analyses) {
      ParameterCount p = a.parameters();
      ChinchillaAssessment c = a.chinchilla();
      FlopsPerToken f = a.flops();
      t.row(a.spec().name(),
          Numbers.grouped(p.total()) + (p.active() == p.total() ? "" : " (" + Numbers.human(p.active()) + " active)"),
          Numbers.grouped(p.nonEmbedding()),
          Numbers.sci(f.training6n()),
          f.training() == null ? "n/a" : Numbers.sci(f.training()) + " @ " + Numbers.grouped(f.seqLen()),
          Numbers.human(c.optimalTokens()),
          c.tokens() == null ? "n/a" : Numbers.human(c.tokens()),
          c.ratioToOptimal() == null ? "n/a" : Numbers.fixed(c.ratioToOptimal(), 3),
          c.verdict() == null ? "n/a" : c.verdict().key(),
          loss(a),
          a.scaling() == null || a.scaling().computeEfficiency() == null
              ? "n/a" : Numbers.fixed(a.scaling().computeEfficiency(), 3));
    }
    StringBuilder out = new StringBuilder();
    t.markdown(out);
    return out.toString();
  }

  /** The predicted loss under the analysis's law, with the law named. */
  private static String loss(Analysis a) {
    if (a.scaling() == null) {
      return "n/a";
    }
    Double l = a.scaling().loss().get(a.scaling().law().name());
    return l == null ? "n/a" : Numbers.fixed(l, 3) + " (" + a.scaling().law().name() + ")";
  }

  // ---- JSON ---------------------------------------------------------------------------------------

  @Override
  public String json(List<Analysis> analyses) {
    ArrayNode array = Json.array();
    analyses.forEach(a -> array.add(toJson(a)));
    return Json.write(array);
  }

  static ObjectNode toJson(Analysis a) {
    ObjectNode o = Json.versioned();
    o.put("name", a.spec().name());
    o.put("file", a.spec().file());
    o.put("source", a.spec().source());
    o.set("architecture", Json.map(a.spec().architecture().fields()));
    ArrayNode defaults = o.putArray("defaults_applied");
    for (AppliedDefault d : a.spec().defaults()) {
      defaults.addObject().put("key", d.key()).put("rule", d.rule()).put("kind", d.kind().key());
    }
    o.set("parameters", parameters(a.parameters()));
    o.set("flops_per_token", flops(a.flops()));
    ObjectNode kv = o.putObject("kv_cache");
    kv.put("values_per_token", a.kvCache().valuesPerToken());
    kv.put("bytes_per_token_16bit", a.kvCache().bytesPerToken16Bit());
    kv.put("latent", a.kvCache().latent());
    o.putObject("memory").put("weights_bytes_16bit", a.weightsBytes16Bit())
        .put("kv_cache_bytes_per_token_16bit", a.kvCache().bytesPerToken16Bit());
    o.set("chinchilla", chinchilla(a.chinchilla()));
    o.set("scaling", scaling(a.scaling()));
    return o;
  }

  private static ObjectNode parameters(ParameterCount p) {
    ObjectNode o = Json.F.objectNode();
    o.put("total", p.total());
    o.put("embedding", p.embedding());
    o.put("position", p.position());
    o.put("attention", p.attention());
    o.put("feed_forward", p.feedForward());
    o.put("norm", p.norm());
    o.put("output", p.output());
    o.put("non_embedding", p.nonEmbedding());
    o.put("per_layer", p.perLayer());
    o.put("active", p.active());
    o.put("router", p.router());
    ArrayNode groups = o.putArray("groups");
    p.groups().forEach(g -> groups.addObject().put("layers", g.layers()).put("per_layer", g.perLayer()));
    ObjectNode within = o.putObject("within");
    within.put("qk_norm", p.within().qkNorm());
    within.put("latent_norms", p.within().latentNorms());
    within.put("attention_sinks", p.within().attentionSinks());
    within.put("shared_experts", p.within().sharedExperts());
    return o;
  }

  private static ObjectNode flops(FlopsPerToken f) {
    ObjectNode o = Json.F.objectNode();
    Json.put(o, "forward_2n", f.forward2n());
    Json.put(o, "training_6n", f.training6n());
    Json.put(o, "forward", f.forward());
    Json.put(o, "training", f.training());
    Json.put(o, "forward_2n_non_embedding", f.forward2nNonEmbedding());
    Json.put(o, "training_6n_non_embedding", f.training6nNonEmbedding());
    Json.put(o, "context", f.seqLen()); // deprecated alias of seq_len
    Json.put(o, "seq_len", f.seqLen());
    o.put("seq_len_source", f.seqLenSource() == null ? null : f.seqLenSource().key());
    return o;
  }

  private static ObjectNode chinchilla(ChinchillaAssessment c) {
    ObjectNode o = Json.F.objectNode();
    o.put("optimal_tokens", c.optimalTokens());
    Json.put(o, "tokens", c.tokens());
    Json.put(o, "tokens_per_parameter", c.tokensPerParameter());
    Json.put(o, "ratio_to_optimal", c.ratioToOptimal());
    Json.put(o, "training_flops", c.trainingFlops());
    o.put("verdict", c.verdict() == null ? null : c.verdict().key());
    return o;
  }

  private static ObjectNode scaling(ScalingAssessment s) {
    if (s == null) {
      return null;
    }
    ObjectNode o = Json.F.objectNode();
    o.put("law", s.law().name());
    ObjectNode loss = o.putObject("loss");
    s.loss().forEach((law, l) -> Json.put(loss, law, l));
    ObjectNode units = o.putObject("loss_units");
    s.loss().keySet().forEach(law -> units.put(law, s.lawNamed(law).lossUnits()));
    if (s.computeOptimal() == null) {
      o.putNull("compute_optimal");
    } else {
      ObjectNode opt = o.putObject("compute_optimal");
      Json.put(opt, "parameters", s.computeOptimal().parameters());
      Json.put(opt, "tokens", s.computeOptimal().tokens());
      Json.put(opt, "training_flops", s.computeOptimal().computeFlops());
      Json.put(opt, "compute_flops", s.computeOptimal().computeFlops()); // deprecated alias of training_flops
    }
    Json.put(o, "compute_efficiency", s.computeEfficiency());
    if (s.kaplanAlone() == null) {
      o.putNull("kaplan");
    } else {
      ObjectNode k = o.putObject("kaplan");
      Json.put(k, "loss_of_parameters", s.kaplanAlone().lossOfParameters());
      Json.put(k, "loss_of_tokens", s.kaplanAlone().lossOfTokens());
    }
    return o;
  }
}
