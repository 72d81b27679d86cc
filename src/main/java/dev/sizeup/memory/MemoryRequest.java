package dev.sizeup.memory;

import dev.sizeup.spec.Bounds;
import java.util.Objects;

/**
 * What {@code sizeup memory} is asked, for every input alike.
 *
 * @param training         how the model is trained; its activation sequence length is a default that a
 *                         spec's context replaces when {@code seqLen} is null
 * @param seqLen           the training sequence length; null for each spec's context (or
 *                         {@link #FALLBACK_SEQ_LEN} without one)
 * @param gpus             GPUs for training: dp = gpus / (tp · pp); null for dp = 1
 * @param tp               tensor-parallel degree (training and serving)
 * @param pp               pipeline-parallel degree (training)
 * @param ep               expert-parallel degree (training)
 * @param zero             ZeRO stage
 * @param sequenceParallel sequence parallelism where t &gt; 1
 * @param device           the GPU and the memory kept back on it
 * @param limits           the bounds of the smallest-layout search
 * @param inference        the serving setup; its context is null for the training sequence length
 * @param sections         which of training and serving to size
 */
public record MemoryRequest(TrainingSetup training, Long seqLen, Long gpus, long tp, long pp, long ep, int zero,
    boolean sequenceParallel, Device device, LayoutSearch.Limits limits, Serving inference, Sections sections) {

  /** What to size: training, serving, or both. A layout only training needs is checked only for training. */
  public enum Sections {
    BOTH,
    TRAINING,
    INFERENCE;

    public boolean training() {
      return this != INFERENCE;
    }

    public boolean inference() {
      return this != TRAINING;
    }
  }

  /** The training sequence length when neither the caller nor the spec gives one (GPT-3's 2,048). */
  public static final long FALLBACK_SEQ_LEN = 2048;

  /**
   * The serving request.
   *
   * @param weights the weights' format
   * @param group   the int4 quantisation group
   * @param kv      the KV cache's format
   * @param batch   sequences decoded together
   * @param context tokens of context; null for the training sequence length
   */
  public record Serving(WeightFormat weights, long group, KvFormat kv, long batch, Long context) {
    public Serving {
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(kv, "kv");
      Bounds.check("group_size", group, 1, 1L << 20, "weights");
      Bounds.check("batch", batch, 1, 1L << 24, "sequences");
      if (context != null) {
        Bounds.check("context", context, 1, ActivationSetup.MAX_SEQ_LEN, "tokens");
      }
    }
  }

  public MemoryRequest {
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(sections, "sections");
    if (seqLen != null) {
      Bounds.check("seq_len", seqLen, 1, ActivationSetup.MAX_SEQ_LEN, "tokens");
    }
    Bounds.check("tp", tp, 1, Layout.MAX_GPUS, "");
    Bounds.check("pp", pp, 1, Layout.MAX_GPUS, "");
    Bounds.check("ep", ep, 1, Layout.MAX_GPUS, "");
    if ((double) tp * pp * ep > Layout.MAX_GPUS) {
      throw new dev.sizeup.spec.InvalidValueException("tp", "tensor × pipeline × expert parallelism (" + tp + " × " + pp
          + " × " + ep + ") is more than " + Layout.MAX_GPUS + " GPUs");
    }
    Bounds.check("zero", zero, 0, 3, "(the ZeRO stages are 0, 1, 2 and 3)");
    if (gpus != null) {
      Bounds.check("gpus", gpus, 1, Layout.MAX_GPUS, "");
      if (gpus % (tp * pp) != 0) {
        throw new dev.sizeup.spec.InvalidValueException("gpus", gpus + " GPUs do not divide into tensor-parallel "
            + "groups of " + tp + " × pipeline stages of " + pp + " (" + tp * pp + " GPUs per replica)");
      }
    }
  }

  /** The data-parallel degree: gpus / (tp · pp), or ep (the least that holds the expert ranks) without gpus. */
  public long dp() {
    return gpus == null ? ep : gpus / (tp * pp);
  }
}
