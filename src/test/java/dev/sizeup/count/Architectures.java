package dev.sizeup.count;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Block;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.FeedForward;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Norm;
import dev.sizeup.spec.Norms;
import dev.sizeup.spec.Positions;
import dev.sizeup.spec.QkNorm;

/** Test helpers that build architectures without YAML. */
final class Architectures {
  private Architectures() {}

  /** Plain attention: no q/k norm, no sinks, no latent. */
  static Attention attention(long heads, long kvHeads, long headDim, boolean qkvBias, boolean outBias) {
    return new Attention(heads, kvHeads, headDim, new Attention.Bias(qkvBias, outBias), Attention.QkNorms.NONE, false, null);
  }

  /** GPT-2 / GPT-3 layout: learned positions, MLP of 4·d_model, LayerNorm, biases, tied head. */
  static Architecture gpt(long layers, long dModel, long heads, long headDim, long context) {
    return new Architecture(layers, dModel, 50257, context,
        new Block(attention(heads, heads, headDim, true, true), new FeedForward(FfnKind.MLP, 4 * dModel, true), 2, null),
        new Norms(Norm.LAYERNORM, true, false),
        new Embeddings(Positions.LEARNED, 0, true, false));
  }

  static Architecture untied(Architecture a) {
    Embeddings e = a.embeddings();
    return new Architecture(a.layers(), a.dModel(), a.vocab(), a.context(), a.block(), a.norms(),
        new Embeddings(e.positions(), e.positionOffset(), false, e.outputBias()), a.groups());
  }
}
