package dev.sizeup.memory;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Block;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Latent;
import dev.sizeup.spec.Moe;

/**
 * The activations a training step stores for the backward pass, in bytes, after Korthikanti et al.
 * 2022, "Reducing Activation Recomputation in Large Transformer Models", §4 and Table 2, generalised
 * term by term (docs/memory.md derives each term).
 *
 * <p>For a GPT block (2 LayerNorms, heads · head_dim = h, a 4h MLP, 16-bit activations, dropout) the
 * paper's count per layer is s·b·h·(34 + 5·a·s/h) bytes: in the attention block 11·s·b·h + 5·a·s²·b
 * (the QKV input 2sbh, Q and K 4sbh, softmax output 2as²b, its dropout mask as²b and output 2as²b, V
 * 2sbh, the output projection's input 2sbh and its dropout mask sbh), in the MLP 19·s·b·h (input 2sbh,
 * GeLU input 8sbh and output 8sbh, dropout mask sbh), and 4·s·b·h for the two LayerNorms' inputs.
 * Here every width is the model's own: queries heads·head_dim, keys and values kv_heads·head_dim
 * (grouped-query attention), the feed-forward d_ff wide with 2 tensors (MLP) or 3 (gated: the gate's
 * pre-activation, the up projection and their product, as a fused SwiGLU stores them), each norm's
 * input, one byte per dropout mask and none without dropout. Tensor parallelism divides the tensors
 * inside the tensor-parallel region by t, which leaves the norms' inputs, the two projections' inputs
 * and the residual dropout masks whole (the paper's 10·s·b·h); sequence parallelism divides those too.
 */
public final class Activations {
  private Activations() {}

  /** Bytes of a dropout mask element (Korthikanti et al. 2022, §4.1: "1 byte"). */
  public static final long MASK_BYTES = 1;
  /** Bytes of an fp32 value: FlashAttention's log-sum-exp, the logits the loss is taken from. */
  public static final long FP32_BYTES = 4;
  /** Bytes of a token id (int64, as Megatron-LM's theoretical_memory_usage.py counts the input). */
  public static final long TOKEN_ID_BYTES = 8;

  /** One layer's stored activations in bytes for one micro-batch, on one tensor-parallel rank. */
  public static long perLayer(Architecture a, Block b, ActivationSetup s, long t, boolean sequenceParallel,
      long e) {
    long tokens = multiplyExact(s.microBatch(), s.seqLen());
    long h = a.dModel();
    if (s.recompute() == Recompute.FULL) {
      long input = multiplyExact(tokens, multiplyExact(e, h)); // Table 2: 2sbh per layer
      return sequenceParallel ? StateBytes.ceilDiv(input, t) : input;
    }
    Attention att = b.attention();
    Latent l = att.latent();
    // outside the tensor-parallel region, per token: the norms' inputs, the inputs of the attention and
    // feed-forward projections, the two residual dropout masks
    long outside = multiplyExact(e, multiplyExact(addExact(b.normsPerLayer(), 2), h));
    if (s.dropout()) {
      outside = addExact(outside, multiplyExact(2 * MASK_BYTES, h));
    }
    // inside, per token: what the attention products and the output projection need
    long keyWidth = l == null ? att.kvDim() : att.queryDim();
    long valueWidth = l == null ? att.kvDim() : att.valueDim();
    long inside = multiplyExact(e, addExact(addExact(att.queryDim(), keyWidth), addExact(valueWidth, att.valueDim())));
    if (l != null) {
      // the latents every rank computes whole: the query latent before and after its norm, the key/value
      // latent with the rotary key, and the key/value latent after its norm
      long latents = addExact(multiplyExact(2L, l.qLoraRank()), addExact(addExact(l.kvLoraRank(), l.qkRopeHeadDim()),
          l.kvLoraRank()));
      outside = addExact(outside, multiplyExact(e, latents));
    }
    if (att.qkNorm() != dev.sizeup.spec.QkNorm.NONE) {
      inside = addExact(inside, multiplyExact(e, addExact(att.queryDim(), keyWidth))); // the norms' inputs
    }
    inside = addExact(inside, feedForward(b, e, h));
    Moe moe = b.moe();
    if (moe != null) {
      outside = addExact(outside, multiplyExact(FP32_BYTES, moe.experts())); // the router's probabilities
    }
    long insideTotal = multiplyExact(tokens, inside);
    if (s.recompute() == Recompute.NONE) {
      insideTotal = addExact(insideTotal, scores(att, s, tokens, e));
    }
    long outsideTotal = multiplyExact(tokens, outside);
    return sequenceParallel
        ? StateBytes.ceilDiv(addExact(outsideTotal, insideTotal), t)
        : addExact(outsideTotal, StateBytes.ceilDiv(insideTotal, t));
  }

  /**
   * The attention scores' tensors: without a fused kernel a·s²·b values of the softmax output (2 bytes),
   * and with dropout its mask (1) and output (2), the paper's 5·a·s²·b; a fused kernel keeps only an
   * fp32 log-sum-exp per query and head.
   */
  private static long scores(Attention att, ActivationSetup s, long tokens, long e) {
    long perHeadToken = s.flash() ? FP32_BYTES : multiplyExact(s.seqLen(), s.dropout() ? addExact(2 * e, MASK_BYTES) : e);
    return multiplyExact(tokens, multiplyExact(att.heads(), perHeadToken));
  }

  /** The feed-forward's tensors per token inside the tensor-parallel region. */
  private static long feedForward(Block b, long e, long h) {
    long perWidth = b.ffn().kind() == FfnKind.GATED ? 3 : 2;
    Moe moe = b.moe();
    if (moe == null) {
      return multiplyExact(perWidth * e, b.ffn().dFf());
    }
    // each of the top_k routed copies of the token (the dispatched input) and its expert's tensors
    long routed = multiplyExact(moe.topK(),
        addExact(multiplyExact(e, h), multiplyExact(perWidth * e, moe.expertDFf(b.ffn().dFf()))));
    long shared = multiplyExact(moe.shared().count(), multiplyExact(perWidth * e, moe.sharedDFf(b.ffn().dFf())));
    return addExact(routed, shared);
  }

  /**
   * The first stage's activations besides its layers, per micro-batch: the token ids, and the
   * embedding's dropout mask (Korthikanti et al. 2022, §4.3).
   */
  public static long embedding(Architecture a, ActivationSetup s, long t, boolean sequenceParallel) {
    long tokens = multiplyExact(s.microBatch(), s.seqLen());
    long mask = s.dropout() ? multiplyExact(tokens, multiplyExact(MASK_BYTES, a.dModel())) : 0;
    return addExact(multiplyExact(TOKEN_ID_BYTES, tokens), sequenceParallel ? StateBytes.ceilDiv(mask, t) : mask);
  }

  /**
   * The last stage's activations besides its layers, per micro-batch (Korthikanti et al. 2022, §4.3:
   * 4·s·b·h·(1 + v/h)): the final norm's input and the output projection's input, and the fp32 logits
   * the loss is taken from, split t ways by vocabulary.
   */
  public static long output(Architecture a, ActivationSetup s, long t, boolean sequenceParallel, long e) {
    long tokens = multiplyExact(s.microBatch(), s.seqLen());
    long hidden = multiplyExact(tokens, multiplyExact(2 * e, a.dModel()));
    long logits = StateBytes.ceilDiv(multiplyExact(tokens, multiplyExact(FP32_BYTES, a.vocab())), t);
    return addExact(sequenceParallel ? StateBytes.ceilDiv(hidden, t) : hidden, logits);
  }
}
