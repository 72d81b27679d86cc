package dev.sizeup.analysis;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.FlopsPerToken;
import dev.sizeup.memory.KvCache;
import dev.sizeup.scaling.ChinchillaAssessment;
import dev.sizeup.scaling.ScalingAssessment;
import dev.sizeup.spec.Spec;

/**
 * Everything {@code sizeup analyze} knows about one spec.
 *
 * @param kvCache what inference caches per token of context
 * @param scaling the scaling-law view of the training budget; null when no training tokens are known
 */
public record Analysis(Spec spec, ParameterCount parameters, FlopsPerToken flops, KvCache kvCache,
    ChinchillaAssessment chinchilla,
    ScalingAssessment scaling) {

  /** Bytes of every parameter in a 16-bit format (bf16 or fp16): 2 per parameter, every expert included. */
  public long weightsBytes16Bit() {
    return Math.multiplyExact(parameters.total(), KvCache.BYTES_PER_VALUE_16_BIT);
  }
}
