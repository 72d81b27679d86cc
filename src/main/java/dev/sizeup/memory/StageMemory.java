package dev.sizeup.memory;

import static java.lang.Math.addExact;

/**
 * The memory of one GPU of one pipeline stage, in bytes.
 *
 * @param stage       the stage's index, 0 for the first
 * @param stages      how many stages there are (p)
 * @param parameters  parameters the GPU holds before ZeRO partitions them
 * @param weights     bytes of its weights
 * @param gradients   bytes of its gradients
 * @param optimizer   bytes of its optimizer state
 * @param activations bytes of the activations it stores at its peak (its in-flight micro-batches)
 * @param inFlight    micro-batches whose activations the stage holds at once under 1F1B
 */
public record StageMemory(int stage, long stages, long parameters, long weights, long gradients, long optimizer,
    long activations, long inFlight) {

  public long total() {
    return addExact(addExact(weights, gradients), addExact(optimizer, activations));
  }

  /** "first", "last", "only" or "middle". */
  public String role() {
    return stages == 1 ? "only" : stage == 0 ? "first" : stage == stages - 1 ? "last" : "middle";
  }
}
