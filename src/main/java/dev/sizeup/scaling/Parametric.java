package dev.sizeup.scaling;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.Units;

/**
 * The parametric loss of Hoffmann et al. 2022, §3.3, eq. (2): L(N, D) = E + A/N^α + B/D^β, with N
 * the total parameter count and D training tokens (nats per token on MassiveText).
 *
 * <p>Minimising L under C = 6·N·D gives eq. (4): N_opt(C) = G·(C/6)^a, D_opt(C) = G⁻¹·(C/6)^b with
 * G = (αA / (βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β).
 */
public record Parametric(String name, String citation, double E, double A, double B, double alpha, double beta,
    String lossUnits) implements ScalingLaw {

  /** The units of Hoffmann et al. 2022's losses, and of every refit of their runs. */
  public static final String MASSIVE_TEXT = "nats/token on MassiveText";

  public Parametric {
    if (!(E >= 0) || !(A > 0) || !(B > 0) || !(alpha > 0) || !(beta > 0)) {
      throw new IllegalArgumentException("parametric law needs E >= 0 and positive A, B, alpha, beta");
    }
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(citation, "citation");
    java.util.Objects.requireNonNull(lossUnits, "lossUnits");
  }

  /** A law on MassiveText's losses (Hoffmann et al. 2022 and their refits). */
  public Parametric(String name, String citation, double E, double A, double B, double alpha, double beta) {
    this(name, citation, E, A, B, alpha, beta, MASSIVE_TEXT);
  }

  /** Hoffmann et al. 2022, Approach 3 (§3.3): E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28. */
  public static final Parametric CHINCHILLA = new Parametric("chinchilla",
      "Hoffmann et al. 2022, Approach 3 (§3.3, eq. 2)", 1.69, 406.4, 410.7, 0.34, 0.28);

  /**
   * Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt" (arXiv:2404.10102): their
   * re-estimate of the same form on data reconstructed from Hoffmann et al.'s Figure 4: E = 1.82,
   * A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658.
   */
  public static final Parametric EPOCH = new Parametric("epoch",
      "Besiroglu et al. 2024, replication of Hoffmann et al. Approach 3", 1.82, 482.01, 2085.43, 0.3478, 0.3658);

  @Override
  public double parameters(ParameterCount count) {
    return count.active();
  }

  @Override
  public boolean predictsLoss() {
    return true;
  }

  @Override
  public double loss(double n, double d) {
    return E + A / Math.pow(n, alpha) + B / Math.pow(d, beta);
  }

  @Override
  public double tokensToReach(double n, double loss) {
    double room = loss - E - A / Math.pow(n, alpha);
    return room > 0 ? Math.pow(B / room, 1 / beta) : Double.POSITIVE_INFINITY;
  }

  /** L → E + A/N^α as D → ∞, so N = (A / (L − E))^(1/α); +∞ when L ≤ E. */
  @Override
  public double parametersToReach(double loss) {
    return loss > E ? Math.pow(A / (loss - E), 1 / alpha) : Double.POSITIVE_INFINITY;
  }

  /** G = (αA / (βB))^(1/(α+β)). */
  public double G() {
    return Math.pow(alpha * A / (beta * B), 1 / (alpha + beta));
  }

  /** a = β / (α + β), the exponent in N_opt ∝ C^a (Hoffmann et al. 2022, Table 2). */
  public double a() {
    return beta / (alpha + beta);
  }

  /** b = α / (α + β), the exponent in D_opt ∝ C^b. */
  public double b() {
    return alpha / (alpha + beta);
  }

  @Override
  public Allocation allocate(double computeFlops) {
    double c6 = computeFlops / Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN;
    return new Allocation(computeFlops, G() * Math.pow(c6, a()), Math.pow(c6, b()) / G());
  }

  @Override
  public Allocation lossMinimizing(double computeFlops) {
    return allocate(computeFlops);
  }
}
