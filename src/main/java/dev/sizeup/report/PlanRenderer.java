package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.plan.Budget;
import dev.sizeup.plan.Cost;
import dev.sizeup.plan.Plan;
import dev.sizeup.scaling.Allocation;
import dev.sizeup.scaling.InferenceAware;
import dev.sizeup.scaling.Kaplan;

/** The output of {@code sizeup plan}. */
public final class PlanRenderer implements Renderer<Plan> {
  public static final PlanRenderer INSTANCE = new PlanRenderer();

  private PlanRenderer() {}

  static final String NOT_COMPARABLE =
      "Losses from different laws are measured on different data (WebText2, MassiveText) and are not comparable across laws.";

  // ---- text ---------------------------------------------------------------------------------------

  @Override
  public String text(Plan p) {
    StringBuilder out = new StringBuilder();
    out.append("budget  ").append(Numbers.sci(p.computeFlops())).append(" FLOPs = ")
        .append(Numbers.amount(p.pfDays())).append(" PF-days");
    if (p.request().budget() instanceof Budget.TargetLoss t) {
      out.append(", the least that reaches loss ").append(Numbers.fixed(t.loss(), 3))
          .append(" under ").append(p.request().law().name());
    }
    out.append('\n');

    boolean target = p.request().budget() instanceof Budget.TargetLoss;
    out.append("\ncompute-optimal allocation (* = the law chosen)\n");
    Table t = new Table(new String[] {"law", "parameters", "tokens", "tokens/param", "loss", "compute", ""},
        false, true, true, true, true, true, false);
    for (Plan.LawAllocation la : p.allocations()) {
      String name = la.law().name() + (la.law() == p.request().law() ? "*" : "");
      Allocation a = la.allocation();
      if (a == null) {
        t.row(name, "-", "-", "-", "-", "-", "unreachable: " + la.unreachable());
      } else {
        t.row(name, Numbers.human(a.parameters()), Numbers.human(a.tokens()), Numbers.fixed(a.tokensPerParameter(), 1),
            la.loss() == null ? "-" : Numbers.fixed(la.loss(), 3), Numbers.sci(a.computeFlops()), note(la, target));
      }
    }
    t.text(out, "  ");
    out.append("  ").append(NOT_COMPARABLE).append('\n');

    Cost c = p.cost();
    if (c != null) {
      out.append("\ncost on ").append(c.gpu().name()).append(" (").append(c.precision().key()).append(" peak ")
          .append(Numbers.fixed(c.gpu().peak(c.precision()) / 1e12, 1)).append(" TFLOP/s, MFU ")
          .append(mfu(c.mfu())).append(")\n");
      Table ct = new Table(false, true, false);
      ct.row("gpu_hours", Numbers.amount(c.gpuHours()), "");
      if (c.days() != null) {
        ct.row("days", days(c.days()),
            "on " + gpus(c.gpus()));
      }
      ct.row("usd", Numbers.amount(c.usd()), "at " + Numbers.amount(c.usdPerGpuHour()) + " USD/GPU-hour");
      ct.text(out, "  ");
    }

    InferenceAware ia = p.inference();
    if (ia != null) {
      out.append("\ninference-aware sizing (").append(ia.law().name()).append(", ")
          .append(Numbers.human(ia.inferenceTokens())).append(" inference tokens; Sardana & Frankle 2023)\n");
      Table it = new Table(new String[] {"", "parameters", "tokens", "training", "training + inference"},
          false, true, true, true, true);
      it.row("compute-optimal", Numbers.human(ia.computeOptimal().parameters()), Numbers.human(ia.computeOptimal().tokens()),
          Numbers.sci(ia.computeOptimal().computeFlops()), Numbers.sci(ia.lifetimeFlops(ia.computeOptimal())));
      it.row("inference-optimal", Numbers.human(ia.chosen().parameters()), Numbers.human(ia.chosen().tokens()),
          Numbers.sci(ia.chosen().computeFlops()), Numbers.sci(ia.lifetimeFlops(ia.chosen())));
      it.text(out, "  ");
      if (ia.chosen() == ia.computeOptimal()) {
        out.append("  same loss ").append(Numbers.fixed(ia.loss(), 3))
            .append(": so little inference that the compute-optimal model is also the lifetime optimum\n");
      } else {
        out.append("  same loss ").append(Numbers.fixed(ia.loss(), 3)).append(": the model is ")
            .append(Numbers.fixed(ia.parameterRatio(), 2)).append("× the size, trains on ")
            .append(Numbers.fixed(ia.tokenRatio(), 2)).append("× the tokens, and needs ")
            .append(Numbers.percent(ia.lifetimeSaving())).append(" less compute over its lifetime\n");
      }
    }
    return out.toString();
  }

  static String mfu(double mfu) {
    return Numbers.fixed(mfu, mfu < 0.01 ? 3 : 2);
  }

  static String days(double days) {
    return days < 1e6 ? Numbers.fixed(days, 1) : Numbers.sci(days);
  }

  static String gpus(long gpus) {
    return Numbers.grouped(gpus) + (gpus == 1 ? " GPU" : " GPUs");
  }

