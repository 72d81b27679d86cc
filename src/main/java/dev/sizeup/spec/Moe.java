package dev.sizeup.spec;

import java.util.List;

/**
 * Mixture-of-experts feed-forward: every layer's feed-forward block is replaced by {@code experts}
 * routed experts (each a full feed-forward block of width {@code d_ff}), of which a learned router
 * picks {@code top_k} per token (Shazeer et al. 2017; Fedus et al. 2021), plus {@code shared_experts}
 * that every token uses (DeepSeekMoE, Dai et al. 2024).
 */
public record Moe(long experts, long topK, long sharedExperts) {
  public Moe {
    Checks.positive("architecture.moe.experts", experts);
    Checks.positive("architecture.moe.top_k", topK);
    if (topK > experts) {
      throw new InvalidValueException(
          "architecture.moe.top_k", "top_k (" + topK + ") cannot exceed experts (" + experts + ")");
    }
    Checks.atLeastZero("architecture.moe.shared_experts", sharedExperts);
  }

  public static final Key<Moe, Long> EXPERTS = Key.of("experts", Key.Size.POSITIVE, Key.required(), Moe::experts,
      "routed experts per layer, each a full feed-forward block of width d_ff");
  public static final Key<Moe, Long> TOP_K = Key.of("top_k", Key.Size.POSITIVE, Key.required(), Moe::topK,
      "routed experts each token uses");
  public static final Key<Moe, Long> SHARED_EXPERTS = Key.of("shared_experts", Key.Size.NON_NEGATIVE,
      Key.fixed(0L, "none"), Moe::sharedExperts, "experts every token uses (DeepSeekMoE)");

  /** The keys of a {@code moe:} block, in the order they are echoed. */
  public static final List<Key<Moe, ?>> KEYS = List.of(EXPERTS, TOP_K, SHARED_EXPERTS);

  static Moe from(Key.Values v) {
    return new Moe(v.get(EXPERTS), v.get(TOP_K), v.get(SHARED_EXPERTS));
  }
}
