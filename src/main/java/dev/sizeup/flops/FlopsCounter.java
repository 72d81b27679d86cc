package dev.sizeup.flops;

import dev.sizeup.count.ParameterCount;
import dev.sizeup.count.ParameterCounter;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Group;

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
   * <p>The weights are every layer's attention projections and feed-forward matrices (the routed and
   * shared experts a token uses, and the router, for MoE) plus the vocab × d_model output head (the
   * "de-embed" row of Table 1, whether tied or not). The attention term counts QKᵀ (2·n_ctx·d_qk) and
   * the weighted sum of V (2·n_ctx·d_v) per layer, averaged over a causal context, which halves them:
   * n_ctx·(d_qk + d_v) (a sliding-window layer: see {@link #averageAttended}), which is Table 1's 2·n_ctx·d_attn when both are heads · head_dim (latent
   * attention's are heads·(qk_nope_head_dim + qk_rope_head_dim) and heads·v_head_dim). Each layer group
   * counts with its own block. Biases, norms, softmax and the embedding lookup are not counted.
   */
  public static double forward(Architecture a, long nCtx) {
    return Units.FORWARD_FLOPS_PER_PARAMETER_TOKEN * matmulWeights(a) + attention(a, nCtx);
  }

  /** The attention term of {@link #forward} alone: Kaplan et al. 2020, Table 1's 2·n_layer·n_ctx·d_attn (causal). */
  public static double attention(Architecture a, long nCtx) {
    double attention = 0;
    for (Group g : a.blocks()) {
      Attention att = g.block().attention();
      attention += 2.0 * g.layers() * averageAttended(nCtx, att.window()) * ((double) att.queryDim() + att.valueDim());
    }
    return attention;
  }

  /** The weights one token multiplies: every layer's (its experts' for MoE) and the vocab × d_model output head. */
  private static double matmulWeights(Architecture a) {
    double weights = (double) a.vocab() * a.dModel();
    for (Group g : a.blocks()) {
      weights += (double) g.layers() * ParameterCounter.activeMatmulWeightsPerLayer(a, g.block());
    }
    return weights;
  }

  /**
   * The keys a query attends to, averaged over the n_ctx positions of a causal sequence: n_ctx/2, or
   * with a sliding window w &lt; n_ctx, (w²/2 + (n_ctx − w)·w) / n_ctx = w − w²/(2·n_ctx).
   */
  static double averageAttended(long nCtx, Long window) {
    if (window == null || window >= nCtx) {
      return nCtx / 2.0;
    }
    double w = window;
    return w - w * w / (2.0 * nCtx);
  }

  /**
   * Forward FLOPs of generating one token at position {@code context} (decoding with a KV cache): 2 per
   * weight the token multiplies, as in {@link #forward}, plus QKᵀ and the weighted sum of V over the
   * whole cache, 2·context·(d_qk + d_v) per layer (a sliding-window layer attends to at most its
   * window), with no causal halving (Chowdhery et al. 2022, Appendix B, counts the same 2·(d_qk + d_v)
   * per attended token and layer).
   */
  public static double decode(Architecture a, long context) {
    double attention = 0;
    for (Group g : a.blocks()) {
      Attention att = g.block().attention();
      attention += 2.0 * g.layers() * att.attended(context) * ((double) att.queryDim() + att.valueDim());
    }
    return Units.FORWARD_FLOPS_PER_PARAMETER_TOKEN * matmulWeights(a) + attention;
  }
}
