package dev.sizeup.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.flops.FlopsCounter;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Block;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.FeedForward;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.Latent;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Norm;
import dev.sizeup.spec.Norms;
import dev.sizeup.spec.Positions;
import dev.sizeup.spec.QkNorm;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * The counter against an independent oracle on random architectures: {@link TensorShapes} lists
 * the weight tensors a PyTorch module of the architecture allocates, and their sizes, summed per
 * component, must be the counter's parts exactly.
 */
class ParameterCountOracleTest {

  @Provide
  Arbitrary<Architecture> architectures() {
    Arbitrary<Long> layers = Arbitraries.longs().between(1, 6);
    Arbitrary<Long> dModel = Arbitraries.longs().between(1, 512).withDistribution(RandomDistribution.uniform());
    Arbitrary<Long> vocab = Arbitraries.longs().between(1, 70_000).withDistribution(RandomDistribution.uniform());
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<Norms> norms = Combinators.combine(Arbitraries.of(Norm.class), flag, flag).as(Norms::new);
    Arbitrary<Long> offset = Arbitraries.longs().between(0, 3);
    Arbitrary<Embeddings> embeddings = Combinators.combine(Arbitraries.of(Positions.class), offset, flag, flag)
        .as((pos, off, tied, bias) -> new Embeddings(pos, pos == Positions.LEARNED ? off : 0, tied, bias));
    Arbitrary<Long> context = Arbitraries.longs().between(1, 4096);
    return Combinators.combine(layers, dModel, vocab, context, norms, embeddings, blocks(), blocks().list().ofMaxSize(3))
        .as((l, d, v, ctx, n, e, block, extra) -> {
          if (extra.isEmpty() || l < extra.size() + 1) {
            return new Architecture(l, d, v, ctx, block, n, e);
          }
          // the architecture's own block first, then the others, one layer each but the first
          List<Group> groups = new java.util.ArrayList<>();
          groups.add(new Group(l - extra.size(), block));
          extra.forEach(b -> groups.add(new Group(1, b)));
          return new Architecture(l, d, v, ctx, block, n, e, groups);
        });
  }

  Arbitrary<Block> blocks() {
    Arbitrary<Long> groups = Arbitraries.longs().between(1, 8);
    Arbitrary<Long> groupSize = Arbitraries.of(1L, 2L, 4L);
    Arbitrary<Long> headDim = Arbitraries.of(8L, 16L, 24L, 64L);
    Arbitrary<Long> width = Arbitraries.longs().between(1, 2_048).withDistribution(RandomDistribution.uniform());
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<Latent> latent = Combinators.combine(Arbitraries.of(0L, 16L, 96L), Arbitraries.longs().between(1, 64),
            Arbitraries.longs().between(0, 32), Arbitraries.longs().between(1, 16), Arbitraries.longs().between(1, 32))
        .as(Latent::new).injectNull(0.7);
    Arbitrary<Attention.QkNorms> qkNorms = Combinators.combine(Arbitraries.of(QkNorm.class),
            Arbitraries.of(Norm.class).injectNull(0.5))
        .as((layout, kind) -> layout == QkNorm.NONE ? Attention.QkNorms.NONE : new Attention.QkNorms(layout, kind));
    Arbitrary<Attention> attention = Combinators.combine(groups, groupSize, headDim, flag, flag,
            qkNorms, flag, latent)
        .as((g, size, hd, qkv, out, qk, sinks, lat) -> lat == null
            ? new Attention(g * size, g, hd, new Attention.Bias(qkv, out), qk, sinks, null)
            : new Attention(g * size, g * size, hd, new Attention.Bias(qkv, out), Attention.QkNorms.NONE, sinks, lat));
    Arbitrary<Moe.Shared> shared = Combinators.combine(Arbitraries.longs().between(0, 2), width.injectNull(0.5), flag)
        .as((count, w, gate) -> count == 0 ? Moe.Shared.NONE : new Moe.Shared(count, w, gate));
    Arbitrary<Moe> moe = Combinators.combine(Arbitraries.longs().between(1, 8), Arbitraries.longs().between(1, 8),
            width.injectNull(0.5), shared, flag)
        .as((experts, k, w, sh, routerBias) -> new Moe(experts, Math.min(k, experts), w, sh, routerBias))
        .injectNull(0.5);
    Arbitrary<FeedForward> ffn = Combinators.combine(Arbitraries.of(FfnKind.class), width, flag).as(FeedForward::new);
    return Combinators.combine(attention, ffn, Arbitraries.longs().between(0, 4), moe).as(Block::new);
  }

