package dev.sizeup.count;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.FeedForward;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Norm;
import dev.sizeup.spec.Norms;
import dev.sizeup.spec.Positions;

/** Test helpers that build architectures without YAML. */
final class Architectures {
  private Architectures() {}

  /** GPT-2 / GPT-3 layout: learned positions, MLP of 4·d_model, LayerNorm, biases, tied head. */
  static Architecture gpt(long layers, long dModel, long heads, long headDim, long context) {
    return new Architecture(layers, dModel, 50257, context,
        new Attention(heads, heads, headDim, true, true),
        new FeedForward(FfnKind.MLP, 4 * dModel, true),
        new Norms(Norm.LAYERNORM, 2, true, false),
        new Embeddings(Positions.LEARNED, 0, true, false),
        null);
  }

  static Architecture untied(Architecture a) {
    Embeddings e = a.embeddings();
    return new Architecture(a.layers(), a.dModel(), a.vocab(), a.context(), a.attention(), a.ffn(), a.norms(),
        new Embeddings(e.positions(), e.positionOffset(), false, e.outputBias()), a.moe());
  }
}
