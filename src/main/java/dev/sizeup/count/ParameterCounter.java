package dev.sizeup.count;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Norms;

/**
 * Counts the parameters of a decoder-only transformer exactly, in 64-bit integers with overflow
 * checks ({@link ArithmeticException} when a count does not fit).
 *
 * <p>The layout follows GPT-2 (Radford et al. 2019) as implemented in nanoGPT's {@code model.py}
 * and Hugging Face's {@code GPT2LMHeadModel}, generalised the way LLaMA, Mistral and their kin
 * differ: per-layer attention has W_Q (d_model × heads·head_dim), W_K and W_V
 * (d_model × kv_heads·head_dim each; Ainslie et al. 2023 for grouped-query attention) and W_O
 * (heads·head_dim × d_model); the feed-forward block has 2 (MLP) or 3 (gated, Shazeer 2020)
 * d_model × d_ff matrices; Kaplan et al. 2020, Table 1 gives the same per-layer weight count
 * 2·d_model·(2·d_attn + d_ff)·… for the standard case.
 */
public final class ParameterCounter {
  private ParameterCounter() {}

  public static ParameterCount count(Architecture a) {
    long d = a.dModel();
    long layers = a.layers();
    Attention att = a.attention();
    Embeddings emb = a.embeddings();

    long embedding = multiplyExact(a.vocab(), d);
    long position = switch (emb.positions()) {
      case LEARNED -> multiplyExact(addExact(a.context(), emb.positionOffset()), d);
      // Dai et al. 2019, eq. 4: W_{k,R} (d_model × heads·head_dim) and u, v (heads·head_dim each), per layer
      case RELATIVE -> multiplyExact(layers, addExact(multiplyExact(d, att.queryDim()), multiplyExact(2L, att.queryDim())));
      case ROTARY, ALIBI, SINUSOIDAL, NONE -> 0;
    };

    long attentionPerLayer = addExact(attentionWeights(a), attentionBiases(a));

    long expertPerLayer = addExact(ffnWeights(a), a.ffn().bias() ? a.ffn().biasParameters(d) : 0);
    Moe moe = a.moe();
    long expertsStored = moe == null ? 1 : addExact(moe.experts(), moe.sharedExperts());
    long expertsActive = moe == null ? 1 : addExact(moe.topK(), moe.sharedExperts());
    long ffnPerLayer = multiplyExact(expertsStored, expertPerLayer);
    long routerPerLayer = moe == null ? 0 : multiplyExact(d, moe.experts());

    Norms norms = a.norms();
    long oneNorm = norms.kind().parameters(d);
    long normsPerLayer = multiplyExact(norms.perLayer(), oneNorm);
    long norm = addExact(multiplyExact(layers, normsPerLayer),
        addExact(norms.finalNorm() ? oneNorm : 0, norms.embeddingNorm() ? oneNorm : 0));

    long output = addExact(
        emb.tied() ? 0 : multiplyExact(a.vocab(), d),
        emb.outputBias() ? a.vocab() : 0);

    long attention = multiplyExact(layers, attentionPerLayer);
    long feedForward = multiplyExact(layers, ffnPerLayer);
    long router = multiplyExact(layers, routerPerLayer);
    long total = addExact(addExact(addExact(embedding, position), addExact(attention, feedForward)),
        addExact(addExact(norm, output), router));
    long inactiveExperts = multiplyExact(layers, multiplyExact(expertsStored - expertsActive, expertPerLayer));
    long perLayer = addExact(addExact(attentionPerLayer, ffnPerLayer), addExact(routerPerLayer, normsPerLayer));
    return new ParameterCount(embedding, position, attention, feedForward, norm, output, router,
        total, total - inactiveExperts, total - embedding - position - output, perLayer);
  }

  /** W_Q, W_K, W_V and W_O of one layer, without biases. */
  static long attentionWeights(Architecture a) {
    long d = a.dModel();
    return addExact(
        multiplyExact(2L, multiplyExact(d, a.attention().queryDim())), // W_Q and W_O
        multiplyExact(2L, multiplyExact(d, a.attention().kvDim()))); // W_K and W_V
  }

  static long attentionBiases(Architecture a) {
    Attention att = a.attention();
    long qkv = att.qkvBias() ? addExact(att.queryDim(), multiplyExact(2L, att.kvDim())) : 0;
    return addExact(qkv, att.outBias() ? a.dModel() : 0);
  }

  /** The weight matrices of one feed-forward block (one expert), without biases. */
  static long ffnWeights(Architecture a) {
    return multiplyExact(a.ffn().kind().matrices(), multiplyExact(a.dModel(), a.ffn().dFf()));
  }

  /**
   * The weights that one token multiplies in one layer's forward pass: attention projections,
   * the feed-forward matrices of the experts it uses, and the router. Used by the FLOP count.
   */
  public static long activeMatmulWeightsPerLayer(Architecture a) {
    Moe moe = a.moe();
    long experts = moe == null ? 1 : addExact(moe.topK(), moe.sharedExperts());
    long router = moe == null ? 0 : multiplyExact(a.dModel(), moe.experts());
    return addExact(addExact(attentionWeights(a), multiplyExact(experts, ffnWeights(a))), router);
  }
}
