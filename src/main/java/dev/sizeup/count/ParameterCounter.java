package dev.sizeup.count;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Block;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.FeedForward;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.Latent;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Norm;
import java.util.ArrayList;
import java.util.List;

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
 * 2·d_model·(2·d_attn + d_ff)·… for the standard case. Each layer group is counted with its own block.
 */
public final class ParameterCounter {
  private ParameterCounter() {}

  public static ParameterCount count(Architecture a) {
    long d = a.dModel();
    Embeddings emb = a.embeddings();
    long oneNorm = a.norms().kind().parameters(d);

    long embedding = multiplyExact(a.vocab(), d);
    long position = emb.positions() == dev.sizeup.spec.Positions.LEARNED
        ? multiplyExact(addExact(a.context(), emb.positionOffset()), d) : 0;

    long attention = 0;
    long feedForward = 0;
    long router = 0;
    long norm = addExact(a.norms().finalNorm() ? oneNorm : 0, a.norms().embeddingNorm() ? oneNorm : 0);
    long inactive = 0;
    long qkNorm = 0;
    long latentNorms = 0;
    long sinks = 0;
    long shared = 0;
    List<ParameterCount.GroupCount> groups = new ArrayList<>();
    for (Group g : a.blocks()) {
      BlockCount b = block(a, g.block());
      long n = g.layers();
      if (emb.positions() == dev.sizeup.spec.Positions.RELATIVE) {
        // Dai et al. 2019, eq. 4: W_{k,R} (d_model × heads·head_dim) and u, v (heads·head_dim each), per layer
        long q = g.block().attention().queryDim();
        position = addExact(position, multiplyExact(n, addExact(multiplyExact(d, q), multiplyExact(2L, q))));
      }
      attention = addExact(attention, multiplyExact(n, b.attention()));
      feedForward = addExact(feedForward, multiplyExact(n, b.feedForward()));
      router = addExact(router, multiplyExact(n, b.router()));
      norm = addExact(norm, multiplyExact(n, b.norms()));
      inactive = addExact(inactive, multiplyExact(n, b.inactive()));
      qkNorm = addExact(qkNorm, multiplyExact(n, b.qkNorm()));
      latentNorms = addExact(latentNorms, multiplyExact(n, b.latentNorms()));
      sinks = addExact(sinks, multiplyExact(n, b.sinks()));
      shared = addExact(shared, multiplyExact(n, b.shared()));
      groups.add(new ParameterCount.GroupCount(n, b.perLayer()));
    }

    long output = addExact(
        emb.tied() ? 0 : multiplyExact(a.vocab(), d),
        emb.outputBias() ? a.vocab() : 0);

    long total = addExact(addExact(addExact(embedding, position), addExact(attention, feedForward)),
        addExact(addExact(norm, output), router));
    return new ParameterCount(embedding, position, attention, feedForward, norm, output, router,
        total, total - inactive, total - embedding - position - output, block(a, a.block()).perLayer(), groups,
        new ParameterCount.Within(qkNorm, latentNorms, sinks, shared));
  }

  /**
   * One layer of a block.
   *
   * @param inactive the parameters of the routed experts a token does not use
   */
  record BlockCount(long attention, long feedForward, long router, long norms, long inactive, long qkNorm,
      long latentNorms, long sinks, long shared) {
    long perLayer() {
      return addExact(addExact(attention, feedForward), addExact(router, norms));
    }
  }

  static BlockCount block(Architecture a, Block b) {
    long d = a.dModel();
    Norm kind = a.norms().kind();
    Attention att = b.attention();

    long attention = addExact(attentionWeights(d, att), attentionBiases(d, att));
    long sinks = att.sinks() ? att.heads() : 0;
    attention = addExact(attention, sinks);

    Norm qkKind = att.qk().kindIn(kind);
    long qkNorm = switch (att.qkNorm()) {
      case NONE -> 0;
      case PER_HEAD -> multiplyExact(2L, qkKind.parameters(att.headDim()));
      case FULL -> addExact(qkKind.parameters(att.queryDim()), qkKind.parameters(att.kvDim()));
    };
    Latent latent = att.latent();
    long latentNorms = latent == null ? 0
        : addExact(latent.qLoraRank() > 0 ? kind.parameters(latent.qLoraRank()) : 0, kind.parameters(latent.kvLoraRank()));
    long norms = addExact(addExact(multiplyExact(b.normsPerLayer(), kind.parameters(d)), qkNorm), latentNorms);

    Moe moe = b.moe();
    FeedForward f = b.ffn();
    if (moe == null) {
      return new BlockCount(attention, ffn(d, f, f.dFf()), 0, norms, 0, qkNorm, latentNorms, sinks, 0);
    }
    long routed = ffn(d, f, moe.expertDFf(f.dFf()));
    long sharedOne = ffn(d, f, moe.sharedDFf(f.dFf()));
    long shared = multiplyExact(moe.shared().count(), sharedOne);
    long feedForward = addExact(multiplyExact(moe.experts(), routed), shared);
    long router = addExact(addExact(multiplyExact(d, moe.experts()), moe.routerBias() ? moe.experts() : 0),
        moe.shared().gate() ? d : 0);
    long inactive = multiplyExact(moe.experts() - moe.topK(), routed);
    return new BlockCount(attention, feedForward, router, norms, inactive, qkNorm, latentNorms, sinks, shared);
  }

