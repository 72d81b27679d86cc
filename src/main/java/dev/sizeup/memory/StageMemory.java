package dev.sizeup.memory;

import static java.lang.Math.addExact;

/**
 * The memory of one GPU of one pipeline stage, in bytes.
 *
 * @param stage       the stage's index, 0 for the first
 * @param stages      how many stages there are (p)
 * @param parameters  parameters the GPU holds before ZeRO partitions them
 * @param states      bytes of its weights, gradients and optimizer state
 * @param activations bytes of the activations it stores at its peak (its in-flight micro-batches)
 * @param inFlight    micro-batches whose activations the stage holds at once under 1F1B
 */
public record StageMemory(int stage, long stages, long parameters, ModelStates states, long activations,
    long inFlight) {

  public StageMemory {
    // the total must fit 64 bits (an ArithmeticException otherwise, reported as sizes too large)
    addExact(addExact(states.weights(), states.gradients()), addExact(states.optimizer(), activations));
  }

  public long weights() {
    return states.weights();
  }

  public long gradients() {
    return states.gradients();
  }

  public long optimizer() {
    return states.optimizer();
  }

  public long total() {
    return addExact(addExact(states.weights(), states.gradients()), addExact(states.optimizer(), activations));
  }

  /** "first", "last", "only" or "middle". */
  public String role() {
    return stages == 1 ? "only" : stage == 0 ? "first" : stage == stages - 1 ? "last" : "middle";
  }
}
