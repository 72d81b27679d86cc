package dev.sizeup.scaling;

import java.util.Objects;

/**
 * The objective of Hoffmann et al. 2022's Approach 3 (§3.3, eq. 8 and Appendix D.2), as restated by
 * Besiroglu et al. 2024 (arXiv:2404.10102, §2): over runs i with N_i parameters, D_i tokens and final
 * loss L_i,
 *
 * <pre>
 *   f(a, b, e, α, β) = Σ_i Huber_δ( LSE(a − α·log N_i, b − β·log D_i, e) − log L_i )
 *   Huber_δ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond;   δ = 1e-3
 * </pre>
 *
 * where LSE is the log-sum-exp, so that exp(LSE) = E + A/N^α + B/D^β with A = e^a, B = e^b, E = e^e.
 * The log-sum-exp is taken with its largest term shifted out, so that the grid's corners (a = 25, α = 0)
 * do not overflow. The gradient is analytic: with r_i the residual, ψ_i = Huber'(r_i) (r_i inside δ,
 * δ·sign(r_i) beyond) and p_{i,k} the softmax weights of the three terms,
 *
 * <pre>
 *   ∂f/∂a = Σ ψ_i p_{i,1},  ∂f/∂b = Σ ψ_i p_{i,2},  ∂f/∂e = Σ ψ_i p_{i,3},
 *   ∂f/∂α = −Σ ψ_i p_{i,1} log N_i,  ∂f/∂β = −Σ ψ_i p_{i,2} log D_i.
 * </pre>
 */
public final class HuberObjective {
  /** The Huber threshold of Hoffmann et al. 2022 (Appendix D.2). */
  public static final double DEFAULT_DELTA = 1e-3;

  /** Indices of θ = (a, b, e, α, β). */
  public static final int A = 0;
  public static final int B = 1;
  public static final int E = 2;
  public static final int ALPHA = 3;
  public static final int BETA = 4;

  private final double[] logN;
  private final double[] logD;
  private final double[] logL;
  private final double delta;

