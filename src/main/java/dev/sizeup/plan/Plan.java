package dev.sizeup.plan;

import dev.sizeup.scaling.Allocation;
import dev.sizeup.scaling.InferenceAware;
import dev.sizeup.scaling.ScalingLaw;
import java.util.List;

/**
 * The answer to a {@link PlanRequest}.
 *
 * @param request      the question
 * @param computeFlops the training compute (for a target loss: what the request's law needs)
 * @param allocations  every law's allocation, in {@code ScalingLaws.ALL} order
 * @param cost         cost on the request's GPU; null without one
 * @param inference    inference-aware sizing; null unless asked
 */
public record Plan(PlanRequest request, double computeFlops, List<LawAllocation> allocations, Cost cost,
    InferenceAware inference) {

  public Plan {
    allocations = List.copyOf(allocations);
  }

  /**
   * One law's allocation. For a target loss a law may not reach it: then {@code allocation} and
   * {@code loss} are null and {@code unreachable} says why.
   */
  public record LawAllocation(ScalingLaw law, Allocation allocation, Double loss, String unreachable) {
    public boolean reachable() {
      return unreachable == null;
    }
  }

  public double pfDays() {
    return Hardware.pfDays(computeFlops);
  }
}
