package dev.sizeup.spec;

import java.util.List;

/**
 * Normalisation of the queries and keys before attention, with the model's norm kind. It is the
 * only thing that tells these designs apart for a count: a norm over one head's width, shared by all
 * heads, or weights for the whole projection width.
 */
public enum QkNorm implements SpecEnum {
  NONE(List.of()),
  /**
   * One norm over head_dim for the queries and one for the keys, shared by every head: 2 · head_dim
   * weights per layer (Qwen3, Gemma 3: q_norm and k_norm of RMSNorm(head_dim); Qwen3 technical report,
   * Yang et al. 2025, §2: "QK-Norm").
   */
  PER_HEAD(List.of("head")),
  /**
   * Weights over the whole query and key projections: (heads + kv_heads) · head_dim per layer. OLMo 2
   * normalises over the full width (q_norm of RMSNorm(heads · head_dim), k_norm of RMSNorm(kv_heads ·
   * head_dim); OLMo et al. 2024, §3.1); Cohere and StableLM keep one norm per head, which has the same
   * weights.
   */
  FULL(List.of());

  private final List<String> aliases;

  QkNorm(List<String> aliases) {
    this.aliases = aliases;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }
}
