package dev.sizeup.flops;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.spec.Architecture;

/** FLOPs per token, in the two conventions the literature uses. */
public final class FlopsCounter {
  private FlopsCounter() {}

  /**
   * FLOPs per token in both conventions; the matmul count is taken at {@code seqLen} when given,
   * else at the spec's context, else left out (the 2N-based counts need no sequence length).
   */
  public static FlopsPerToken perToken(Architecture a, ParameterCount n, Long seqLen) {
    double nActive = n.active();
    double nNonEmbedding = n.activeNonEmbedding();
    Long s = seqLen != null ? seqLen : a.context();
    FlopsPerToken.SeqLenSource from = seqLen != null ? FlopsPerToken.SeqLenSource.CHOSEN
        : a.context() != null ? FlopsPerToken.SeqLenSource.CONTEXT : null;
    Double forward = s == null ? null : forward(a, s);
    Double training = forward == null ? null : Units.TRAINING_MULTIPLIER * forward;
    return new FlopsPerToken(
        Units.FORWARD_FLOPS_PER_PARAMETER_TOKEN * nActive,
        Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * nActive,
        Units.FORWARD_FLOPS_PER_PARAMETER_TOKEN * nNonEmbedding,
        Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * nNonEmbedding,
        s,
        from,
        forward,
        training);
  }

  /**
   * Forward matmul FLOPs per token at sequence length {@code nCtx}, after Kaplan et al. 2020,
   * Table 1: C_forward = 2·(weights the token multiplies) + 2·n_layer·n_ctx·d_attn.
   *
   * <p>The weights are every layer's Q, K, V and output projections and feed-forward matrices (the
   * routed and shared experts a token uses, and the router, for MoE) plus the vocab × d_model output
   * head (the "de-embed" row of Table 1, whether tied or not). The attention term counts QKᵀ and
   * the weighted sum of V, 2·n_ctx·d_attn each per layer, averaged over a causal context (which halves
   * them). d_attn = heads · head_dim. Biases, norms, softmax and the embedding lookup are not counted.
   */
  public static double forward(Architecture a, long nCtx) {
    double weights = (double) a.layers() * ParameterCounter.activeMatmulWeightsPerLayer(a)
        + (double) a.vocab() * a.dModel();
    double attention = 2.0 * a.layers() * (double) nCtx * a.attention().queryDim();
    return Units.FORWARD_FLOPS_PER_PARAMETER_TOKEN * weights + attention;
  }
}
