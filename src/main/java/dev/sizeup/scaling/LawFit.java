package dev.sizeup.scaling;

import dev.sizeup.spec.Bounds;
import dev.sizeup.spec.SpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A scaling law fitted to a team's runs (Hoffmann et al. 2022, Approach 3), with bootstrap intervals.
 *
 * @param runs        the runs fitted
 * @param request     what was asked
 * @param law         the fitted L(N, D) = E + A/N^α + B/D^β
 * @param objective   the objective at the fit: the Huber sum, or the Huber likelihood's negative log
 * @param scale       the Huber likelihood's scale σ at the fit; null for the plain objective
 * @param starts      starts run (of the plain objective's grid), and how many reached its best
 * @param allocations the compute-optimal split at each budget asked for
 * @param intervals   bootstrap intervals; null without a bootstrap
 */
public record LawFit(TrainingRuns runs, Request request, Parametric law, double objective, Double scale,
    Starts starts, List<Allocation> allocations, Intervals intervals) {

  public LawFit {
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(law, "law");
    allocations = List.copyOf(allocations);
  }

  /**
   * What a fit is asked.
   *
   * @param delta     the Huber threshold
   * @param budgets   training budgets (FLOPs) to split compute-optimally
   * @param bootstrap resamples; 0 for none
   * @param seed      the resampling seed: the same seed gives the same intervals
   * @param objective what to minimise
   */
  public record Request(double delta, List<Double> budgets, int bootstrap, long seed, Objective objective) {
    public static final int MAX_BOOTSTRAP = 100_000;

    /** The plain Huber objective. */
    public Request(double delta, List<Double> budgets, int bootstrap, long seed) {
      this(delta, budgets, bootstrap, seed, Objective.HUBER);
    }

    public Request {
      java.util.Objects.requireNonNull(objective, "objective");
      Bounds.check("delta", delta, 1e-12, false, 10, "");
      budgets = List.copyOf(budgets);
      for (double c : budgets) {
        Bounds.check("at", c, 1, true, 1e40, "FLOPs");
      }
      Bounds.check("bootstrap", bootstrap, 0, MAX_BOOTSTRAP, "resamples");
    }
  }

  /**
   * @param total  starts run
   * @param atBest starts that ended within 1e-9 (relative) of the best objective
   */
  public record Starts(int total, int atBest) {}

  /**
   * Bootstrap percentile intervals: each parameter's, and at each budget the compute-optimal N, D and
   * tokens per parameter.
   *
   * @param resamples  resamples that determine a law (α, β positive), of those drawn
   * @param parameters E, A, B, alpha, beta, a, b
   * @param allocation per budget: parameters, tokens, tokens_per_parameter
   */
  public record Intervals(int resamples, List<Named> parameters, List<List<Named>> allocation) {}

  /** A quantity's 2.5th, 10th, 90th and 97.5th percentiles over the resamples. */
  public record Named(String name, double p025, double p10, double p90, double p975) {}

  /** The parameter names in output order. */
  public static final List<String> PARAMETERS = List.of("E", "A", "B", "alpha", "beta", "a", "b");

  /**
   * Fits the runs from the 4,500-start grid, then, when asked, fits each of {@code bootstrap} resamples
   * (runs drawn with replacement) starting from the fit, in parallel; resample i draws from its own
   * generator, the i-th split of one seeded by {@code seed}, so the intervals do not depend on the
   * number of cores or the order the resamples finish in.
   *
   * @param progress told of each resample fitted (from any thread); may be null
   */
  public static LawFit fit(TrainingRuns runs, Request request, IntConsumer progress) throws SpecException {
    HuberObjective f = runs.objective(request.delta());
    ApproachThreeFit.Result best = ApproachThreeFit.fit(f);
    double[] theta = best.theta();
    double objective = best.objective();
    Double scale = null;
    law(runs, theta, request.objective()); // runs that determine no law say so before any refinement
    if (request.objective() == Objective.HUBER_LIKELIHOOD) {
      HuberLikelihood.Fit likelihood;
      try {
        likelihood = HuberLikelihood.fit(f, theta);
      } catch (IllegalArgumentException e) {
        throw new SpecException(runs.file(), null, null, e.getMessage());
      }
      theta = likelihood.theta();
      objective = likelihood.nll();
      scale = likelihood.scale();
    }
    Parametric law = law(runs, theta, request.objective());
    List<Allocation> allocations = request.budgets().stream().map(law::allocate).toList();
    Intervals intervals = request.bootstrap() == 0 ? null : bootstrap(runs, request, theta, progress);
    return new LawFit(runs, request, law, objective, scale, new Starts(best.starts(), best.atBest()), allocations,
        intervals);
  }

  /** One resample refitted from the fit, by the objective asked for. */
  private static double[] refit(HuberObjective resample, double[] start, Objective objective) {
    if (objective == Objective.HUBER_LIKELIHOOD) {
      try {
        return HuberLikelihood.fit(resample, start).theta();
      } catch (IllegalArgumentException e) {
        return new double[] {0, 0, 0, Double.NaN, Double.NaN}; // an exact resample determines no likelihood fit
      }
    }
    return ApproachThreeFit.minimize(resample, start).theta();
  }

  private static Parametric law(TrainingRuns runs, double[] theta, Objective objective) throws SpecException {
    double alpha = theta[HuberObjective.ALPHA];
    double beta = theta[HuberObjective.BETA];
    if (!(alpha > 0) || !(beta > 0)) {
      throw new SpecException(runs.file(), null, null, "the best fit has α = " + String.format(java.util.Locale.ROOT, "%.4g",
          alpha) + " and β = " + String.format(java.util.Locale.ROOT, "%.4g", beta) + ": the loss does not fall "
          + "with both parameters and tokens across these runs, so they determine no law");
    }
    return HuberObjective.law("fit", "fitted to " + runs.runs().size() + " runs of " + runs.file()
        + (objective == Objective.HUBER_LIKELIHOOD
            ? " (Besiroglu et al. 2024's Huber likelihood, from Hoffmann et al. 2022's Approach 3)"
            : " (Hoffmann et al. 2022, Approach 3)"), theta, "the loss of the runs fitted");
  }

  private static Intervals bootstrap(TrainingRuns runs, Request request, double[] start, IntConsumer progress)
      throws SpecException {
    int n = runs.runs().size();
    int b = request.bootstrap();
    SplittableRandom root = new SplittableRandom(request.seed());
    SplittableRandom[] streams = new SplittableRandom[b];
    for (int i = 0; i < b; i++) {
      streams[i] = root.split();
    }
    double[] ln = runs.runs().stream().mapToDouble(r -> Math.log(r.n())).toArray();
    double[] ld = runs.runs().stream().mapToDouble(r -> Math.log(r.d())).toArray();
    double[] ll = runs.runs().stream().mapToDouble(r -> Math.log(r.loss())).toArray();
    double[][] thetas = new double[b][];
    IntStream.range(0, b).parallel().forEach(i -> {
      SplittableRandom random = streams[i];
      double[] rn = new double[n];
      double[] rd = new double[n];
      double[] rl = new double[n];
      for (int k = 0; k < n; k++) {
        int j = random.nextInt(n);
        rn[k] = ln[j];
        rd[k] = ld[j];
        rl[k] = ll[j];
      }
      thetas[i] = refit(new HuberObjective(rn, rd, rl, request.delta()), start, request.objective());
      if (progress != null) {
        progress.accept(i);
      }
    });
    // a resample whose runs determine no law (α or β not positive) has no allocation; it is left out
    List<double[]> valid = new ArrayList<>();
    for (double[] t : thetas) {
      if (t[HuberObjective.ALPHA] > 0 && t[HuberObjective.BETA] > 0) {
        valid.add(t);
      }
    }
    if (valid.isEmpty()) {
      throw new SpecException(runs.file(), null, null, "no bootstrap resample of these runs determines a law (α and "
          + "β positive)");
    }
    int m = valid.size();
    List<Named> parameters = new ArrayList<>();
    double[][] values = new double[PARAMETERS.size()][m];
    for (int i = 0; i < m; i++) {
      double[] t = valid.get(i);
      double alpha = t[HuberObjective.ALPHA];
      double beta = t[HuberObjective.BETA];
      values[0][i] = Math.exp(t[HuberObjective.E]);
      values[1][i] = Math.exp(t[HuberObjective.A]);
      values[2][i] = Math.exp(t[HuberObjective.B]);
      values[3][i] = alpha;
      values[4][i] = beta;
      values[5][i] = beta / (alpha + beta);
      values[6][i] = alpha / (alpha + beta);
    }
    for (int p = 0; p < PARAMETERS.size(); p++) {
      parameters.add(percentiles(PARAMETERS.get(p), values[p]));
    }
    List<List<Named>> allocation = new ArrayList<>();
    for (double c : request.budgets()) {
      double[] nOpt = new double[m];
      double[] dOpt = new double[m];
      double[] ratio = new double[m];
      for (int i = 0; i < m; i++) {
        double[] t = valid.get(i);
        double alpha = t[HuberObjective.ALPHA];
        double beta = t[HuberObjective.BETA];
        // N_opt = G·(C/6)^a, G = (αA/(βB))^(1/(α+β)) (Hoffmann et al. 2022, eq. 4), in logs for any α, β
        double logG = (Math.log(alpha) + t[HuberObjective.A] - Math.log(beta) - t[HuberObjective.B]) / (alpha + beta);
        double logC6 = Math.log(c / dev.sizeup.flops.Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN);
        nOpt[i] = Math.exp(logG + beta / (alpha + beta) * logC6);
        dOpt[i] = Math.exp(alpha / (alpha + beta) * logC6 - logG);
        ratio[i] = dOpt[i] / nOpt[i];
      }
      allocation.add(List.of(percentiles("parameters", nOpt), percentiles("tokens", dOpt),
          percentiles("tokens_per_parameter", ratio)));
    }
    return new Intervals(m, parameters, allocation);
  }

  /** Percentiles by linear interpolation between order statistics (Hyndman and Fan's type 7, NumPy's default). */
  static Named percentiles(String name, double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return new Named(name, quantile(v, 0.025), quantile(v, 0.10), quantile(v, 0.90), quantile(v, 0.975));
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
