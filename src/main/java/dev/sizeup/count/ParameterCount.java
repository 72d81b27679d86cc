package dev.sizeup.count;

import java.util.List;

/**
 * Exact parameter counts of a model, by where they sit.
 *
 * @param embedding    token embedding, vocab × d_model
 * @param position     learned position table, (context + offset) × d_model; relative-position weights; 0 otherwise
 * @param attention    the attention projections, their biases and attention sinks, all layers
 * @param feedForward  feed-forward matrices and biases, all layers (every routed and shared expert)
 * @param norm         every norm: per layer (q/k and latent norms included), final, and after the embedding
 * @param output       untied output head (vocab × d_model) and its bias
 * @param router       mixture-of-experts routers, their biases and shared-expert gates; 0 for dense models
 * @param total        the sum of the seven parts above
 * @param active       parameters a single token uses (MoE: only top_k routed + the shared experts); = total when dense
 * @param nonEmbedding total − embedding − position − output (Kaplan et al. 2020, §2.1)
 * @param perLayer     parameters in one layer of the architecture's own block (attention + feed-forward +
 *                     router + its norms)
 * @param groups       per layer group: its layers and one of its layers' parameters (one group without groups)
 * @param within       the share of some parts that a particular knob accounts for
 */
public record ParameterCount(
    long embedding,
    long position,
    long attention,
    long feedForward,
    long norm,
    long output,
    long router,
    long total,
    long active,
    long nonEmbedding,
    long perLayer,
    List<GroupCount> groups,
    Within within) {

  /** One layer group's layers, and one of its layers' parameters. */
  public record GroupCount(long layers, long perLayer) {}

  /**
   * Parts of the parts, for the breakdown: each is already counted in the part named.
   *
   * @param qkNorm          q/k norms (in norm)
   * @param latentNorms     the norms on latent attention's query and key/value latents (in norm)
   * @param attentionSinks  attention sinks (in attention)
   * @param sharedExperts   shared experts (in feed_forward)
   */
  public record Within(long qkNorm, long latentNorms, long attentionSinks, long sharedExperts) {}

  public ParameterCount {
    long sum = Math.addExact(Math.addExact(Math.addExact(embedding, position), Math.addExact(attention, feedForward)),
        Math.addExact(Math.addExact(norm, output), router));
    if (sum != total) {
      throw new IllegalArgumentException("total " + total + " is not the sum of the parts " + sum);
    }
    if (nonEmbedding != total - embedding - position - output) {
      throw new IllegalArgumentException("non_embedding must be total - embedding - position - output");
    }
    if (active > total || active < 1) {
      throw new IllegalArgumentException("active " + active + " must be in [1, total]");
    }
    groups = List.copyOf(groups);
  }

  /** Active parameters outside the embedding, position table and output head (Kaplan's N for MoE). */
  public long activeNonEmbedding() {
    return active - embedding - position - output;
  }
}