  /**
   * The attention projections of one layer, without biases: W_Q, W_K, W_V and W_O; for latent attention
   * (DeepSeek-V2, §2.1.2–2.1.3) the query's down and up projections (or a plain W_Q), the key/value
   * down projection to kv_lora_rank plus the shared rotary key, the up projection to each head's
   * non-rotary key and value, and W_O from the values.
   */
  static long attentionWeights(long d, Attention att) {
    Latent l = att.latent();
    if (l == null) {
      return addExact(
          multiplyExact(2L, multiplyExact(d, att.queryDim())), // W_Q and W_O
          multiplyExact(2L, multiplyExact(d, att.kvDim()))); // W_K and W_V
    }
    long qHeads = att.queryDim();
    long query = l.qLoraRank() > 0
        ? addExact(multiplyExact(d, l.qLoraRank()), multiplyExact(l.qLoraRank(), qHeads))
        : multiplyExact(d, qHeads);
    long kvDown = multiplyExact(d, addExact(l.kvLoraRank(), l.qkRopeHeadDim()));
    long kvUp = multiplyExact(l.kvLoraRank(), multiplyExact(att.heads(), addExact(l.qkNopeHeadDim(), l.vHeadDim())));
    long out = multiplyExact(att.valueDim(), d);
    return addExact(addExact(query, kvDown), addExact(kvUp, out));
  }

  /**
   * The attention biases of one layer. For latent attention the bias flag applies, as in
   * transformers' DeepseekV2Attention, to the down projections and W_O.
   */
  static long attentionBiases(long d, Attention att) {
    Latent l = att.latent();
    if (l == null) {
      long qkv = att.bias().qkv() ? addExact(att.queryDim(), multiplyExact(2L, att.kvDim())) : 0;
      return addExact(qkv, att.bias().out() ? d : 0);
    }
    long qkv = att.bias().qkv()
        ? addExact(l.qLoraRank() > 0 ? l.qLoraRank() : att.queryDim(), addExact(l.kvLoraRank(), l.qkRopeHeadDim()))
        : 0;
    return addExact(qkv, att.bias().out() ? d : 0);
  }

  /** One feed-forward block (one expert) of hidden width {@code width}, its biases included. */
  static long ffn(long d, FeedForward f, long width) {
    long weights = multiplyExact(f.kind().matrices(), multiplyExact(d, width));
    long biases = f.bias() ? addExact(multiplyExact(f.kind().matrices() - 1L, width), d) : 0;
    return addExact(weights, biases);
  }

  /**
   * The weights that one token multiplies in one layer of {@code b}: the attention projections, the
   * feed-forward matrices of the experts it uses (top_k routed and the shared ones), the router and
   * the shared experts' gate. Used by the FLOP count.
   */
  public static long activeMatmulWeightsPerLayer(Architecture a, Block b) {
    long d = a.dModel();
    Moe moe = b.moe();
    FeedForward f = b.ffn();
    long attention = attentionWeights(d, b.attention());
    if (moe == null) {
      return addExact(attention, multiplyExact(f.kind().matrices(), multiplyExact(d, f.dFf())));
    }
    long routed = multiplyExact(moe.topK(), multiplyExact(f.kind().matrices(), multiplyExact(d, moe.expertDFf(f.dFf()))));
    long shared = multiplyExact(moe.shared().count(),
        multiplyExact(f.kind().matrices(), multiplyExact(d, moe.sharedDFf(f.dFf()))));
    long router = addExact(multiplyExact(d, moe.experts()), moe.shared().gate() ? d : 0);
    return addExact(addExact(attention, routed), addExact(shared, router));
  }

  /**
   * One weight matrix of a layer: {@code copies} matrices of {@code in} × {@code out} (input width ×
   * output width), without bias.
   */
  public record Matrix(String name, long in, long out, long copies) {
    public long parameters() {
      return multiplyExact(copies, multiplyExact(in, out));
    }

    /**
     * True for latent attention's down projections, which every tensor-parallel rank holds whole (vLLM's
     * {@code ReplicatedLinear} for q_a_proj and kv_a_proj_with_mqa; Megatron-Core's duplicated
     * linear_q_down_proj and linear_kv_down_proj): the latent is shared by all heads.
     */
    public boolean replicated() {
      return name.equals("q_down") || name.equals("kv_down");
    }
  }

