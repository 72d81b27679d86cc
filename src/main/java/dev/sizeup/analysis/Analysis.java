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
    ScalingAssessment scaling) {}
