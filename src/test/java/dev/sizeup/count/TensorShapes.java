package dev.sizeup.count;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Norm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent oracle for the counter: the weight tensors a PyTorch module of the architecture
 * allocates, named the way Hugging Face checkpoints name them and with their shapes, built tensor by
 * tensor without any of the counter's formulas. Their sizes summed (in BigInteger) must equal the
 * counter's totals.
 */
final class TensorShapes {
  private TensorShapes() {}

  /** One tensor: its name, the component the counter files it under, and its shape. */
  record Tensor(String name, String component, long... shape) {
    BigInteger size() {
      BigInteger n = BigInteger.ONE;
      for (long s : shape) {
        n = n.multiply(BigInteger.valueOf(s));
      }
      return n;
    }

    /** A 2-D weight a token is multiplied by (not a norm, bias or embedding lookup). */
    boolean isMatmulWeight() {
      return shape.length == 2 && name.endsWith(".weight") && !component.equals("embedding")
          && !component.equals("position");
    }
  }

  static List<Tensor> of(Architecture a) {
    List<Tensor> t = new ArrayList<>();
    long d = a.dModel();
    Attention att = a.attention();
    long q = att.heads() * att.headDim();
    long kv = att.kvHeads() * att.headDim();
    t.add(new Tensor("model.embed_tokens.weight", "embedding", a.vocab(), d));
    switch (a.embeddings().positions()) {
      case LEARNED -> t.add(new Tensor("model.embed_positions.weight", "position",
          a.context() + a.embeddings().positionOffset(), d));
      case RELATIVE -> {
        for (int i = 0; i < a.layers(); i++) {
          String p = "model.layers." + i + ".attn.";
          t.add(new Tensor(p + "r_net.weight", "position", q, d));
          t.add(new Tensor(p + "r_w_bias", "position", att.heads(), att.headDim()));
          t.add(new Tensor(p + "r_r_bias", "position", att.heads(), att.headDim()));
        }
      }
      default -> { }
    }
    Norm norm = a.norms().kind();
    if (a.norms().embeddingNorm()) {
      norm(t, "model.embed_norm", norm, d);
    }
    for (int i = 0; i < a.layers(); i++) {
      String p = "model.layers." + i + ".";
      for (int j = 0; j < a.norms().perLayer(); j++) {
        norm(t, p + "norm_" + j, norm, d);
      }
      linear(t, p + "self_attn.q_proj", "attention", q, d, att.qkvBias());
      linear(t, p + "self_attn.k_proj", "attention", kv, d, att.qkvBias());
      linear(t, p + "self_attn.v_proj", "attention", kv, d, att.qkvBias());
      linear(t, p + "self_attn.o_proj", "attention", d, q, att.outBias());
      Moe moe = a.moe();
      if (moe == null) {
        ffn(t, p + "mlp.", a);
      } else {
        t.add(new Tensor(p + "mlp.gate.weight", "router", moe.experts(), d));
        for (int e = 0; e < moe.experts() + moe.sharedExperts(); e++) {
          ffn(t, p + "mlp.experts." + e + ".", a);
        }
      }
    }
    if (a.norms().finalNorm()) {
      norm(t, "model.norm", norm, d);
    }
    if (!a.embeddings().tied()) {
      t.add(new Tensor("lm_head.weight", "output", a.vocab(), d));
    }
    if (a.embeddings().outputBias()) {
      t.add(new Tensor("lm_head.bias", "output", a.vocab()));
    }
    return t;
  }

  private static void ffn(List<Tensor> t, String p, Architecture a) {
    long d = a.dModel();
    long f = a.ffn().dFf();
    boolean bias = a.ffn().bias();
    if (a.ffn().kind() == FfnKind.GATED) {
      linear(t, p + "gate_proj", "feed_forward", f, d, bias);
    }
    linear(t, p + "up_proj", "feed_forward", f, d, bias);
    linear(t, p + "down_proj", "feed_forward", d, f, bias);
  }

  private static void linear(List<Tensor> t, String name, String component, long out, long in, boolean bias) {
    t.add(new Tensor(name + ".weight", component, out, in));
    if (bias) {
      t.add(new Tensor(name + ".bias", component, out));
    }
  }

  private static void norm(List<Tensor> t, String name, Norm norm, long d) {
    if (norm == Norm.NONPARAMETRIC) {
      return;
    }
    t.add(new Tensor(name + ".weight", "norm", d));
    if (norm == Norm.LAYERNORM) {
      t.add(new Tensor(name + ".bias", "norm", d));
    }
  }

  /** The index of the expert a tensor belongs to, or -1. */
  static int expert(Tensor t) {
    int at = t.name().indexOf(".experts.");
    if (at < 0) {
      return -1;
    }
    String rest = t.name().substring(at + ".experts.".length());
    return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
  }

  static int layer(Tensor t) {
    int at = t.name().indexOf(".layers.");
    if (at < 0) {
      return -1;
    }
    String rest = t.name().substring(at + ".layers.".length());
    return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
  }
}
