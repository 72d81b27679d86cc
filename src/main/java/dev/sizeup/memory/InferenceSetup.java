package dev.sizeup.memory;

import dev.sizeup.spec.Bounds;
import java.util.Objects;

/**
 * How a model is served: one replica over {@code tp} GPUs by tensor parallelism.
 *
 * @param weights the weights' format
 * @param group   the quantisation group of int4 weights
 * @param kv      the KV cache's format
 * @param batch   sequences decoded together
 * @param context tokens of context per sequence
 * @param tp      GPUs of the replica (tensor-parallel degree)
 */
public record InferenceSetup(WeightFormat weights, long group, KvFormat kv, long batch, long context, long tp) {
  public InferenceSetup {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(kv, "kv");
    Bounds.check("group_size", group, 1, 1L << 20, "weights");
    Bounds.check("batch", batch, 1, 1L << 24, "sequences");
    Bounds.check("context", context, 1, ActivationSetup.MAX_SEQ_LEN, "tokens");
    Bounds.check("tp", tp, 1, Layout.MAX_GPUS, "");
  }
}