  /**
   * @param logN  log N of each run
   * @param logD  log D of each run
   * @param logL  log L of each run
   * @param delta the Huber threshold, positive
   */
  public HuberObjective(double[] logN, double[] logD, double[] logL, double delta) {
    Objects.requireNonNull(logN, "logN");
    Objects.requireNonNull(logD, "logD");
    Objects.requireNonNull(logL, "logL");
    if (logN.length != logD.length || logN.length != logL.length) {
      throw new IllegalArgumentException("every run needs N, D and L: got " + logN.length + ", " + logD.length
          + " and " + logL.length + " values");
    }
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("the Huber threshold must be positive and finite, got " + delta);
    }
    for (int i = 0; i < logN.length; i++) {
      if (!Double.isFinite(logN[i]) || !Double.isFinite(logD[i]) || !Double.isFinite(logL[i])) {
        throw new IllegalArgumentException("run " + i + " has a non-finite logarithm: N, D and L must be positive");
      }
    }
    this.logN = logN.clone();
    this.logD = logD.clone();
    this.logL = logL.clone();
    this.delta = delta;
  }

  /** How many runs the objective sums over. */
  public int runs() {
    return logN.length;
  }

  /** f(θ). */
  public double value(double[] theta) {
    return valueAndGradient(theta, null);
  }

  /**
   * f(θ), and its gradient written into {@code gradient} (five values) unless it is null.
   *
   * @param theta (a, b, e, α, β)
   */
  public double valueAndGradient(double[] theta, double[] gradient) {
    double a = theta[A];
    double b = theta[B];
    double e = theta[E];
    double alpha = theta[ALPHA];
    double beta = theta[BETA];
    double f = 0;
    double ga = 0;
    double gb = 0;
    double ge = 0;
    double galpha = 0;
    double gbeta = 0;
    for (int i = 0; i < logN.length; i++) {
      double t1 = a - alpha * logN[i];
      double t2 = b - beta * logD[i];
      double m = Math.max(Math.max(t1, t2), e);
      double w1 = Math.exp(t1 - m);
      double w2 = Math.exp(t2 - m);
      double w3 = Math.exp(e - m);
      double s = w1 + w2 + w3;
      double r = m + Math.log(s) - logL[i];
      double abs = Math.abs(r);
      double psi;
      if (abs <= delta) {
        f += 0.5 * r * r;
        psi = r;
      } else {
        f += delta * (abs - 0.5 * delta);
        psi = Math.copySign(delta, r);
      }
      if (gradient != null) {
        double q = psi / s;
        double p1 = q * w1;
        double p2 = q * w2;
        ga += p1;
        gb += p2;
        ge += q * w3;
        galpha -= p1 * logN[i];
        gbeta -= p2 * logD[i];
      }
    }
    if (gradient != null) {
      gradient[A] = ga;
      gradient[B] = gb;
      gradient[E] = ge;
      gradient[ALPHA] = galpha;
      gradient[BETA] = gbeta;
    }
    return f;
  }

  /** The Huber threshold δ. */
  public double delta() {
    return delta;
  }

  /**
   * The normal equations of the pseudo-residuals s_i = sign(r_i)·√(2·Huber_δ(r_i)), whose half sum of
   * squares is f: writes Σs² to {@code out[0]}, Jᵀs to {@code out[1..5]} and the lower triangle of JᵀJ row by
   * row to {@code out[6..20]} (J the pseudo-residuals' Jacobian). Inside δ, s = r; beyond, ds/dr = δ/|s|.
   * One pass over the runs with two exponentials and a logarithm each, and no allocation: it is the inner
   * loop of every fit.
   */
  public void normalEquations(double[] theta, double[] out) {
    double a = theta[A];
    double b = theta[B];
    double eE = Math.exp(theta[E]);
    double alpha = theta[ALPHA];
    double beta = theta[BETA];
    double ss = 0;
    double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
    double h00 = 0, h10 = 0, h11 = 0, h20 = 0, h21 = 0, h22 = 0, h30 = 0, h31 = 0, h32 = 0, h33 = 0;
    double h40 = 0, h41 = 0, h42 = 0, h43 = 0, h44 = 0;
    boolean safe = Math.max(Math.max(a, b), theta[E]) < SAFE_EXPONENT;
    for (int i = 0; i < logN.length; i++) {
      double ln = logN[i];
      double ld = logD[i];
      double t1 = a - alpha * ln;
      double t2 = b - beta * ld;
      double r;
      double p1;
      double p2;
      double p3;
      if (safe && t1 < SAFE_EXPONENT && t2 < SAFE_EXPONENT) {
        double u = Math.exp(t1);
        double v = Math.exp(t2);
        double sum = u + v + eE;
        double inv = 1 / sum;
        r = Math.log(sum) - logL[i];
        p1 = u * inv;
        p2 = v * inv;
        p3 = eE * inv;
      } else {
        double m = Math.max(Math.max(t1, t2), theta[E]);
        double w1 = Math.exp(t1 - m);
        double w2 = Math.exp(t2 - m);
        double w3 = Math.exp(theta[E] - m);
        double sum = w1 + w2 + w3;
        r = m + Math.log(sum) - logL[i];
        p1 = w1 / sum;
        p2 = w2 / sum;
        p3 = w3 / sum;
      }
      double si;
      double ds;
      double abs = Math.abs(r);
      if (abs <= delta) {
        si = r;
        ds = 1;
      } else {
        double mag = Math.sqrt(2 * delta * (abs - 0.5 * delta));
        si = Math.copySign(mag, r);
        ds = delta / mag;
      }
      double j0 = ds * p1;
      double j1 = ds * p2;
      double j2 = ds * p3;
      double j3 = -j0 * ln;
      double j4 = -j1 * ld;
      ss += si * si;
      g0 += j0 * si;
      g1 += j1 * si;
      g2 += j2 * si;
      g3 += j3 * si;
      g4 += j4 * si;
      h00 += j0 * j0;
      h10 += j1 * j0;
      h11 += j1 * j1;
      h20 += j2 * j0;
      h21 += j2 * j1;
      h22 += j2 * j2;
      h30 += j3 * j0;
      h31 += j3 * j1;
      h32 += j3 * j2;
      h33 += j3 * j3;
      h40 += j4 * j0;
      h41 += j4 * j1;
      h42 += j4 * j2;
      h43 += j4 * j3;
      h44 += j4 * j4;
    }
    out[0] = ss;
    out[1] = g0;
    out[2] = g1;
    out[3] = g2;
    out[4] = g3;
    out[5] = g4;
    out[6] = h00;
    out[7] = h10;
    out[8] = h11;
    out[9] = h20;
    out[10] = h21;
    out[11] = h22;
    out[12] = h30;
    out[13] = h31;
    out[14] = h32;
    out[15] = h33;
    out[16] = h40;
    out[17] = h41;
    out[18] = h42;
    out[19] = h43;
    out[20] = h44;
  }

  /** Receives one run's residual r_i = log L̂_i − log L_i and its gradient ∂r_i/∂θ (an array reused between runs). */
  @FunctionalInterface
  interface ResidualSink {
    void accept(int run, double residual, double[] gradient);
  }

  /** Every run's residual at θ and its gradient, in run order. */
  void residuals(double[] theta, ResidualSink sink) {
    double[] dr = new double[5];
    double eE = Math.exp(theta[E]);
    for (int i = 0; i < logN.length; i++) {
      double t1 = theta[A] - theta[ALPHA] * logN[i];
      double t2 = theta[B] - theta[BETA] * logD[i];
      double r;
      double p1;
      double p2;
      double p3;
      if (Math.max(Math.max(t1, t2), theta[E]) < SAFE_EXPONENT && eE > 0) {
        // two exponentials and a logarithm: no term can overflow
        double u = Math.exp(t1);
        double v = Math.exp(t2);
        double s = u + v + eE;
        r = Math.log(s) - logL[i];
        p1 = u / s;
        p2 = v / s;
        p3 = eE / s;
      } else {
        double m = Math.max(Math.max(t1, t2), theta[E]);
        double w1 = Math.exp(t1 - m);
        double w2 = Math.exp(t2 - m);
        double w3 = Math.exp(theta[E] - m);
        double s = w1 + w2 + w3;
        r = m + Math.log(s) - logL[i];
        p1 = w1 / s;
        p2 = w2 / s;
        p3 = w3 / s;
      }
      dr[A] = p1;
      dr[B] = p2;
      dr[E] = p3;
      dr[ALPHA] = -p1 * logN[i];
      dr[BETA] = -p2 * logD[i];
      sink.accept(i, r, dr);
    }
  }

  /** Below this exponent e^x and a sum of three such terms are far from overflowing a double (e^709). */
  private static final double SAFE_EXPONENT = 600;

  /** The law θ stands for: E = e^e, A = e^a, B = e^b, α, β. */
  public static Parametric law(String name, String citation, double[] theta, String lossUnits) {
    return new Parametric(name, citation, Math.exp(theta[E]), Math.exp(theta[A]), Math.exp(theta[B]),
        theta[ALPHA], theta[BETA], lossUnits);
  }
}
