package dev.sizeup.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.flops.FlopsCounter;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Embeddings;
import dev.sizeup.spec.FeedForward;
import dev.sizeup.spec.FfnKind;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Norm;
import dev.sizeup.spec.Norms;
import dev.sizeup.spec.Positions;
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
    Arbitrary<Long> groups = Arbitraries.longs().between(1, 8);
    Arbitrary<Long> groupSize = Arbitraries.of(1L, 2L, 4L);
    Arbitrary<Long> headDim = Arbitraries.of(8L, 16L, 24L, 64L);
    Arbitrary<Long> dModel = Arbitraries.longs().between(1, 512).withDistribution(RandomDistribution.uniform());
    Arbitrary<Long> vocab = Arbitraries.longs().between(1, 70_000).withDistribution(RandomDistribution.uniform());
    Arbitrary<Long> dFf = Arbitraries.longs().between(1, 2_048).withDistribution(RandomDistribution.uniform());
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<Moe> moe = Combinators.combine(Arbitraries.longs().between(1, 8), Arbitraries.longs().between(1, 8),
            Arbitraries.longs().between(0, 2))
        .as((experts, k, shared) -> new Moe(experts, Math.min(k, experts), shared))
        .injectNull(0.5);
    Arbitrary<Attention> attention = Combinators.combine(groups, groupSize, headDim, flag, flag)
        .as((g, size, hd, qkv, out) -> new Attention(g * size, g, hd, qkv, out));
    Arbitrary<FeedForward> ffn = Combinators.combine(Arbitraries.of(FfnKind.class), dFf, flag).as(FeedForward::new);
    Arbitrary<Norms> norms = Combinators.combine(Arbitraries.of(Norm.class), Arbitraries.longs().between(0, 4), flag, flag)
        .as(Norms::new);
    Arbitrary<Long> offset = Arbitraries.longs().between(0, 3);
    Arbitrary<Embeddings> embeddings = Combinators.combine(Arbitraries.of(Positions.class), offset, flag, flag)
        .as((pos, off, tied, bias) -> new Embeddings(pos, pos == Positions.LEARNED ? off : 0, tied, bias));
    Arbitrary<Long> context = Arbitraries.longs().between(1, 4096);
    return Combinators.combine(layers, dModel, vocab, context, attention, ffn, norms, embeddings)
        .flatAs((l, d, v, ctx, att, f, n, e) -> moe.map(m -> new Architecture(l, d, v, ctx, att, f, n, e, m)));
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
    long topK = a.moe() == null ? Long.MAX_VALUE : a.moe().topK();
    long routed = a.moe() == null ? 0 : a.moe().experts();
    BigInteger active = sum(TensorShapes.of(a).stream()
        .filter(t -> TensorShapes.expert(t) < 0 || TensorShapes.expert(t) < topK || TensorShapes.expert(t) >= routed)
        .toList());
    assertThat(big(ParameterCounter.count(a).active())).isEqualTo(active);
  }

  /** One block: every tensor of layer 0, the relative-position ones aside (they are counted as positions). */
  @Property(tries = 1000)
  void per_layer_is_the_tensors_of_one_block(@ForAll("architectures") Architecture a) {
    BigInteger block = sum(TensorShapes.of(a).stream()
        .filter(t -> TensorShapes.layer(t) == 0 && !t.component().equals("position")).toList());
    assertThat(big(ParameterCounter.count(a).perLayer())).isEqualTo(block);
  }

  /**
   * Kaplan et al. 2020, Table 1: the forward pass costs 2 FLOPs per weight a token is multiplied by
   * (the 2-D matrices it uses, and the vocab × d_model de-embedding even when it is tied to the
   * embedding) plus 2·n_layer·n_ctx·d_attn for the attention scores and values.
   */
  @Property(tries = 1000)
  void forward_flops_are_two_per_multiplied_weight_plus_attention(@ForAll("architectures") Architecture a) {
    long topK = a.moe() == null ? Long.MAX_VALUE : a.moe().topK();
    long routed = a.moe() == null ? 0 : a.moe().experts();
    BigInteger weights = sum(TensorShapes.of(a).stream()
        .filter(TensorShapes.Tensor::isMatmulWeight)
        .filter(t -> !t.name().equals("lm_head.weight"))
        .filter(t -> TensorShapes.expert(t) < 0 || TensorShapes.expert(t) < topK || TensorShapes.expert(t) >= routed)
        .toList()).add(big(a.vocab() * a.dModel()));
    long seq = 2048;
    double expected = 2.0 * weights.doubleValue() + 2.0 * a.layers() * seq * a.attention().heads() * a.attention().headDim();
    assertThat(FlopsCounter.forward(a, seq)).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 1e-12));
  }

  private static BigInteger sum(List<TensorShapes.Tensor> tensors) {
    return tensors.stream().map(TensorShapes.Tensor::size).reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
