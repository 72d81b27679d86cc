package dev.sizeup.scaling;

import org.apache.commons.math3.special.Erf;

/**
 * The Huber-likelihood fit of Besiroglu et al. 2024 (arXiv:2404.10102): minimise over θ = (a, b, e, α, β)
 * and a scale σ
 *
 * <pre>
 *   NLL(θ, σ) = Σ_i [ Huber_δ(r_i/σ) + log σ + log Z(δ) ],   Z(δ) = √(2π)·erf(δ/√2) + 2·e^(−δ²/2)/δ
 * </pre>
 *
 * the negative log-likelihood of the residuals r_i = log L̂_i − log L_i under the density
 * exp(−Huber_δ(x/σ))/(σ·Z(δ)) (their notebook {@code data_analysis.ipynb}, cells 16 and 24, in
 * epoch-research/analyzing-chinchilla at 9225883; Z is that density's normaliser).
 *
 * <p>It is minimised block by block, each block by its own minimiser:
 * <ul>
 *   <li>for a fixed σ, σ²·Huber_δ(r/σ) = Huber_{δσ}(r), so the best θ minimises the plain objective with
 *       threshold δσ ({@link HuberObjective}, by {@link ApproachThreeFit#minimize} from the current θ);
 *   <li>for a fixed θ, NLL is convex in log σ, and its minimum solves Σ_i ψ_δ(x_i)·x_i = n with
 *       x_i = |r_i|/σ (ψ_δ the Huber slope), found by bisection in log σ.
 * </ul>
 * A round is kept only when it lowers NLL; the fit stops when a round lowers it by less than 1e-12 relative,
 * or not at all. It starts from
 * the plain objective's best fit. At the optimum σ is so small (4.7e-6 on the Chinchilla runs, a threshold
 * δσ ≈ 5e-9) that almost every run is on the Huber loss's linear part: the fit is then, in effect, the
 * least-absolute-deviation fit of log L, which is why its A and B differ from the plain fit's in the
 * second figure.
 */
public final class HuberLikelihood {
  private HuberLikelihood() {}

  /**
   * Below this mean absolute residual (in log loss) the runs lie on a law to within the rounding of the
   * losses as written (a CSV's 10 to 17 significant digits), and σ, about δ times it, would measure only that.
   */
  static final double ROUNDING = 1e-9;

  /** The most rounds of the two blocks. */
  static final int MAX_ROUNDS = 200;

  /**
   * The fit.
   *
   * @param theta (a, b, e, α, β)
   * @param scale σ
   * @param nll   the negative log-likelihood there
   */
  public record Fit(double[] theta, double scale, double nll) {}

  /** log Z(δ), the log of the Huber density's normaliser. */
  static double logNormaliser(double delta) {
    return Math.log(Math.sqrt(2 * Math.PI) * Erf.erf(delta / Math.sqrt(2)) + 2 * Math.exp(-0.5 * delta * delta) / delta);
  }

  /**
   * Minimises NLL from θ (typically the plain objective's best fit).
   *
   * @param f     the runs, with the Huber threshold δ of the density
   * @param start (a, b, e, α, β)
   * @throws IllegalArgumentException when the runs lie exactly on the law at the start, where the
   *     likelihood grows without bound as σ → 0
   */
  public static Fit fit(HuberObjective f, double[] start) {
    double delta = f.delta();
    double[] theta = start.clone();
    double[] r = residuals(f, theta);
    double spread = 0;
    for (double x : r) {
      spread += Math.abs(x) / r.length;
    }
    if (!(spread >= ROUNDING)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the runs lie on the law to within "
          + "rounding (mean |log L̂ − log L| = %.2g at the Huber fit): the Huber likelihood's scale would fit the "
          + "rounding of the losses, not their noise; the plain Huber objective fits such runs", spread));
    }
    double sigma = scale(r, delta);
    double nll = nll(r, sigma, delta);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      double[] next = ApproachThreeFit.minimize(f.withDelta(delta * sigma), theta).theta();
      double[] rn = residuals(f, next);
      if (!hasSpread(rn)) {
        break;
      }
      double sn = scale(rn, delta);
      double nn = nll(rn, sn, delta);
      if (!(nn < nll)) {
        break;
      }
      boolean settled = nll - nn <= 1e-12 * Math.abs(nll);
      theta = next;
      sigma = sn;
      nll = nn;
      if (settled) {
        break;
      }
    }
    return new Fit(theta, sigma, nll);
  }

  private static double[] residuals(HuberObjective f, double[] theta) {
    double[] r = new double[f.runs()];
    f.residuals(theta, (i, ri, dr) -> r[i] = ri);
    return r;
  }

  private static boolean hasSpread(double[] r) {
    for (double x : r) {
      if (x != 0) {
        return true;
      }
    }
    return false;
  }

  /** The σ that minimises NLL for these residuals: the root of Σ ψ_δ(|r_i|/σ)·|r_i|/σ = n in log σ. */
  static double scale(double[] r, double delta) {
    if (!hasSpread(r)) {
      throw new IllegalArgumentException("the runs lie exactly on the law, so the Huber likelihood has no "
          + "maximum: its scale goes to zero");
    }
    int n = r.length;
    double sum = 0;
    for (double x : r) {
      sum += Math.abs(x);
    }
    // where every run is on the linear part, the root is δ·Σ|r|/n: bracket from there
    double lo = Math.log(delta * sum / n);
    double hi = lo;
    while (slope(r, Math.exp(lo), delta) <= n) {
      lo -= 1;
    }
    while (slope(r, Math.exp(hi), delta) > n) {
      hi += 1;
    }
    for (int k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
      double mid = 0.5 * (lo + hi);
      if (slope(r, Math.exp(mid), delta) > n) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.exp(0.5 * (lo + hi));
  }

  /** Σ ψ_δ(x_i)·x_i with x_i = |r_i|/σ: decreasing in σ. */
  private static double slope(double[] r, double sigma, double delta) {
    double s = 0;
    for (double ri : r) {
      double x = Math.abs(ri) / sigma;
      s += x <= delta ? x * x : delta * x;
    }
    return s;
  }

  /** NLL(θ, σ) for the residuals r at θ. */
  static double nll(double[] r, double sigma, double delta) {
    double s = 0;
    for (double ri : r) {
      double x = Math.abs(ri) / sigma;
      s += x <= delta ? 0.5 * x * x : delta * (x - 0.5 * delta);
    }
    return s + r.length * (Math.log(sigma) + logNormaliser(delta));
  }
}
