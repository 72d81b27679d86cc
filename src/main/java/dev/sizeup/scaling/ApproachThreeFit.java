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
      return HuberObjective.law(name, citation, theta);
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
      if (Math.abs(e.objective() - best.objective()) <= SAME_OPTIMUM * best.objective()) {
        at++;
      }
    }
    return new Result(best.theta().clone(), best.objective(), ends.length, at);
  }

  /** One start minimised. */
  public static End minimize(HuberObjective f, double[] start) {
    int n = f.runs();
    double delta = f.delta();
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .start(start)
        .target(new double[n])
        .model(point -> pseudoResiduals(f, point.toArray(), delta))
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

  /**
   * The pseudo-residuals and their Jacobian at θ. LM's target is zero, so its "residual" target − s is −s
   * and the model's value is s.
   */
  private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> pseudoResiduals(HuberObjective f,
      double[] theta, double delta) {
    int n = f.runs();
    double[] s = new double[n];
    double[][] j = new double[n][5];
    f.residuals(theta, (i, r, dr) -> {
      double abs = Math.abs(r);
      double si;
      double ds;
      if (abs <= delta) {
        si = r;
        ds = 1;
      } else {
        double mag = Math.sqrt(2 * delta * (abs - 0.5 * delta));
        si = Math.copySign(mag, r);
        ds = delta / mag;
      }
      s[i] = si;
      for (int k = 0; k < 5; k++) {
        j[i][k] = ds * dr[k];
      }
    });
    return new Pair<>(new ArrayRealVector(s, false), new Array2DRowRealMatrix(j, false));
  }
}
