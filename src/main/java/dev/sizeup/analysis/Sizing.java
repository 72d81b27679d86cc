package dev.sizeup.analysis;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.memory.Device;
import dev.sizeup.memory.InferenceMemory;
import dev.sizeup.memory.MemoryReport;
import dev.sizeup.memory.WeightFormat;
import dev.sizeup.plan.Plan;
import dev.sizeup.scaling.VerdictBands;
import java.util.List;
import java.util.Objects;

/**
 * Everything a sizing report says about one spec.
 *
 * @param analysis      counts, FLOPs, the Chinchilla verdict and the scaling laws' view, at the training
 *                      tokens (the spec's, the request's, or the Chinchilla rule's 20·N when neither gives any)
 * @param tokensAssumed whether the training tokens are the assumed 20·N rather than given
 * @param plan          every law's allocation of the same training compute, and its cost
 * @param memory        training memory on the requested layout and the smallest layout that fits, and
 *                      serving on the requested tensor-parallel degree
 * @param serving       one serving replica on the fewest GPUs that holds the model at its context
 * @param weights       the weights' bytes in each serving format
 * @param device        the GPU the memory is sized for, and what is kept back on it
 * @param bands         the thresholds the verdict was taken with
 */
public record Sizing(Analysis analysis, boolean tokensAssumed, Plan plan, MemoryReport memory,
    InferenceMemory serving, List<Weights> weights, Device device, VerdictBands bands) {

  public Sizing {
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(bands, "bands");
    weights = List.copyOf(weights);
  }

  /** The bytes of all the weights in one format. */
  public record Weights(WeightFormat format, long bytes) {
    public Weights {
      Objects.requireNonNull(format, "format");
      if (bytes < 0) {
        throw new IllegalArgumentException("weights cannot take " + bytes + " bytes");
      }
    }
  }

  /** The report's name: the spec's. */
  public String name() {
    return analysis.spec().name();
  }

  /** The training compute the report sizes: 6·N·D with N the active parameters. */
  public double trainingFlops() {
    return analysis.chinchilla().trainingFlops();
  }

  /**
   * A published model to compare with: its name, exact count and training tokens.
   *
   * @param name       the preset's name
   * @param parameters its exact count
   * @param tokens     its training tokens
   */
  public record Reference(String name, ParameterCount parameters, long tokens) {
    public Reference {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(parameters, "parameters");
      if (tokens < 1) {
        throw new IllegalArgumentException(name + ": a published model needs positive training tokens, got " + tokens);
      }
    }
  }
}