  /**
   * The weight matrices of one layer of {@code b}, by shape: the attention projections and every
   * feed-forward matrix (each routed and shared expert's). The router, norms and biases are not
   * among them. Their sum is the layer's attention and feed-forward weights.
   */
  public static List<Matrix> matrices(Architecture a, Block b) {
    long d = a.dModel();
    Attention att = b.attention();
    Latent l = att.latent();
    List<Matrix> out = new ArrayList<>();
    if (l == null) {
      out.add(new Matrix("q", d, att.queryDim(), 1));
      out.add(new Matrix("k,v", d, att.kvDim(), 2));
    } else {
      if (l.qLoraRank() > 0) {
        out.add(new Matrix("q_down", d, l.qLoraRank(), 1));
        out.add(new Matrix("q_up", l.qLoraRank(), att.queryDim(), 1));
      } else {
        out.add(new Matrix("q", d, att.queryDim(), 1));
      }
      out.add(new Matrix("kv_down", d, addExact(l.kvLoraRank(), l.qkRopeHeadDim()), 1));
      out.add(new Matrix("kv_up", l.kvLoraRank(), multiplyExact(att.heads(), addExact(l.qkNopeHeadDim(), l.vHeadDim())), 1));
    }
    out.add(new Matrix("o", att.valueDim(), d, 1));
    FeedForward f = b.ffn();
    Moe moe = b.moe();
    if (moe == null) {
      ffnMatrices(out, "ffn", d, f, f.dFf(), 1);
    } else {
      ffnMatrices(out, "expert", d, f, moe.expertDFf(f.dFf()), moe.experts());
      if (moe.shared().count() > 0) {
        ffnMatrices(out, "shared_expert", d, f, moe.sharedDFf(f.dFf()), moe.shared().count());
      }
    }
    return List.copyOf(out);
  }

  private static void ffnMatrices(List<Matrix> out, String name, long d, FeedForward f, long width, long copies) {
    out.add(new Matrix(name + (f.kind().matrices() == 3 ? ".gate,up" : ".up"), d, width,
        multiplyExact(copies, f.kind().matrices() - 1L)));
    out.add(new Matrix(name + ".down", width, d, copies));
  }

  /**
   * How one layer's parameters lie across tensor- and expert-parallel ranks (Shoeybi et al. 2019,
   * Megatron-LM, §3; Megatron-LM's {@code theoretical_memory_usage.py}): the attention and feed-forward
   * weights are split t ways (column- and row-parallel linear layers, heads split across ranks); the
   * norms, the router and the shared-expert gate are replicated on every rank, and so is the bias of each
   * row-parallel layer (the attention output and each feed-forward block's down projection), which is
   * added after the all-reduce, and latent attention's down projections ({@link Matrix#replicated}). The
   * routed experts are counted apart, since expert parallelism divides
   * them further (Lepikhin et al. 2020, GShard, §2.2).
   *
   * @param sharded          parameters split t ways, routed experts aside
   * @param replicated       parameters every tensor-parallel rank holds in full, routed experts aside
   * @param routedSharded    the routed experts' parameters split t ways (and over the expert-parallel ranks)
   * @param routedReplicated the routed experts' row-parallel biases, whole on each tensor-parallel rank
   */
  public record LayerSplit(long sharded, long replicated, long routedSharded, long routedReplicated) {}

  public static LayerSplit split(Architecture a, Block b) {
    BlockCount c = block(a, b);
    long d = a.dModel();
    Moe moe = b.moe();
    FeedForward f = b.ffn();
    long rowBiases = b.attention().bias().out() ? d : 0;
    if (f.bias()) {
      long ffns = moe == null ? 1 : moe.shared().count();
      rowBiases = addExact(rowBiases, multiplyExact(ffns, d));
    }
    long routed = moe == null ? 0 : multiplyExact(moe.experts(), ffn(d, f, moe.expertDFf(f.dFf())));
    long routedRow = moe != null && f.bias() ? multiplyExact(moe.experts(), d) : 0;
    long replicated = addExact(addExact(c.norms(), c.router()), addExact(rowBiases, latentDown(d, b.attention())));
    return new LayerSplit(c.perLayer() - replicated - routed, replicated, routed - routedRow, routedRow);
  }

  /** Latent attention's down projections and their biases, which tensor parallelism does not split; 0 otherwise. */
  private static long latentDown(long d, Attention att) {
    Latent l = att.latent();
    if (l == null) {
      return 0;
    }
    long kv = addExact(l.kvLoraRank(), l.qkRopeHeadDim());
    long q = l.qLoraRank();
    long weights = addExact(multiplyExact(d, q), multiplyExact(d, kv));
    return att.bias().qkv() ? addExact(weights, addExact(q, kv)) : weights;
  }
}
