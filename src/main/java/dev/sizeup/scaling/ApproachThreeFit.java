package dev.sizeup.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits L(N, D) = E + A/N^α + B/D^β to training runs as Hoffmann et al. 2022 do in Approach 3 (§3.3,
 * Appendix D.2) and Besiroglu et al. 2024 repeat: minimise the {@link HuberObjective} from every point of
 * their grid of starts and keep the best.
 *
 * <p>Each start is minimised by Commons Math's Levenberg–Marquardt method (a trust-region method,
 * Moré's MINPACK algorithm) on pseudo-residuals s_i = sign(r_i)·√(2·Huber_δ(r_i)), whose half sum of
 * squares is the objective exactly: s_i = r_i inside δ, and beyond it grows as √|r_i|, with
 * ds/dr = δ/|s|, continuous at |r| = δ. Its stopping tests are relative to the cost and to the
 * parameters, so they do not stop early when the objective is small (about 1e-3 here), as a test on the
 * change of f clamped at 1 would.
 */
public final class ApproachThreeFit {
  private ApproachThreeFit() {}

  /** The grid of Hoffmann et al. 2022 (Appendix D.2), as Besiroglu et al. 2024 use it. */
  public static final double[] ALPHA_GRID = {0, 0.5, 1, 1.5, 2};
  public static final double[] BETA_GRID = ALPHA_GRID;
  public static final double[] E_GRID = {-1, -0.5, 0, 0.5, 1};
  public static final double[] AB_GRID = {0, 5, 10, 15, 20, 25};

  /** Starts whose objective is within this relative distance of the best count as reaching it. */
  public static final double SAME_OPTIMUM = 1e-9;

  /** ... or within this absolute distance, for runs a law fits exactly (an objective of rounding error). */
  public static final double SAME_OPTIMUM_ABSOLUTE = 1e-14;

  /** The most iterations one start may take. */
  static final int MAX_ITERATIONS = 2_000;

  /**
   * One start's end.
   *
   * @param theta     (a, b, e, α, β) where it stopped
   * @param objective f there
   */
  public record End(double[] theta, double objective) {}

  /**
   * The best of all starts.
   *
   * @param theta     (a, b, e, α, β)
   * @param objective f at theta
   * @param starts    how many starts were run
   * @param atBest    how many ended within {@link #SAME_OPTIMUM} of the best objective
   */
  public record Result(double[] theta, double objective, int starts, int atBest) {
    public Parametric law(String name, String citation) {
      return HuberObjective.law(name, citation, theta, "the loss of the runs fitted");
    }
  }

  /** The 4,500 starts of the grid: a, b ∈ {0, 5, …, 25}, e ∈ {−1, −0.5, …, 1}, α, β ∈ {0, 0.5, …, 2}. */
  public static List<double[]> grid() {
    List<double[]> starts = new ArrayList<>();
    for (double a : AB_GRID) {
      for (double b : AB_GRID) {
        for (double e : E_GRID) {
          for (double alpha : ALPHA_GRID) {
            for (double beta : BETA_GRID) {
              starts.add(new double[] {a, b, e, alpha, beta});
            }
          }
        }
      }
    }
    return starts;
  }

  /** Every start of {@link #grid()}, in parallel on all cores; the result does not depend on their order. */
  public static Result fit(HuberObjective f) {
    List<double[]> starts = grid();
    End[] ends = new End[starts.size()];
    IntStream.range(0, starts.size()).parallel().forEach(i -> ends[i] = minimize(f, starts.get(i)));
    return best(ends);
  }

