package dev.sizeup.count;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Block;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.Latent;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Norm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent oracle for the counter: the weight tensors a PyTorch module of the architecture
 * allocates, named the way Hugging Face checkpoints name them and with their shapes, built tensor by
 * tensor without any of the counter's formulas. Their sizes summed (in BigInteger) must equal the
 * counter's totals. Latent attention follows transformers' DeepseekV2Attention; q/k norms Qwen3's
 * (per head) and OLMo 2's (full width); sinks gpt-oss's; shared experts and their gate Qwen2-MoE's.
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
          && !component.equals("position") && !component.equals("norm");
    }
  }

  static List<Tensor> of(Architecture a) {
    List<Tensor> t = new ArrayList<>();
    long d = a.dModel();
    t.add(new Tensor("model.embed_tokens.weight", "embedding", a.vocab(), d));
    Norm norm = a.norms().kind();
    if (a.norms().embeddingNorm()) {
      norm(t, "model.embed_norm", norm, d);
    }
    int layer = 0;
    for (Group g : a.blocks()) {
      for (long i = 0; i < g.layers(); i++, layer++) {
        layer(t, a, g.block(), "model.layers." + layer + ".");
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
    if (a.embeddings().positions() == dev.sizeup.spec.Positions.LEARNED) {
      t.add(new Tensor("model.embed_positions.weight", "position", a.context() + a.embeddings().positionOffset(), d));
    }
    return t;
  }

  private static void layer(List<Tensor> t, Architecture a, Block b, String p) {
    long d = a.dModel();
    Norm norm = a.norms().kind();
    Attention att = b.attention();
    if (a.embeddings().positions() == dev.sizeup.spec.Positions.RELATIVE) {
      long width = att.heads() * (att.latent() == null ? att.headDim() : att.latent().qkHeadDim());
      t.add(new Tensor(p + "attn.r_net.weight", "position", width, d));
      t.add(new Tensor(p + "attn.r_w_bias", "position", width));
      t.add(new Tensor(p + "attn.r_r_bias", "position", width));
    }
    for (int j = 0; j < b.normsPerLayer(); j++) {
      norm(t, p + "norm_" + j, norm, d);
    }
    String s = p + "self_attn.";
    Latent l = att.latent();
    boolean qkvBias = att.bias().qkv();
    if (l == null) {
      linear(t, s + "q_proj", "attention", att.heads() * att.headDim(), d, qkvBias);
      linear(t, s + "k_proj", "attention", att.kvHeads() * att.headDim(), d, qkvBias);
      linear(t, s + "v_proj", "attention", att.kvHeads() * att.headDim(), d, qkvBias);
      linear(t, s + "o_proj", "attention", d, att.heads() * att.headDim(), att.bias().out());
    } else {
      long qk = l.qkNopeHeadDim() + l.qkRopeHeadDim();
      if (l.qLoraRank() > 0) {
        linear(t, s + "q_a_proj", "attention", l.qLoraRank(), d, qkvBias);
        norm(t, s + "q_a_layernorm", norm, l.qLoraRank());
        linear(t, s + "q_b_proj", "attention", att.heads() * qk, l.qLoraRank(), false);
      } else {
        linear(t, s + "q_proj", "attention", att.heads() * qk, d, qkvBias);
      }
      linear(t, s + "kv_a_proj_with_mqa", "attention", l.kvLoraRank() + l.qkRopeHeadDim(), d, qkvBias);
      norm(t, s + "kv_a_layernorm", norm, l.kvLoraRank());
      linear(t, s + "kv_b_proj", "attention", att.heads() * (l.qkNopeHeadDim() + l.vHeadDim()), l.kvLoraRank(), false);
      linear(t, s + "o_proj", "attention", d, att.heads() * l.vHeadDim(), att.bias().out());
    }
    Norm qkKind = att.qk().kind() == null ? norm : att.qk().kind();
    switch (att.qkNorm()) {
      case PER_HEAD -> {
        norm(t, s + "q_norm", qkKind, att.headDim());
        norm(t, s + "k_norm", qkKind, att.headDim());
      }
      case FULL -> {
        norm(t, s + "q_norm", qkKind, att.heads() * att.headDim());
        norm(t, s + "k_norm", qkKind, att.kvHeads() * att.headDim());
      }
      default -> { }
    }
    if (att.sinks()) {
      t.add(new Tensor(s + "sinks", "attention", att.heads()));
    }
    Moe moe = b.moe();
    long f = b.ffn().dFf();
    if (moe == null) {
      ffn(t, p + "mlp.", b, d, f);
      return;
    }
    t.add(new Tensor(p + "mlp.gate.weight", "router", moe.experts(), d));
    if (moe.routerBias()) {
      t.add(new Tensor(p + "mlp.gate.bias", "router", moe.experts()));
    }
    long expert = moe.dFf() == null ? f : moe.dFf();
    for (int e = 0; e < moe.experts(); e++) {
      ffn(t, p + "mlp.experts." + e + ".", b, d, expert);
    }
    long shared = moe.shared().dFf() == null ? expert : moe.shared().dFf();
    for (int e = 0; e < moe.shared().count(); e++) {
      ffn(t, p + "mlp.shared_experts." + e + ".", b, d, shared);
    }
    if (moe.shared().gate()) {
      t.add(new Tensor(p + "mlp.shared_expert_gate.weight", "router", 1, d));
    }
  }

  private static void ffn(List<Tensor> t, String p, Block b, long d, long f) {
    boolean bias = b.ffn().bias();
    if (b.ffn().kind() == FfnKind.GATED) {
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

  private static void norm(List<Tensor> t, String name, Norm norm, long width) {
    if (norm == Norm.NONPARAMETRIC) {
      return;
    }
    t.add(new Tensor(name + ".weight", "norm", width));
    if (norm == Norm.LAYERNORM) {
      t.add(new Tensor(name + ".bias", "norm", width));
    }
  }

  /** The index of the routed expert a tensor belongs to, or -1 (shared experts are not routed). */
  static int expert(Tensor t) {
    int at = t.name().indexOf(".mlp.experts.");
    if (at < 0) {
      return -1;
    }
    String rest = t.name().substring(at + ".mlp.experts.".length());
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