  @Property(tries = 1000)
  void every_part_is_the_sum_of_its_tensors(@ForAll("architectures") Architecture a) {
    List<TensorShapes.Tensor> tensors = TensorShapes.of(a);
    Map<String, BigInteger> byComponent = new TreeMap<>();
    tensors.forEach(t -> byComponent.merge(t.component(), t.size(), BigInteger::add));
    ParameterCount p = ParameterCounter.count(a);
    Map<String, BigInteger> counted = new TreeMap<>(Map.of(
        "embedding", big(p.embedding()), "position", big(p.position()), "attention", big(p.attention()),
        "feed_forward", big(p.feedForward()), "norm", big(p.norm()), "output", big(p.output()),
        "router", big(p.router())));
    counted.values().removeIf(v -> v.signum() == 0);
    byComponent.values().removeIf(v -> v.signum() == 0);
    assertThat(counted).isEqualTo(byComponent);
    assertThat(big(p.total())).isEqualTo(sum(tensors));
  }

  /** A token uses every tensor but the routed experts it is not sent to (top_k of them are used). */
  @Property(tries = 1000)
  void active_parameters_leave_out_the_unused_routed_experts(@ForAll("architectures") Architecture a) {
    BigInteger active = sum(TensorShapes.of(a).stream().filter(t -> used(a, t)).toList());
    assertThat(big(ParameterCounter.count(a).active())).isEqualTo(active);
  }

  /** True unless the tensor belongs to a routed expert beyond the first top_k of its layer's block. */
  private static boolean used(Architecture a, TensorShapes.Tensor t) {
    int expert = TensorShapes.expert(t);
    if (expert < 0) {
      return true;
    }
    long layer = TensorShapes.layer(t);
    for (Group g : a.blocks()) {
      if (layer < g.layers()) {
        return expert < g.block().moe().topK();
      }
      layer -= g.layers();
    }
    throw new IllegalStateException("no layer " + TensorShapes.layer(t));
  }

  /** Each group's layer: every tensor of its first layer, the relative-position ones aside (they are positions). */
  @Property(tries = 1000)
  void each_groups_layer_is_the_tensors_of_one_of_its_layers(@ForAll("architectures") Architecture a) {
    List<TensorShapes.Tensor> tensors = TensorShapes.of(a);
    List<ParameterCount.GroupCount> groups = ParameterCounter.count(a).groups();
    long first = 0;
    for (ParameterCount.GroupCount g : groups) {
      long layer = first;
      BigInteger block = sum(tensors.stream()
          .filter(t -> TensorShapes.layer(t) == layer && !t.component().equals("position")).toList());
      assertThat(big(g.perLayer())).isEqualTo(block);
      first += g.layers();
    }
    assertThat(groups.get(0).perLayer()).isEqualTo(ParameterCounter.count(a).perLayer());
  }

  /** The breakdown's knobs: the tensors they name. */
  @Property(tries = 1000)
  void the_within_breakdown_is_the_tensors_of_each_knob(@ForAll("architectures") Architecture a) {
    List<TensorShapes.Tensor> tensors = TensorShapes.of(a);
    ParameterCount.Within w = ParameterCounter.count(a).within();
    assertThat(big(w.qkNorm())).isEqualTo(named(tensors, ".q_norm.", ".k_norm."));
    assertThat(big(w.latentNorms())).isEqualTo(named(tensors, ".q_a_layernorm.", ".kv_a_layernorm."));
    assertThat(big(w.attentionSinks())).isEqualTo(named(tensors, ".sinks"));
    assertThat(big(w.sharedExperts())).isEqualTo(named(tensors, ".shared_experts."));
  }

  private static BigInteger named(List<TensorShapes.Tensor> tensors, String... parts) {
    return sum(tensors.stream().filter(t -> java.util.Arrays.stream(parts).anyMatch(p -> t.name().contains(p))).toList());
  }

  /**
   * Kaplan et al. 2020, Table 1: the forward pass costs 2 FLOPs per weight a token is multiplied by
   * (the 2-D matrices it uses, and the vocab × d_model de-embedding even when it is tied to the
   * embedding) plus 2·n_layer·n_ctx·d_attn for the attention scores and values, that is, per layer
   * n_ctx · heads · (query/key width + value width), which differ for latent attention.
   */
  @Property(tries = 1000)
  void forward_flops_are_two_per_multiplied_weight_plus_attention(@ForAll("architectures") Architecture a) {
    BigInteger weights = sum(TensorShapes.of(a).stream()
        .filter(TensorShapes.Tensor::isMatmulWeight)
        .filter(t -> !t.name().equals("lm_head.weight"))
        .filter(t -> used(a, t))
        .toList()).add(big(a.vocab() * a.dModel()));
    long seq = 2048;
    double attention = 0;
    for (Group g : a.blocks()) {
      Attention att = g.block().attention();
      long qk = att.latent() == null ? att.headDim() : att.latent().qkHeadDim();
      long v = att.latent() == null ? att.headDim() : att.latent().vHeadDim();
      attention += (double) g.layers() * seq * att.heads() * (qk + v);
    }
    double expected = 2.0 * weights.doubleValue() + attention;
    assertThat(FlopsCounter.forward(a, seq)).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 1e-12));
  }

  private static BigInteger sum(List<TensorShapes.Tensor> tensors) {
    return tensors.stream().map(TensorShapes.Tensor::size).reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
