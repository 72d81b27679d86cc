package dev.sizeup.memory;

import static java.lang.Math.multiplyExact;

/**
 * The model states one GPU keeps, in bytes, after ZeRO partitions them over the data-parallel degree
 * N_d (Rajbhandari et al. 2020, §5.1 and Figure 1): stage 0 keeps (2 + 2 + K)·Ψ, stage 1 (P_os)
 * 2Ψ + 2Ψ + K·Ψ/N_d, stage 2 (P_os+g) 2Ψ + (2 + K)·Ψ/N_d, stage 3 (P_os+g+p) (2 + 2 + K)·Ψ/N_d, for
 * mixed-precision Adam's 2-byte weights and gradients and K = 12. A partition holds ⌈Ψ/N_d⌉ parameters
 * (the flat buffers are padded to equal partitions).
 */
public record ModelStates(long weights, long gradients, long optimizer) {

  /** The states of two sets of parameters held side by side (e.g. a GPU's dense parameters and its experts). */
  public ModelStates plus(ModelStates o) {
    return new ModelStates(Math.addExact(weights, o.weights), Math.addExact(gradients, o.gradients),
        Math.addExact(optimizer, o.optimizer));
  }

  /** The states of {@code parameters} on one GPU of {@code dp} data-parallel ranks at ZeRO stage {@code zero}. */
  public static ModelStates of(StateBytes bytes, long parameters, int zero, long dp) {
    long partition = StateBytes.ceilDiv(parameters, dp);
    return new ModelStates(
        multiplyExact(zero >= 3 ? partition : parameters, bytes.weights()),
        multiplyExact(zero >= 2 ? partition : parameters, bytes.gradients()),
        bytes.optimizer().bytes(zero >= 1 ? partition : parameters));
  }
}
