package dev.sizeup.scaling;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.Units;

/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (nats per token on WebText2; N is
 * non-embedding parameters).
 *
 * <ul>
 *   <li>L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (eq. 1.5), with the constants the paper fits to
 *       eq. 1.5 jointly, Table 2: α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13 tokens;
 *   <li>L(N) = (N_c/N)^α_N, α_N = 0.076, N_c = 8.8e13 (eq. 1.1), the single-variable fit: the loss of a
 *       model trained to convergence on unlimited data ("what loss from N alone");
 *   <li>L(D) = (D_c/D)^α_D, α_D = 0.095, D_c = 5.4e13 tokens (eq. 1.2), likewise for data alone;
 *   <li>L(C_min) = (C_c/C_min)^α_C, α_C = 0.050, C_c = 3.1e8 <b>PF-days</b> (eq. 1.3).
 * </ul>
 *
 * <p>The two sets differ because eq. 1.5 is fitted to the whole (N, D) grid at once (Table 2's
 * caption; §4.2). Mixing them is wrong: the paper's overfitting bound, eq. 4.4, D ≳ 5×10^3·N^0.74,
 * follows from the joint constants (α_N/α_D = 0.74) and not from the single-variable ones (0.80).
 *
 * <p>The compute-efficient frontier (§6, N ∝ C_min^0.73) takes its constant from eq. 6.7: training at
 * the critical batch size spends C = 2·C_min = 6·N·D with D(C_min) ≈ (4×10^10 tokens)·(C_min / PF-day)^0.26,
 * so N = C / (6·D) ∝ C^0.74 (0.73 within the rounding of 0.26).
 */
public record Kaplan() implements ScalingLaw {
  public static final Kaplan INSTANCE = new Kaplan();

  /** Table 2, the joint fit of eq. 1.5. */
  public static final double ALPHA_N = 0.076;
  public static final double ALPHA_D = 0.103;
  public static final double N_C = 6.4e13;
  public static final double D_C = 1.8e13;
  /** eq. 1.1, the fit of L(N) alone. */
  public static final double ALPHA_N_ALONE = 0.076;
  public static final double N_C_ALONE = 8.8e13;
  /** eq. 1.2, the fit of L(D) alone. */
  public static final double ALPHA_D_ALONE = 0.095;
  public static final double D_C_ALONE = 5.4e13;
  public static final double ALPHA_C_MIN = 0.050;
  /** C_c^min in PF-days, not FLOPs (Kaplan et al. 2020, eq. 1.3). */
  public static final double C_C_MIN_PF_DAYS = 3.1e8;
  /** eq. 6.7: D(C_min) ≈ 4×10^10 tokens · (C_min / PF-day)^0.26. */
  public static final double FRONTIER_TOKENS = 4e10;
  public static final double FRONTIER_TOKEN_EXPONENT = 0.26;
  /** Training at the critical batch size costs twice the minimal compute: C = 2·C_min (§6.3). */
  public static final double CRITICAL_BATCH_COMPUTE_FACTOR = 2.0;

  @Override
  public String name() {
    return "kaplan";
  }

  @Override
  public String citation() {
    return "Kaplan et al. 2020, eq. 1.5 with Table 2's joint fit; frontier from eq. 6.7";
  }

  @Override
  public String lossUnits() {
    return "nats/token on WebText2";
  }

  @Override
  public double parameters(ParameterCount count) {
    return count.activeNonEmbedding();
  }

  @Override
  public boolean predictsLoss() {
    return true;
  }

  /** eq. 1.5 with Table 2's constants. */
  @Override
  public double loss(double n, double d) {
    return Math.pow(Math.pow(N_C / n, ALPHA_N / ALPHA_D) + D_C / d, ALPHA_D);
  }

  @Override
  public double tokensToReach(double n, double loss) {
    double room = Math.pow(loss, 1 / ALPHA_D) - Math.pow(N_C / n, ALPHA_N / ALPHA_D);
    return room > 0 ? D_C / room : Double.POSITIVE_INFINITY;
  }

  /** eq. 1.5 as D → ∞ is L = (N_c/N)^α_N (Table 2's N_c), so N = N_c / L^(1/α_N). */
  @Override
  public double parametersToReach(double loss) {
    return N_C / Math.pow(loss, 1 / ALPHA_N);
  }

  /** eq. 1.1: the loss of N non-embedding parameters trained to convergence on unlimited data. */
  public static double lossOfParameters(double n) {
    return Math.pow(N_C_ALONE / n, ALPHA_N_ALONE);
  }

  /** eq. 1.2: the loss of D tokens with a model large enough not to limit it (early stopping). */
  public static double lossOfTokens(double d) {
    return Math.pow(D_C_ALONE / d, ALPHA_D_ALONE);
  }

  /** eq. 1.3, with C_min in FLOPs converted to PF-days. */
  public static double lossOfMinimalCompute(double cMinFlops) {
    return Math.pow(C_C_MIN_PF_DAYS / (cMinFlops / Units.FLOPS_PER_PF_DAY), ALPHA_C_MIN);
  }

  /** The compute-efficient frontier of §6, with eq. 6.7's constant. */
  @Override
  public Allocation allocate(double computeFlops) {
    double cMinPfDays = computeFlops / CRITICAL_BATCH_COMPUTE_FACTOR / Units.FLOPS_PER_PF_DAY;
    double d = FRONTIER_TOKENS * Math.pow(cMinPfDays, FRONTIER_TOKEN_EXPONENT);
    return new Allocation(computeFlops, computeFlops / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * d), d);
  }

  /**
   * The minimum of eq. 1.5 under C = 6·N·D: with k = α_N/α_D, d/dN[(N_c/N)^k + 6·D_c·N/C] = 0 gives
   * N = (k·N_c^k·C / (6·D_c))^(1/(k+1)).
   */
  @Override
  public Allocation lossMinimizing(double computeFlops) {
    double k = ALPHA_N / ALPHA_D;
    double n = Math.pow(k * Math.pow(N_C, k) * computeFlops / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * D_C), 1 / (k + 1));
    return Allocation.ofParameters(computeFlops, n);
  }
}
