package dev.sizeup.memory;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.spec.Spec;

/**
 * Everything {@code sizeup memory} says about one spec.
 *
 * @param spec       the spec
 * @param parameters its parameter count
 * @param training   training memory per GPU on the requested layout, and the smallest layout that fits;
 *                   null when only serving was asked for
 * @param inference  serving memory and speed limits; null when only training was asked for
 */
public record MemoryReport(Spec spec, ParameterCount parameters, Training training, InferenceMemory inference) {

  /**
   * Training memory.
   *
   * @param setup        how the model is trained (its sequence length resolved for this spec)
   * @param seqLenSource where the sequence length came from: "chosen", "context" or "default"
   * @param requested    the requested layout and its GPU that needs the most memory
   * @param gpuMemory    the bytes a model may use on one GPU (its memory less the reserve)
   * @param smallest     the smallest layout that fits; null when none within the limits does
   */
  public record Training(TrainingSetup setup, String seqLenSource, Fit requested, long gpuMemory, Fit smallest) {
    /** Whether the requested layout's largest GPU fits in {@code gpuMemory}. */
    public boolean fits() {
      return requested.largest().total() <= gpuMemory;
    }
  }

  /** A layout and the memory of its GPU that needs the most. */
  public record Fit(Layout layout, StageMemory largest) {}
}
