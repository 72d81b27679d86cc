package dev.sizeup.spec;

import java.util.List;

/**
 * Mixture-of-experts feed-forward: a layer's feed-forward block is replaced by {@code experts} routed
 * experts, of which a learned router picks {@code top_k} per token (Shazeer et al. 2017; Fedus et al.
 * 2021), plus shared experts that every token uses (DeepSeekMoE, Dai et al. 2024).
 *
 * @param experts    routed experts
 * @param topK       routed experts per token
 * @param dFf        each routed expert's hidden width; null for the layer's d_ff (Mixtral). DeepSeek's
 *                   and Qwen's MoE layers use a narrower {@code moe_intermediate_size}
 * @param shared     the shared experts
 * @param routerBias a bias on the router's logits, one per expert (gpt-oss)
 */
public record Moe(long experts, long topK, Long dFf, Shared shared, boolean routerBias) {

  /**
   * The experts every token uses.
   *
   * @param count how many
   * @param dFf   each one's hidden width; null for the routed experts' width
   * @param gate  a sigmoid gate that scales their output, a d_model × 1 weight (Qwen2-MoE's
   *              shared_expert_gate)
   */
  public record Shared(long count, Long dFf, boolean gate) {
    public static final Shared NONE = new Shared(0, null, false);
  }

  public Moe {
    Checks.positive("architecture.moe.experts", experts);
    Checks.positive("architecture.moe.top_k", topK);
    if (topK > experts) {
      throw new InvalidValueException(
          "architecture.moe.top_k", "top_k (" + topK + ") cannot exceed experts (" + experts + ")");
    }
    if (dFf != null) {
      Checks.positive("architecture.moe.d_ff", dFf);
    }
    Checks.present("architecture.moe.shared_experts", shared);
    Checks.atLeastZero("architecture.moe.shared_experts", shared.count());
    if (shared.dFf() != null) {
      Checks.positive("architecture.moe.shared_d_ff", shared.dFf());
    }
    if (shared.count() == 0 && (shared.dFf() != null || shared.gate())) {
      throw new InvalidValueException("architecture.moe.shared_experts",
          "shared_d_ff and shared_gate describe shared experts, but shared_experts is 0");
    }
  }

  /** A routed expert's width, given the layer's d_ff. */
  public long expertDFf(long layerDFf) {
    return dFf == null ? layerDFf : dFf;
  }

  /** A shared expert's width, given the layer's d_ff. */
  public long sharedDFf(long layerDFf) {
    return shared.dFf() == null ? expertDFf(layerDFf) : shared.dFf();
  }

  public static final Key<Moe, Long> EXPERTS = Key.of("experts", Key.Size.POSITIVE, Key.required(), Moe::experts,
      "routed experts per layer");
  public static final Key<Moe, Long> TOP_K = Key.of("top_k", Key.Size.POSITIVE, Key.required(), Moe::topK,
      "routed experts each token uses");
  public static final Key<Moe, Long> D_FF = Key.feature("d_ff", Key.Size.POSITIVE,
      v -> new Key.Default<>(null, null), null, Moe::dFf, "each routed expert's width; default: the layer's d_ff");
  public static final Key<Moe, Long> SHARED_EXPERTS = Key.of("shared_experts", Key.Size.NON_NEGATIVE,
      Key.fixed(0L, "none"), m -> m.shared().count(), "experts every token uses (DeepSeekMoE)");
  public static final Key<Moe, Long> SHARED_D_FF = Key.feature("shared_d_ff", Key.Size.POSITIVE,
      v -> new Key.Default<>(null, null), null, m -> m.shared().dFf(),
      "each shared expert's width; default: the routed experts' width");
  public static final Key<Moe, Boolean> SHARED_GATE = Key.feature("shared_gate", Key.Flag.INSTANCE,
      Key.fixed(false, "false"), false, m -> m.shared().gate(), "a d_model × 1 sigmoid gate on the shared experts");
  public static final Key<Moe, Boolean> ROUTER_BIAS = Key.feature("router_bias", Key.Flag.INSTANCE,
      Key.fixed(false, "false"), false, Moe::routerBias, "a bias on the router, one per expert");

  /** The keys of a {@code moe:} block, in the order they are echoed. */
  public static final List<Key<Moe, ?>> KEYS = List.of(EXPERTS, TOP_K, SHARED_EXPERTS, D_FF, SHARED_D_FF,
      SHARED_GATE, ROUTER_BIAS);

  static Moe from(Key.Values v) {
    return new Moe(v.get(EXPERTS), v.get(TOP_K), v.get(D_FF),
        new Shared(v.get(SHARED_EXPERTS), v.get(SHARED_D_FF), v.get(SHARED_GATE)), v.get(ROUTER_BIAS));
  }
}
