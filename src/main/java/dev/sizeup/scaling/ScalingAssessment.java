package dev.sizeup.scaling;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.Units;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model with a known training budget, seen through the scaling laws.
 *
 * @param law               the law for the allocation and efficiency (the default, or --law)
 * @param loss              predicted loss under every law that predicts one, by law name (not comparable across laws)
 * @param computeOptimal    the law's loss-minimising allocation of the same compute 6·N·D; null when the
 *                          law's N is zero (Kaplan's N excludes embeddings)
 * @param computeEfficiency fraction of the compute that allocation needs to reach the same loss; null for
 *                          rule20 or when undefined
 * @param kaplanAlone       Kaplan's single-variable laws for the same N and D; null when the model has no
 *                          non-embedding parameters
 */
public record ScalingAssessment(ScalingLaw law, Map<String, Double> loss, Allocation computeOptimal,
    Double computeEfficiency, KaplanAlone kaplanAlone) {

  /**
   * Kaplan et al. 2020's single-variable fits: the loss from N alone, trained to convergence on
   * unlimited data (eq. 1.1), and from D alone, with a model large enough not to limit it (eq. 1.2).
   * They use their own constants, not eq. 1.5's joint fit, so neither is L(N, D) at a limit.
   */
  public record KaplanAlone(double lossOfParameters, double lossOfTokens) {}

  public ScalingAssessment {
    loss = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(loss));
  }

  /** The law a loss of {@link #loss} is keyed by: a built-in one, or this assessment's own. */
  public ScalingLaw lawNamed(String name) {
    return ScalingLaws.with(law).stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no law " + name));
  }

  public static ScalingAssessment of(ParameterCount count, double tokens, ScalingLaw law) {
    Map<String, Double> loss = new LinkedHashMap<>();
    for (ScalingLaw l : ScalingLaws.with(law)) {
      if (l.predictsLoss() && l.parameters(count) > 0) {
        loss.put(l.name(), l.loss(l.parameters(count), tokens));
      }
    }
    double nonEmbedding = Kaplan.INSTANCE.parameters(count);
    KaplanAlone alone = nonEmbedding > 0
        ? new KaplanAlone(Kaplan.lossOfParameters(nonEmbedding), Kaplan.lossOfTokens(tokens)) : null;
    double n = law.parameters(count);
    double c = Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n * tokens;
    if (!(n > 0)) {
      return new ScalingAssessment(law, loss, null, null, alone);
    }
    if (!law.predictsLoss()) {
      return new ScalingAssessment(law, loss, law.allocate(c), null, alone);
    }
    return new ScalingAssessment(law, loss, law.lossMinimizing(c), Solver.computeEfficiency(law, n, tokens), alone);
  }
}
