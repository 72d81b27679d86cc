package dev.sizeup.spec;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

/**
 * The feed-forward block of every layer (of every expert, for a mixture of experts).
 *
 * @param kind  plain MLP (2 matrices) or gated (3)
 * @param dFf   hidden width
 * @param bias  biases on the feed-forward matrices
 */
public record FeedForward(FfnKind kind, long dFf, boolean bias) {
  public FeedForward {
    Checks.present("architecture.ffn", kind);
    Checks.positive("architecture.d_ff", dFf);
  }

  /** Bias entries when every matrix has a bias: d_ff for each matrix into the hidden layer, d_model for the way out. */
  public long biasParameters(long dModel) {
    return addExact(multiplyExact(kind.matrices() - 1L, dFf), dModel);
  }
}