  /** The best end (the first of equals, in grid order), and how many ends reach its objective. */
  static Result best(End[] ends) {
    End best = null;
    for (End e : ends) {
      if (Double.isFinite(e.objective()) && (best == null || e.objective() < best.objective())) {
        best = e;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no start reached a finite objective");
    }
    int at = 0;
    for (End e : ends) {
      if (Math.abs(e.objective() - best.objective()) <= Math.max(SAME_OPTIMUM * best.objective(),
          SAME_OPTIMUM_ABSOLUTE)) {
        at++;
      }
    }
    return new Result(best.theta().clone(), best.objective(), ends.length, at);
  }

  /** One start minimised. */
  public static End minimize(HuberObjective f, double[] start) {
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .start(start)
        .target(new double[COMPRESSED])
        .model(point -> compressed(f, point.toArray()))
        .maxEvaluations(Integer.MAX_VALUE)
        .maxIterations(MAX_ITERATIONS)
        .lazyEvaluation(false)
        .build();
    LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
        .withCostRelativeTolerance(1e-14)
        .withParameterRelativeTolerance(1e-12)
        .withOrthoTolerance(1e-14);
    double[] theta;
    try {
      LeastSquaresOptimizer.Optimum o = lm.optimize(problem);
      theta = o.getPoint().toArray();
    } catch (TooManyIterationsException | TooManyEvaluationsException e) {
      // a start that does not settle within the budget is still an end; its objective says how good
      theta = start.clone();
    }
    return new End(theta, f.value(theta));
  }

  /** Swaps parameters k and p of a symmetric matrix, a vector and the permutation. */
  private static void swap(double[][] a, double[] b, int[] perm, int k, int p) {
    if (k == p) {
      return;
    }
    double[] row = a[k];
    a[k] = a[p];
    a[p] = row;
    for (double[] r : a) {
      double t = r[k];
      r[k] = r[p];
      r[p] = t;
    }
    double t = b[k];
    b[k] = b[p];
    b[p] = t;
    int q = perm[k];
    perm[k] = perm[p];
    perm[p] = q;
  }

  /** Rows of the compressed problem: one per parameter, and one for the rest of the cost. */
  static final int COMPRESSED = 6;

  /**
   * The least-squares problem LM sees, compressed from one pseudo-residual per run to six rows with the
   * same normal equations: with J (runs × 5) and s the pseudo-residuals' Jacobian and values, and
   * JᵀJ = P·L·D·Lᵀ·Pᵀ, the rows J' = D^½·Lᵀ·Pᵀ and s' = (D^-½·L⁻¹·Pᵀ·Jᵀs, √(‖s‖² − ‖D^-½·L⁻¹·Pᵀ·Jᵀs‖²))
   * give
   * J'ᵀJ' = JᵀJ, J'ᵀs' = Jᵀs and ‖s'‖ = ‖s‖. Every quantity Levenberg–Marquardt uses (the cost, the
   * gradient, the Gauss–Newton matrix and its column norms, the angle between s and J's columns) is a
   * function of these, so its iterates are those of the full problem, at a fraction of the cost of
   * factorising a runs × 5 matrix at every step.
   */
  static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> compressed(HuberObjective f, double[] theta) {
    double[] ne = new double[21];
    f.normalEquations(theta, ne);
    double[][] jtj = new double[5][5];
    double[] jts = new double[5];
    for (int k = 0, at = 6; k < 5; k++) {
      jts[k] = ne[1 + k];
      for (int m = 0; m <= k; m++, at++) {
        jtj[k][m] = ne[at];
        jtj[m][k] = ne[at];
      }
    }
    double[] ss = {ne[0]};
    // JᵀJ = P·L·D·Lᵀ·Pᵀ by a symmetric pivoted LDLᵀ (largest remaining diagonal first), so that the rows are
    // J' = D^½·Lᵀ·Pᵀ and the values s' = D^-½·L⁻¹·Pᵀ·Jᵀs; a pivot that vanishes is a direction J does not move
    int[] perm = {0, 1, 2, 3, 4};
    double[][] a = jtj;
    double[] b = jts.clone();
    double[][] rows = new double[COMPRESSED][5];
    double[] value = new double[COMPRESSED];
    double explained = 0;
    double scale = 0;
    for (int k = 0; k < 5; k++) {
      scale = Math.max(scale, a[k][k]);
    }
    for (int k = 0; k < 5; k++) {
      int p = k;
      for (int m = k + 1; m < 5; m++) {
        if (a[m][m] > a[p][p]) {
          p = m;
        }
      }
      swap(a, b, perm, k, p);
      double d = a[k][k];
      if (!(d > scale * 1e-15)) {
        break; // what is left of JᵀJ is numerically zero
      }
      double root = Math.sqrt(d);
      // row k of J' is √d·(column k of L)ᵀ in the original parameter order
      rows[k][perm[k]] = root;
      for (int m = k + 1; m < 5; m++) {
        rows[k][perm[m]] = a[m][k] / root;
      }
      value[k] = b[k] / root;
      explained += value[k] * value[k];
      // eliminate: the Schur complement of the pivot, and the right-hand side
      for (int m = k + 1; m < 5; m++) {
        double lmk = a[m][k] / d;
        b[m] -= lmk * b[k];
        for (int q = k + 1; q <= m; q++) {
          a[m][q] -= lmk * a[q][k];
          a[q][m] = a[m][q];
        }
      }
    }
    value[5] = Math.sqrt(Math.max(0, ss[0] - explained));
    return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(rows, false));
  }
}
