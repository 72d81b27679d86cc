package dev.sizeup.memory;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Bounds;
import dev.sizeup.spec.Group;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest layout on which training fits: the fewest GPUs over the ZeRO stage, the tensor-parallel
 * degree t (dividing every layer's heads and key/value heads, at most {@code maxTp}) and the
 * pipeline-parallel degree p (dividing the layers), with the data-parallel degree the least that fits.
 * For a mixture of experts it also tries every expert-parallel degree ep that divides every layer's experts
 * (dp a multiple of ep). Among layouts with as many GPUs it prefers the lower ZeRO stage (less
 * communication; Rajbhandari et al. 2020, §7: stage 3 moves 1.5× the data of stages 0–2), then fewer
 * pipeline stages (a smaller pipeline bubble; Narayanan et al. 2021, §2.2), then less tensor
 * parallelism, then less expert parallelism.
 *
 * <p>Memory per GPU never grows with the data-parallel degree (ZeRO only divides), so the least dp for
 * each (stage, t, p) is found by bisection.
 */
public final class LayoutSearch {
  private LayoutSearch() {}

  /**
   * The bounds of the search.
   *
   * @param maxGpus the most GPUs a layout may use
   * @param maxTp   the largest tensor-parallel degree (tensor parallelism is kept within a node's
   *                NVLink domain: 8 GPUs on DGX/HGX H100 and A100 systems; Narayanan et al. 2021, §3.3)
   */
  public record Limits(long maxGpus, long maxTp) {
    /**
     * 16,384 GPUs (the 16K H100s of Llama 3 405B's pretraining, Llama Team 2024, §3.3) and t ≤ 8.
     */
    public static final Limits DEFAULT = new Limits(16_384, 8);

    public Limits {
      Bounds.check("max_gpus", maxGpus, 1, Layout.MAX_GPUS, "");
      Bounds.check("max_tp", maxTp, 1, Layout.MAX_GPUS, "");
    }
  }

  /**
   * The smallest layout that fits {@code device}, or null when none within the limits does.
   *
   * @param sequenceParallel whether layouts with t &gt; 1 use sequence parallelism
   */
  public static Layout smallest(Architecture a, TrainingSetup setup, Device device, Limits limits,
      boolean sequenceParallel) {
    long usable = device.usable();
    Layout best = null;
    for (long tp : tensorDegrees(a, limits.maxTp())) {
      for (long pp : divisors(a.layers())) {
        for (long ep : expertDegrees(a)) {
          long shards = tp * pp * ep; // GPUs of the smallest data-parallel group that holds ep expert ranks
          if (shards > limits.maxGpus() || (best != null && shards > best.gpus())) {
            continue;
          }
          for (int zero = 0; zero <= 3; zero++) {
            // dp = ep · m; memory never grows with m
            long maxM = zero == 0 ? 1 : limits.maxGpus() / shards;
            if (best != null) {
              maxM = Math.min(maxM, best.gpus() / shards);
            }
            if (maxM < 1 || !fits(a, setup, layout(maxM, tp, pp, ep, zero, sequenceParallel), usable)) {
              continue;
            }
            long lo = 1;
            long hi = maxM; // fits at hi
            while (lo < hi) {
              long mid = lo + (hi - lo) / 2;
              if (fits(a, setup, layout(mid, tp, pp, ep, zero, sequenceParallel), usable)) {
                hi = mid;
              } else {
                lo = mid + 1;
              }
            }
            Layout found = layout(hi, tp, pp, ep, zero, sequenceParallel);
            if (better(found, best)) {
              best = found;
            }
          }
        }
      }
    }
    return best;
  }

  /**
   * One serving replica on the fewest GPUs that holds it: the least tensor-parallel degree up to
   * {@code maxTp} (dividing the query heads; the key/value heads divided or replicated evenly) at which
   * a GPU's share of the weights and of the KV cache fits {@code device}; the widest such degree when
   * none fits, reported with {@link InferenceMemory#fits()} false.
   *
   * @param setup the serving setup; its tensor-parallel degree is replaced
   */
  public static InferenceMemory smallestServing(Architecture a, InferenceSetup setup, Device device, long maxTp) {
    InferenceMemory widest = null;
    for (long t : divisors(a.blocks().stream().mapToLong(g -> g.block().attention().heads())
        .reduce(0, LayoutSearch::gcd))) {
      if (t > maxTp || InferenceMemory.tensorParallelProblem(a, t) != null) {
        continue;
      }
      InferenceMemory m = InferenceMemory.of(a, new InferenceSetup(setup.weights(), setup.group(), setup.kv(),
          setup.batch(), setup.context(), t), device);
      if (m.fits()) {
        return m;
      }
      widest = m;
    }
    return widest;
  }


  private static Layout layout(long m, long tp, long pp, long ep, int zero, boolean sequenceParallel) {
    return new Layout(m * ep, tp, pp, ep, zero, sequenceParallel);
  }

  private static boolean fits(Architecture a, TrainingSetup setup, Layout layout, long usable) {
    return TrainingMemory.largest(a, setup, layout).total() <= usable;
  }

  private static boolean better(Layout x, Layout best) {
    if (best == null) {
      return true;
    }
    if (x.gpus() != best.gpus()) {
      return x.gpus() < best.gpus();
    }
    if (x.zero() != best.zero()) {
      return x.zero() < best.zero();
    }
    if (x.pp() != best.pp()) {
      return x.pp() < best.pp();
    }
    if (x.tp() != best.tp()) {
      return x.tp() < best.tp();
    }
    return x.ep() < best.ep();
  }

  /** The tensor-parallel degrees up to {@code maxTp} that divide every layer's heads and key/value heads. */
  static List<Long> tensorDegrees(Architecture a, long maxTp) {
    long g = 0;
    for (Group grp : a.blocks()) {
      g = gcd(g, gcd(grp.block().attention().heads(), grp.block().attention().kvHeads()));
    }
    List<Long> out = new ArrayList<>();
    for (long d : divisors(g)) {
      if (d <= maxTp) {
        out.add(d);
      }
    }
    return out;
  }

  /** The expert-parallel degrees that divide every mixture-of-experts layer's experts; only 1 for a dense model. */
  static List<Long> expertDegrees(Architecture a) {
    long g = 0;
    for (Group grp : a.blocks()) {
      if (grp.block().moe() != null) {
        g = gcd(g, grp.block().moe().experts());
      }
    }
    return g == 0 ? List.of(1L) : divisors(g);
  }

  static List<Long> divisors(long n) {
    List<Long> small = new ArrayList<>();
    List<Long> large = new ArrayList<>();
    for (long d = 1; d * d <= n; d++) {
      if (n % d == 0) {
        small.add(d);
        if (d != n / d) {
          large.add(0, n / d);
        }
      }
    }
    small.addAll(large);
    return small;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
