package dev.sizeup.scaling;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.Units;

/**
 * The rule of thumb from Hoffmann et al. 2022, Table 3: D = 20·N, with C = 6·N·D = 120·N², so
 * N = sqrt(C / 120). It predicts no loss.
 */
public record Rule20() implements ScalingLaw {
  public static final Rule20 INSTANCE = new Rule20();

  @Override
  public String name() {
    return "rule20";
  }

  @Override
  public String citation() {
    return "Hoffmann et al. 2022, Table 3 (D ≈ 20·N)";
  }

  @Override
  public String lossUnits() {
    return "";
  }

  @Override
  public double parameters(ParameterCount count) {
    return count.active();
  }

  @Override
  public boolean predictsLoss() {
    return false;
  }

  @Override
  public double loss(double n, double d) {
    throw new UnsupportedOperationException("rule20 predicts no loss");
  }

  @Override
  public double tokensToReach(double n, double loss) {
    throw new UnsupportedOperationException("rule20 predicts no loss");
  }

  @Override
  public double parametersToReach(double loss) {
    throw new UnsupportedOperationException("rule20 predicts no loss");
  }

  @Override
  public Allocation allocate(double computeFlops) {
    double n = Math.sqrt(computeFlops
        / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * Chinchilla.TOKENS_PER_PARAMETER));
    return Allocation.ofParameters(computeFlops, n);
  }

  @Override
  public Allocation lossMinimizing(double computeFlops) {
    throw new UnsupportedOperationException("rule20 predicts no loss to minimise");
  }
}