  static String note(Plan.LawAllocation la, boolean lossMinimizing) {
    if (la.law() instanceof Kaplan) {
      return lossMinimizing ? "N = non-embedding; minimum of eq. 1.5" : "N = non-embedding; eq. 6.7 frontier";
    }
    return la.law().lossUnits().isEmpty() ? "no loss prediction" : "";
  }

  // ---- markdown -----------------------------------------------------------------------------------

  @Override
  public String markdown(Plan p) {
    StringBuilder out = new StringBuilder();
    out.append("Budget: ").append(Numbers.sci(p.computeFlops())).append(" FLOPs (")
        .append(Numbers.amount(p.pfDays())).append(" PF-days)\n\n");
    Table t = new Table(new String[] {"law", "parameters", "tokens", "tokens/param", "loss"},
        false, true, true, true, true);
    for (Plan.LawAllocation la : p.allocations()) {
      Allocation a = la.allocation();
      if (a == null) {
        t.row(la.law().name(), "unreachable: " + la.unreachable(), "", "", "n/a");
      } else {
        t.row(la.law().name(), Numbers.human(a.parameters()), Numbers.human(a.tokens()),
            Numbers.fixed(a.tokensPerParameter(), 1), la.loss() == null ? "n/a" : Numbers.fixed(la.loss(), 3));
      }
    }
    t.markdown(out);
    Cost c = p.cost();
    if (c != null) {
      out.append("\nCost on ").append(c.gpu().name()).append(" (").append(c.precision().key()).append("): ")
          .append(Numbers.amount(c.gpuHours())).append(" GPU-hours at MFU ").append(mfu(c.mfu()))
          .append(c.days() == null ? "" : ", " + days(c.days()) + " days on " + gpus(c.gpus()))
          .append(", ").append(Numbers.amount(c.usd())).append(" USD\n");
    }
    return out.toString();
  }

  // ---- JSON ---------------------------------------------------------------------------------------

  @Override
  public String json(Plan p) {
    ObjectNode o = Json.versioned();
    Budget budget = p.request().budget();
    o.put("budget_kind", budget.kind());
    o.put("mode", budget.kind().replace('-', '_')); // deprecated: budget_kind in snake_case
    o.put("law", p.request().law().name());
    Json.put(o, "training_flops", p.computeFlops());
    Json.put(o, "compute_flops", p.computeFlops()); // deprecated alias of training_flops
    Json.put(o, "pf_days", p.pfDays());
    if (budget instanceof Budget.TargetLoss t) {
      Json.put(o, "target_loss", t.loss());
    }
    ArrayNode allocations = o.putArray("allocations");
    for (Plan.LawAllocation la : p.allocations()) {
      ObjectNode a = allocations.addObject();
      Allocation al = la.allocation();
      a.put("law", la.law().name());
      a.put("reachable", la.reachable());
      a.put("unreachable_reason", la.unreachable());
      Json.put(a, "parameters", al == null ? null : al.parameters());
      Json.put(a, "tokens", al == null ? null : al.tokens());
      Json.put(a, "tokens_per_parameter", al == null ? null : al.tokensPerParameter());
      Json.put(a, "loss", la.loss());
      Json.put(a, "training_flops", al == null ? null : al.computeFlops());
      Json.put(a, "compute_flops", al == null ? null : al.computeFlops()); // deprecated alias of training_flops
      a.put("loss_units", la.law().lossUnits().isEmpty() ? null : la.law().lossUnits());
      a.put("citation", la.law().citation());
    }
    Cost c = p.cost();
    if (c == null) {
      o.putNull("cost");
    } else {
      ObjectNode cost = o.putObject("cost");
      cost.put("gpu", c.gpu().name());
      cost.put("precision", c.precision().key());
      Json.put(cost, "peak_flops_per_second", c.gpu().peak(c.precision()));
      Json.put(cost, "mfu", c.mfu());
      Json.put(cost, "gpu_hours", c.gpuHours());
      Json.put(cost, "gpus", c.gpus());
      Json.put(cost, "days", c.days());
      Json.put(cost, "usd_per_gpu_hour", c.usdPerGpuHour());
      Json.put(cost, "usd", c.usd());
    }
    InferenceAware ia = p.inference();
    if (ia != null) {
      ObjectNode i = o.putObject("inference");
      i.put("law", ia.law().name());
      Json.put(i, "inference_tokens", ia.inferenceTokens());
      Json.put(i, "loss", ia.loss());
      i.set("compute_optimal", model(ia, ia.computeOptimal()));
      i.set("inference_optimal", model(ia, ia.chosen()));
      Json.put(i, "parameter_ratio", ia.parameterRatio());
      Json.put(i, "token_ratio", ia.tokenRatio());
      Json.put(i, "lifetime_flops_saving", ia.lifetimeSaving());
    }
    return Json.write(o);
  }

  private static ObjectNode model(InferenceAware ia, Allocation a) {
    ObjectNode m = Json.F.objectNode();
    Json.put(m, "parameters", a.parameters());
    Json.put(m, "tokens", a.tokens());
    Json.put(m, "training_flops", a.computeFlops());
    Json.put(m, "lifetime_flops", ia.lifetimeFlops(a));
    return m;
  }
}
