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
 * The log-sum-exp is a plain log of the sum while every term is far from a double's range, and is taken
 * with its largest term shifted out otherwise, so that no start (the grid's corner a = 25, α = 0, or a step
 * far beyond it) overflows or underflows it. The gradient is analytic: with r_i the residual, ψ_i = Huber'(r_i) (r_i inside δ,
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
  /** The distinct values of log N and log D, and each run's index among them: a ladder repeats both. */
  private final double[] distinctN;
  private final double[] distinctD;
  private final int[] nIndex;
  private final int[] dIndex;
  private final double meanLogN;
  private final double meanLogD;

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  private static double[] distinct(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || Double.compare(sorted[i], sorted[n - 1]) != 0) { // as binarySearch compares
        sorted[n++] = sorted[i];
      }
    }
    return java.util.Arrays.copyOf(sorted, n);
  }

  private static int[] indices(double[] values, double[] distinct) {
    int[] index = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      index[i] = java.util.Arrays.binarySearch(distinct, values[i]);
    }
    return index;
  }

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
    this.distinctN = distinct(this.logN);
    this.distinctD = distinct(this.logD);
    this.nIndex = indices(this.logN, distinctN);
    this.dIndex = indices(this.logD, distinctD);
    this.meanLogN = mean(this.logN);
    this.meanLogD = mean(this.logD);
  }

  /** The same runs with another Huber threshold. */
  HuberObjective withDelta(double threshold) {
    return new HuberObjective(this, 0, 0, threshold);
  }

  /** The mean log N and log D of the runs. */
  double meanLogN() {
    return meanLogN;
  }

  double meanLogD() {
    return meanLogD;
  }

  /**
   * The same runs with log N and log D less their means: the same objective in ã = a − α·mean(log N) and
   * b̃ = b − β·mean(log D). Made once and kept (it is the same every time, so a race only makes it twice).
   */
  HuberObjective centred() {
    HuberObjective c = centred;
    if (c == null) {
      c = new HuberObjective(this, meanLogN, meanLogD, delta);
      centred = c;
    }
    return c;
  }

  private volatile HuberObjective centred;

  /** A copy with log N and log D shifted by the given amounts and another threshold; no re-sorting. */
  private HuberObjective(HuberObjective from, double byLogN, double byLogD, double delta) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("the Huber threshold must be positive and finite, got " + delta);
    }
    this.logN = shift(from.logN, byLogN);
    this.logD = shift(from.logD, byLogD);
    this.logL = from.logL;
    this.delta = delta;
    this.distinctN = shift(from.distinctN, byLogN);
    this.distinctD = shift(from.distinctD, byLogD);
    this.nIndex = from.nIndex;
    this.dIndex = from.dIndex;
    this.meanLogN = from.meanLogN - byLogN;
    this.meanLogD = from.meanLogD - byLogD;
  }

  private static double[] shift(double[] values, double by) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] -= by;
    }
    return out;
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
   * Per-thread scratch for the fit's evaluations: each run's residual, softmax weights and pseudo-residual
   * slope, and the 3 × 3 curvature of its loss in the log-sum-exp's terms. One per thread; not shared.
   */
  public static final class Workspace {
    final double[] terms;
    final double[] curvature;

    final double[] powN;
    final double[] powD;

    Workspace(int runs, int distinctN, int distinctD) {
      terms = new double[TERMS * runs];
      curvature = new double[6 * runs];
      powN = new double[distinctN];
      powD = new double[distinctD];
    }
  }

  /** Values kept per run in {@link Workspace#terms}: r, p1, p2, p3 and ds/dr. */
  private static final int TERMS = 5;

  /** A workspace for this objective's runs. */
  public Workspace workspace() {
    return new Workspace(logN.length, distinctN.length, distinctD.length);
  }

  /**
   * Σs² in {@code out[0]}, the gradient of f (which is Jᵀs) in {@code out[1..5]} and the lower triangle of f's
   * exact Hessian, row by row, in {@code out[6..20]}:
   *
   * <pre>
   *   ∇²f = Σ_{|r_i| ≤ δ} ∇r_i ∇r_iᵀ + Σ_i ψ_i ∇²r_i,   ∇²r_i = T_iᵀ (diag p_i − p_i p_iᵀ) T_i
   * </pre>
   *
   * where T_i is the Jacobian of the three log-sum-exp terms (a − α log N_i, b − β log D_i, e) in θ and
   * diag p − p pᵀ the log-sum-exp's Hessian in its terms. Beyond δ the Huber loss is linear, so a run there
   * adds curvature only through ψ_i ∇²r_i. Leaves each run's terms in {@code w} for {@link #gaussNewton}.
   * The exponentials and logarithms run in a loop of their own, and the sums in short loops after it, so
   * that no running sum is held across a call.
   */
  public void newton(double[] theta, double[] out, Workspace w) {
    terms(theta, w);
    double[] t = w.terms;
    double[] m = w.curvature;
    double ss = 0;
    double g0 = 0;
    double g1 = 0;
    double g2 = 0;
    for (int i = 0, at = 0, mt = 0; i < logN.length; i++, at += TERMS, mt += 6) {
      double r = t[at];
      double p1 = t[at + 1];
      double p2 = t[at + 2];
      double p3 = t[at + 3];
      double si;
      double ds;
      double psi;
      double c;
      double abs = Math.abs(r);
      if (abs <= delta) {
        si = r;
        ds = 1;
        psi = r;
        c = 1 - r; // ψ·(diag p − p pᵀ) + p pᵀ
      } else {
        double mag = Math.sqrt(2 * delta * (abs - 0.5 * delta));
        si = Math.copySign(mag, r);
        ds = delta / mag;
        psi = Math.copySign(delta, r);
        c = -psi; // ψ·(diag p − p pᵀ)
      }
      t[at + 4] = ds;
      ss += si * si;
      g0 += psi * p1;
      g1 += psi * p2;
      g2 += psi * p3;
      m[mt] = psi * p1 + c * p1 * p1;
      m[mt + 1] = c * p1 * p2;
      m[mt + 2] = psi * p2 + c * p2 * p2;
      m[mt + 3] = c * p1 * p3;
      m[mt + 4] = c * p2 * p3;
      m[mt + 5] = psi * p3 + c * p3 * p3;
    }
    double g3 = 0;
    double g4 = 0;
    for (int i = 0, at = 0; i < logN.length; i++, at += TERMS) {
      double r = t[at];
      double psi = Math.abs(r) <= delta ? r : Math.copySign(delta, r);
      g3 -= psi * t[at + 1] * logN[i];
      g4 -= psi * t[at + 2] * logD[i];
    }
    out[0] = ss;
    out[1] = g0;
    out[2] = g1;
    out[3] = g2;
    out[4] = g3;
    out[5] = g4;
    through(m, out);
  }

  /**
   * The lower triangle of the pseudo-residuals' Gauss–Newton matrix JᵀJ into {@code out[6..20]}, from the
   * terms {@link #newton} left in {@code w}: J_i = (ds/dr)_i ∇r_i, so JᵀJ = Σ T_iᵀ ((ds/dr)_i² p_i p_iᵀ) T_i.
   */
  public void gaussNewton(Workspace w, double[] out) {
    double[] t = w.terms;
    double[] m = w.curvature;
    for (int i = 0, at = 0, mt = 0; i < logN.length; i++, at += TERMS, mt += 6) {
      double ds = t[at + 4];
      double q1 = ds * t[at + 1];
      double q2 = ds * t[at + 2];
      double q3 = ds * t[at + 3];
      m[mt] = q1 * q1;
      m[mt + 1] = q1 * q2;
      m[mt + 2] = q2 * q2;
      m[mt + 3] = q1 * q3;
      m[mt + 4] = q2 * q3;
      m[mt + 5] = q3 * q3;
    }
    through(m, out);
  }

  /**
   * Σ_i T_iᵀ M_i T_i into {@code out[6..20]} (lower triangle of the 5 × 5 in θ = (a, b, e, α, β)), for
   * symmetric 3 × 3 M_i given as (M11, M12, M22, M13, M23, M33) per run; T_i maps θ to the terms
   * (a − α log N_i, b − β log D_i, e).
   */
  private void through(double[] m, double[] out) {
    double x00 = 0, x10 = 0, x11 = 0, x20 = 0, x21 = 0, x22 = 0;
    for (int mt = 0; mt < m.length; mt += 6) {
      x00 += m[mt];
      x10 += m[mt + 1];
      x11 += m[mt + 2];
      x20 += m[mt + 3];
      x21 += m[mt + 4];
      x22 += m[mt + 5];
    }
    double x30 = 0, x31 = 0, x32 = 0, x33 = 0;
    for (int i = 0, mt = 0; i < logN.length; i++, mt += 6) {
      double ln = logN[i];
      double m11n = m[mt] * ln;
      x30 -= m11n;
      x31 -= m[mt + 1] * ln;
      x32 -= m[mt + 3] * ln;
      x33 += m11n * ln;
    }
    double x40 = 0, x41 = 0, x42 = 0, x43 = 0, x44 = 0;
    for (int i = 0, mt = 0; i < logN.length; i++, mt += 6) {
      double ld = logD[i];
      double m12d = m[mt + 1] * ld;
      double m22d = m[mt + 2] * ld;
      x40 -= m12d;
      x41 -= m22d;
      x42 -= m[mt + 4] * ld;
      x43 += m12d * logN[i];
      x44 += m22d * ld;
    }
    out[6] = x00;
    out[7] = x10;
    out[8] = x11;
    out[9] = x20;
    out[10] = x21;
    out[11] = x22;
    out[12] = x30;
    out[13] = x31;
    out[14] = x32;
    out[15] = x33;
    out[16] = x40;
    out[17] = x41;
    out[18] = x42;
    out[19] = x43;
    out[20] = x44;
  }

  /**
   * Each run's residual and softmax weights, (r_i, p_i1, p_i2, p_i3) at {@code w.terms[5i..5i+3]}: one
   * exponential per distinct N and per distinct D, then a loop of nothing but one logarithm per run.
   */
  private void terms(double[] theta, Workspace w) {
    double[] out = w.terms;
    double a = theta[A];
    double b = theta[B];
    double e = theta[E];
    double alpha = theta[ALPHA];
    double beta = theta[BETA];
    double eE = Math.exp(e);
    // A/N^α and B/D^β once per distinct N and D
    double[] powN = w.powN;
    double[] powD = w.powD;
    for (int k = 0; k < powN.length; k++) {
      powN[k] = Math.exp(a - alpha * distinctN[k]);
    }
    for (int k = 0; k < powD.length; k++) {
      powD[k] = Math.exp(b - beta * distinctD[k]);
    }
    boolean safe = Math.max(Math.max(a, b), e) < SAFE_EXPONENT;
    for (int i = 0, at = 0; i < logN.length; i++, at += TERMS) {
      double t1 = a - alpha * logN[i];
      double t2 = b - beta * logD[i];
      double u = powN[nIndex[i]];
      double v = powD[dIndex[i]];
      double sum = u + v + eE;
      if (safe && t1 < SAFE_EXPONENT && t2 < SAFE_EXPONENT && sum > SAFE_SUM) {
        double inv = 1 / sum;
        out[at] = Math.log(sum) - logL[i];
        out[at + 1] = u * inv;
        out[at + 2] = v * inv;
        out[at + 3] = eE * inv;
      } else {
        // a term so large, or all three so small, that their plain sum is not safe: shift the largest out
        double m = Math.max(Math.max(t1, t2), e);
        double w1 = Math.exp(t1 - m);
        double w2 = Math.exp(t2 - m);
        double w3 = Math.exp(e - m);
        double s = w1 + w2 + w3;
        out[at] = m + Math.log(s) - logL[i];
        out[at + 1] = w1 / s;
        out[at + 2] = w2 / s;
        out[at + 3] = w3 / s;
      }
    }
  }

  /** A sum of the three terms below this is too near underflow for its logarithm and ratios to be exact. */
  private static final double SAFE_SUM = 1e-280;

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
