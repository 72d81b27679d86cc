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
 * Moré's MINPACK algorithm). It sees a least-squares problem whose half sum of squares is the objective
 * exactly, whose gradient is the analytic gradient, and whose Gauss–Newton matrix is f's exact Hessian
 * wherever that is positive definite (see {@link #compressed}): Newton's method inside the library's trust
 * region. Its stopping tests are relative to the cost and to the parameters, so they do not stop early when
 * the objective is small (about 1e-3 here), as a test on the change of f clamped at 1 would.
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

  /**
   * One start minimised. The optimiser works in centred coordinates, ã = a − α·mean(log N) and
   * b̃ = b − β·mean(log D): the same objective and the same start, but (ã, α) and (b̃, β) are far less
   * correlated than (a, α) and (b, β), so the trust region's axis-aligned scaling fits the valley better.
   */
  public static End minimize(HuberObjective f, double[] start) {
    double cn = f.meanLogN();
    double cd = f.meanLogD();
    HuberObjective centred = f.centred();
    double[] from = start.clone();
    from[HuberObjective.A] -= from[HuberObjective.ALPHA] * cn;
    from[HuberObjective.B] -= from[HuberObjective.BETA] * cd;
    HuberObjective.Workspace w = centred.workspace();
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .start(from)
        .target(new double[COMPRESSED])
        .model(point -> compressed(centred, point.toArray(), w).pair())
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
      theta = from;
    }
    theta[HuberObjective.A] += theta[HuberObjective.ALPHA] * cn;
    theta[HuberObjective.B] += theta[HuberObjective.BETA] * cd;
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

  /** Pivots below this fraction of the largest diagonal entry count as zero. */
  private static final double PIVOT_FLOOR = 1e-13;

  /** A negative pivot above −(this fraction of the largest diagonal entry) is negligible curvature. */
  private static final double NEGLIGIBLE_NEGATIVE = 1e-7;

  /** Which curvature a {@link Model} carries. */
  enum Curvature {
    /** f's exact Hessian (Newton's model). */
    NEWTON,
    /** The Gauss–Newton matrix of the pseudo-residuals. */
    GAUSS_NEWTON
  }

  /**
   * The model Levenberg–Marquardt sees at one point: six rows J' and values s' with J'ᵀs' = ∇f,
   * ‖s'‖² = 2f and J'ᵀJ' the chosen curvature.
   */
  record Model(double[] values, double[][] rows, Curvature curvature) {
    Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> pair() {
      return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(rows, false));
    }
  }

  /**
   * The least-squares problem LM sees at θ, compressed from one pseudo-residual per run to six rows. Given a
   * symmetric positive semi-definite H = P·L·D·Lᵀ·Pᵀ, the rows J' = D^½·Lᵀ·Pᵀ and the values
   * s' = (D^-½·L⁻¹·Pᵀ·∇f, √(2f − ∇fᵀH⁻¹∇f)) give J'ᵀJ' = H, J'ᵀs' = ∇f and ½‖s'‖² = f: LM's cost, gradient
   * and quadratic model are f's, with curvature H, and its trust region, step and stopping tests work on them
   * as on any least-squares problem.
   *
   * <p>H is f's exact Hessian ({@link HuberObjective#newton}) when it is positive definite and its Newton
   * step predicts less decrease than f has, which holds near every minimum: LM then takes Newton steps and
   * converges quadratically. (The pseudo-residuals' own Gauss–Newton matrix gives a run beyond δ a
   * curvature the Huber loss does not have, and converges only linearly, a few percent per step, at the
   * end.) A negative pivot that is negligible (a term whose weight has all but vanished) is taken as
   * positive; a direction in which neither H nor ∇f moves (a term whose weight has underflowed) is left out.
   * Otherwise H is the pseudo-residuals' Gauss–Newton matrix JᵀJ, which always qualifies: with s the
   * pseudo-residuals, ∇fᵀ(JᵀJ)⁻¹∇f = ‖s projected on J's columns‖² ≤ ‖s‖² = 2f.
   */
  static Model compressed(HuberObjective f, double[] theta) {
    return compressed(f, theta, f.workspace());
  }

  static Model compressed(HuberObjective f, double[] theta, HuberObjective.Workspace w) {
    double[] ne = new double[21];
    f.newton(theta, ne, w);
    double[] g = new double[5];
    System.arraycopy(ne, 1, g, 0, 5);
    Model newton = factor(triangle(ne), g, ne[0], Curvature.NEWTON);
    if (newton != null) {
      return newton;
    }
    f.gaussNewton(w, ne);
    return factor(triangle(ne), g, ne[0], Curvature.GAUSS_NEWTON);
  }

  /** Whether what is left of the matrix from k on is zero and the gradient has no part there either. */
  private static boolean vanishes(double[][] a, double[] b, int k, double tiny, double[] g) {
    double gmax = 0;
    for (double x : g) {
      gmax = Math.max(gmax, Math.abs(x));
    }
    for (int m = k; m < 5; m++) {
      if (Math.abs(b[m]) > 1e-10 * gmax) {
        return false;
      }
      for (int q = k; q < 5; q++) {
        if (Math.abs(a[m][q]) > tiny) {
          return false;
        }
      }
    }
    return true;
  }

  /** The symmetric 5 × 5 whose lower triangle is at {@code ne[6..20]}. */
  private static double[][] triangle(double[] ne) {
    double[][] m = new double[5][5];
    for (int k = 0, at = 6; k < 5; k++) {
      for (int j = 0; j <= k; j++, at++) {
        m[k][j] = ne[at];
        m[j][k] = ne[at];
      }
    }
    return m;
  }

  /**
   * The rows and values for curvature {@code a} (overwritten) and gradient g at cost ½·ss, by a pivoted
   * LDLᵀ (largest remaining diagonal first); null when Newton's curvature does not qualify.
   */
  private static Model factor(double[][] a, double[] g, double ss, Curvature curvature) {
    boolean newton = curvature == Curvature.NEWTON;
    int[] perm = {0, 1, 2, 3, 4};
    double[] b = g.clone();
    double[][] rows = new double[COMPRESSED][5];
    double[] value = new double[COMPRESSED];
    double explained = 0;
    double scale = 0;
    for (int k = 0; k < 5; k++) {
      scale = Math.max(scale, a[k][k]);
    }
    double floor = scale * (newton ? PIVOT_FLOOR : 1e-15);
    for (int k = 0; k < 5; k++) {
      int p = k;
      for (int m = k + 1; m < 5; m++) {
        if (a[m][m] > a[p][p]) {
          p = m;
        }
      }
      swap(a, b, perm, k, p);
      double d = a[k][k];
      if (!(d > floor)) {
        if (newton && vanishes(a, b, k, floor, g)) {
          break; // no curvature and no slope left: those directions stay where they are
        }
        if (newton && d > -scale * NEGLIGIBLE_NEGATIVE) {
          d = Math.max(-d, floor);
          a[k][k] = d;
        } else if (newton) {
          return null;
        } else {
          break; // what is left of JᵀJ is numerically zero: a direction J does not move
        }
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
    if (newton && !(explained < ss * 0.999)) {
      return null; // the Newton step would promise more decrease than f has
    }
    value[5] = Math.sqrt(Math.max(0, ss - explained));
    return new Model(value, rows, curvature);
  }
}
