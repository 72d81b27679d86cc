package dev.sizeup.spec;

import java.util.List;

/**
 * Multi-head latent attention (DeepSeek-V2, DeepSeek-AI 2024, §2.1): keys and values are projected
 * down to a shared latent of kv_lora_rank (plus a decoupled rotary key of qk_rope_head_dim) and back up
 * per head; queries likewise through q_lora_rank (0: a plain query projection). Each head's query and
 * key are qk_nope_head_dim + qk_rope_head_dim wide, its value v_head_dim. The latent and the rotary key
 * are what the KV cache holds.
 *
 * @param qLoraRank     the query latent's width; 0 for a direct query projection (DeepSeek-V2-Lite)
 * @param kvLoraRank    the key/value latent's width
 * @param qkNopeHeadDim each head's query/key width without rotary positions
 * @param qkRopeHeadDim each head's query/key width with rotary positions (the key's is shared by all heads)
 * @param vHeadDim      each head's value width
 */
public record Latent(long qLoraRank, long kvLoraRank, long qkNopeHeadDim, long qkRopeHeadDim, long vHeadDim) {
  public Latent {
    Checks.atLeastZero("architecture.latent.q_lora_rank", qLoraRank);
    Checks.positive("architecture.latent.kv_lora_rank", kvLoraRank);
    Checks.atLeastZero("architecture.latent.qk_nope_head_dim", qkNopeHeadDim);
    Checks.positive("architecture.latent.qk_rope_head_dim", qkRopeHeadDim);
    Checks.positive("architecture.latent.v_head_dim", vHeadDim);
  }

  /** A head's query (and key) width: qk_nope_head_dim + qk_rope_head_dim. */
  public long qkHeadDim() {
    return Math.addExact(qkNopeHeadDim, qkRopeHeadDim);
  }

  private static final Key.Size POSITIVE = Key.Size.POSITIVE;

  public static final Key<Latent, Long> Q_LORA_RANK = Key.of("q_lora_rank", Key.Size.NON_NEGATIVE,
      Key.fixed(0L, "0: the queries are projected directly"), Latent::qLoraRank,
      "the query latent's width; 0 for a direct query projection");
  public static final Key<Latent, Long> KV_LORA_RANK = Key.of("kv_lora_rank", POSITIVE, Key.required(),
      Latent::kvLoraRank, "the key/value latent's width (what the KV cache holds, with the rotary key)");
  public static final Key<Latent, Long> QK_NOPE_HEAD_DIM = Key.of("qk_nope_head_dim", Key.Size.NON_NEGATIVE,
      Key.required(), Latent::qkNopeHeadDim, "each head's query/key width without rotary positions");
  public static final Key<Latent, Long> QK_ROPE_HEAD_DIM = Key.of("qk_rope_head_dim", POSITIVE, Key.required(),
      Latent::qkRopeHeadDim, "each head's query/key width with rotary positions");
  public static final Key<Latent, Long> V_HEAD_DIM = Key.of("v_head_dim", POSITIVE, Key.required(),
      Latent::vHeadDim, "each head's value width");

  /** The keys of a {@code latent:} block. */
  public static final List<Key<Latent, ?>> KEYS = List.of(Q_LORA_RANK, KV_LORA_RANK, QK_NOPE_HEAD_DIM,
      QK_ROPE_HEAD_DIM, V_HEAD_DIM);

  static Latent from(Key.Values v) {
    return new Latent(v.get(Q_LORA_RANK), v.get(KV_LORA_RANK), v.get(QK_NOPE_HEAD_DIM), v.get(QK_ROPE_HEAD_DIM),
        v.get(V_HEAD_DIM));
  }
}
