package dev.sizeup.memory;

import dev.sizeup.spec.Bounds;
import java.util.Objects;

/**
 * What decides the activations training stores.
 *
 * @param microBatch sequences per micro-batch, b
 * @param seqLen     tokens per sequence, s
 * @param recompute  activation recomputation
 * @param flash      a fused attention kernel that never stores the a·s² scores (FlashAttention, Dao et
 *                   al. 2022), keeping instead a log-sum-exp per query and head in fp32 (Dao 2023,
 *                   FlashAttention-2, Algorithm 1)
 * @param dropout    dropout after the attention probabilities, the attention output, the feed-forward
 *                   output and the embedding (GPT-2/GPT-3 and Korthikanti et al. 2022); without it no
 *                   dropout masks are stored (most pretraining since LLaMA uses none)
 */
public record ActivationSetup(long microBatch, long seqLen, Recompute recompute, boolean flash, boolean dropout) {
  /** The longest sequence considered (2^27 tokens). */
  public static final long MAX_SEQ_LEN = 1L << 27;

  public ActivationSetup {
    Bounds.check("micro_batch", microBatch, 1, 1L << 24, "sequences");
    Bounds.check("seq_len", seqLen, 1, MAX_SEQ_LEN, "tokens");
    Objects.requireNonNull(recompute, "recompute");
  }
}
