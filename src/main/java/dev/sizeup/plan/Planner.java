package dev.sizeup.plan;

import dev.sizeup.scaling.Allocation;
import dev.sizeup.scaling.InferenceAware;
import dev.sizeup.scaling.Reach;
import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.scaling.Solver;
import dev.sizeup.spec.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The library entry point behind {@code sizeup plan}. */
public final class Planner {
  private Planner() {}

  /**
   * Plans the request under every law. For a target loss, each law that can reach it reports the
   * least compute that does and the others are marked unreachable; only the request's own law must
   * reach it.
   */
  public static Plan plan(PlanRequest r) {
    List<Plan.LawAllocation> allocations = new ArrayList<>();
    double c;
    if (r.budget() instanceof Budget.TargetLoss t) {
      Double chosen = null;
      String chosenWhy = null;
      for (ScalingLaw law : ScalingLaws.with(r.law())) {
        if (!law.predictsLoss()) {
          continue;
        }
        Reach reach = Solver.computeForLoss(law, t.loss());
        if (reach instanceof Reach.Reached reached) {
          allocations.add(new Plan.LawAllocation(law, reached.allocation(), t.loss(), null));
          if (law == r.law()) {
            chosen = reached.allocation().computeFlops();
          }
        } else {
          String why = ((Reach.Unreachable) reach).why();
          allocations.add(new Plan.LawAllocation(law, null, null, why));
          if (law == r.law()) {
            chosenWhy = why;
          }
        }
      }
      if (chosen == null) {
        List<String> others = allocations.stream().filter(Plan.LawAllocation::reachable)
            .map(a -> a.law().name()).toList();
        throw new InvalidValueException("target_loss", String.format(Locale.ROOT,
            "%s is unreachable under %s: %s%s", t.loss(), r.law().name(), chosenWhy,
            others.isEmpty() ? "" : "; " + String.join(" and ", others) + " can reach it"));
      }
      c = chosen;
    } else {
      c = r.budget() instanceof Budget.Compute compute ? compute.flops() : r.hardwareFlops();
      for (ScalingLaw law : ScalingLaws.with(r.law())) {
        Allocation a = law.allocate(c);
        allocations.add(new Plan.LawAllocation(law, a,
            law.predictsLoss() ? law.loss(a.parameters(), a.tokens()) : null, null));
      }
    }
    InferenceAware inference = r.inferenceTokens() == null ? null : Solver.inferenceAware(r.law(), c, r.inferenceTokens());
    return new Plan(r, c, allocations, cost(r, c), inference);
  }

  static Cost cost(PlanRequest r, double c) {
    if (r.gpu() == null) {
      return null;
    }
    double gpuHours = Hardware.gpuHours(c, r.gpu().peak(r.precision()), r.mfu());
    Long gpus = r.budget() instanceof Budget.Fleet f ? Long.valueOf(f.gpus()) : r.gpus();
    Double days = r.budget() instanceof Budget.Fleet f ? f.days() : gpus == null ? null : Hardware.days(gpuHours, gpus);
    double usd = r.budget() instanceof Budget.Dollars d ? d.usd() : gpuHours * r.usdPerGpuHour();
    return new Cost(r.gpu(), r.precision(), r.mfu(), gpuHours, gpus, days, r.usdPerGpuHour(), usd);
  }
}
