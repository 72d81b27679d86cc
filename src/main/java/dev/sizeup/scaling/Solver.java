package dev.sizeup.scaling;

import dev.sizeup.flops.Units;

import java.util.Locale;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Numeric answers that work for any law with a loss: the loss-minimising allocation (Brent's method
 * on ln N), the compute needed to reach a loss, a model's compute efficiency, and inference-aware
 * sizing. Searching in log space keeps every step well scaled from 10^6 to 10^45 FLOPs.
 */
public final class Solver {
  private Solver() {}

  /** Compute budgets searched when inverting a loss: 1 to 1e45 FLOPs. */
  static final double MIN_LOG_COMPUTE = 0;
  static final double MAX_LOG_COMPUTE = Math.log(1e45);

  private static final double RELATIVE = 1e-13;
  private static final double ABSOLUTE = 1e-13;
  private static final int MAX_EVALUATIONS = 10_000;

  /** The N minimising L(N, C/(6N)), found numerically (Brent); compare with the law's closed form. */
  public static Allocation minimizeLoss(ScalingLaw law, double computeFlops) {
    requireLoss(law);
    double c6 = computeFlops / Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN;
    UnivariateFunction lossOfLogN = x -> law.loss(Math.exp(x), c6 / Math.exp(x));
    double x = minimize(lossOfLogN, 0, Math.log(c6), Math.log(c6) / 2);
    return Allocation.ofParameters(computeFlops, Math.exp(x));
  }

  /** The lowest loss a budget can buy: L at the loss-minimising allocation. */
  public static double optimalLoss(ScalingLaw law, double computeFlops) {
    Allocation a = law.lossMinimizing(computeFlops);
    return law.loss(a.parameters(), a.tokens());
  }

  /**
   * The least compute whose loss-minimising allocation reaches {@code targetLoss}, or why no budget
   * from 1 to 1e45 FLOPs does (a target at or below a parametric law's irreducible loss E, for one).
   */
  public static Reach computeForLoss(ScalingLaw law, double targetLoss) {
    requireLoss(law);
    if (!(targetLoss > 0) || Double.isInfinite(targetLoss)) {
      throw new IllegalArgumentException("target loss must be a positive number, got " + targetLoss);
    }
    if (law instanceof Parametric p && targetLoss <= p.E()) {
      return new Reach.Unreachable(String.format(Locale.ROOT,
          "at or below %s's irreducible loss E = %s", law.name(), p.E()));
    }
    UnivariateFunction gap = y -> optimalLoss(law, Math.exp(y)) - targetLoss;
    if (gap.value(MAX_LOG_COMPUTE) > 0) {
      return new Reach.Unreachable("needs more than 1e45 FLOPs under " + law.name());
    }
    if (gap.value(MIN_LOG_COMPUTE) < 0) {
      return new Reach.Unreachable("already reached with less than 1 FLOP under " + law.name());
    }
    double y = new BrentSolver(RELATIVE, ABSOLUTE).solve(MAX_EVALUATIONS, gap, MIN_LOG_COMPUTE, MAX_LOG_COMPUTE);
    return new Reach.Reached(law.lossMinimizing(Math.exp(y)));
  }

  /**
   * The fraction of a run's compute (C = 6·N·D) that the loss-minimising allocation needs to reach the
   * same loss: 1 for a compute-optimal run, less for any other; null when that loss is out of the
   * searched range (absurd sizes).
   */
  public static Double computeEfficiency(ScalingLaw law, double n, double d) {
    double spent = Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n * d;
    return computeForLoss(law, law.loss(n, d)) instanceof Reach.Reached r ? r.allocation().computeFlops() / spent : null;
  }

  /**
   * Sardana &amp; Frankle 2023, "Beyond Chinchilla-Optimal": the model that reaches the loss of the
   * training-compute-optimal model for {@code computeFlops} with the least lifetime compute,
   * 6·N·D (training) + 2·N·I (inference on I tokens). For each N the loss fixes D = tokensToReach(N, L);
   * Brent's method minimises the total over ln N between the smallest N that can reach L at all (the
   * law's infinite-data limit) and N_opt, where the inference term already makes the slope positive.
   */
  public static InferenceAware inferenceAware(ScalingLaw law, double computeFlops, double inferenceTokens) {
    requireLoss(law);
    if (!(inferenceTokens >= 0) || Double.isInfinite(inferenceTokens)) {
      throw new IllegalArgumentException("inference tokens must be >= 0, got " + inferenceTokens);
    }
    Allocation optimal = law.lossMinimizing(computeFlops);
    double target = law.loss(optimal.parameters(), optimal.tokens());
    UnivariateFunction lifetime = x -> {
      double n = Math.exp(x);
      return Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n * law.tokensToReach(n, target)
          + Units.FORWARD_FLOPS_PER_PARAMETER_TOKEN * n * inferenceTokens;
    };
    double hi = Math.log(optimal.parameters());
    double lo = Math.log(law.parametersToReach(target));
    double x = minimize(lifetime, lo + 1e-9 * Math.max(1, Math.abs(lo)), hi, hi);
    double n = Math.exp(x);
    double d = law.tokensToReach(n, target);
    Allocation chosen = new Allocation(Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n * d, n, d);
    InferenceAware found = new InferenceAware(law, inferenceTokens, target, optimal, chosen);
    // the compute-optimal model is itself a candidate: with little inference the search's tolerance
    // must not pick a point that is worse than it
    if (!(found.lifetimeFlops(chosen) < found.lifetimeFlops(optimal))) {
      return new InferenceAware(law, inferenceTokens, target, optimal, optimal);
    }
    return found;
  }

  private static double minimize(UnivariateFunction f, double lo, double hi, double start) {
    return new BrentOptimizer(RELATIVE, ABSOLUTE).optimize(
            new MaxEval(MAX_EVALUATIONS), new UnivariateObjectiveFunction(f), GoalType.MINIMIZE,
            new SearchInterval(lo, hi, Math.min(hi, Math.max(lo, start))))
        .getPoint();
  }

  private static void requireLoss(ScalingLaw law) {
    if (!law.predictsLoss()) {
      throw new IllegalArgumentException(law.name() + " predicts no loss; use chinchilla, epoch or kaplan");
    }
  }
}
