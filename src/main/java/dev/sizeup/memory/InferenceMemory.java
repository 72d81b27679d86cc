package dev.sizeup.memory;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.count.ParameterCounter;
import dev.sizeup.flops.FlopsCounter;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Latent;
import dev.sizeup.spec.Moe;
import dev.sizeup.spec.Positions;
import java.util.List;

/**
 * Serving memory and the speed limits no engine can beat, for one replica on t GPUs.
 *
 * <p>Weights per GPU: the tensor-parallel parts split t ways, the norms, routers and row-parallel biases
 * whole on every GPU (as in training, {@link ParameterCounter#split}). KV cache per token: 2 · layers ·
 * kv_heads · head_dim values (the keys and values of every key/value head; multi-head latent attention
 * caches its latent instead, see {@link KvCache}); on t GPUs each holds kv_heads/t heads, or one head
 * when t &gt; kv_heads (the heads are then replicated, as vLLM does), and a latent whole on every GPU.
 *
 * <p>Speed limits (the roofline, Williams et al. 2009): one decoding step of a batch of B sequences
 * reads every weight it uses once (of an untied input embedding and a position table, only the batch's
 * rows, which are not counted) and the whole batch's KV cache, so tokens/s ≤ B · bandwidth ÷ bytes
 * read per GPU; it also does B × {@link FlopsCounter#decode} FLOPs, so tokens/s ≤ t · peak ÷ FLOPs per
 * token. The smaller binds. For a mixture of experts the step reads the experts some token of the
 * batch uses: E·(1 − (1 − k/E)^B) per layer when each token picks k of E uniformly. Prefill of a prompt
 * is compute-bound: tokens/s ≤ t · peak ÷ {@link FlopsCounter#forward} at the context.
 */
public record InferenceMemory(
    InferenceSetup setup,
    long weights,
    long kvCachePerToken,
    long kvCache,
    PerGpu perGpu,
    long gpuMemory,
    long maxBatchAtContext,
    long maxContextAtBatch,
    Speed speed) {

  public InferenceMemory {
    // the sums must fit 64 bits (an ArithmeticException otherwise, reported as sizes too large)
    addExact(weights, kvCache);
  }

  /** weights + kvCache: the model's bytes, one copy of each. */
  public long total() {
    return addExact(weights, kvCache);
  }

  /** Whether one GPU's share fits in the memory the model may use on it. */
  public boolean fits() {
    return perGpu.total() <= gpuMemory;
  }

  /** One GPU's share, in bytes. */
  public record PerGpu(long weights, long kvCachePerToken, long kvCache) {
    public PerGpu {
      addExact(weights, kvCache); // must fit 64 bits
    }

    public long total() {
      return addExact(weights, kvCache);
    }
  }

  /** What bounds decoding. */
  public enum Bound implements dev.sizeup.spec.SpecEnum {
    MEMORY_BANDWIDTH,
    COMPUTE
  }

  /**
   * The speed limits.
   *
   * @param memoryTokensPerS      B · bandwidth ÷ bytes read per GPU per step
   * @param computeTokensPerS     t · peak ÷ decode FLOPs per token
   * @param prefillTokensPerS     t · peak ÷ forward FLOPs per token at the context
   * @param bytesPerStep          bytes one GPU reads per decoding step
   * @param flopsPerStep          FLOPs one GPU does per decoding step
   * @param ridge                 the GPU's peak ÷ bandwidth: above it a step is compute-bound
   * @param flops                 FLOPs per token of decoding and of prefill at the context
   * @param compute               the precision whose peak the bounds use; null when the GPU has no usable
   *                              peak, and then the compute bounds, the prefill bound and the ridge are null
   */
  public record Speed(double memoryTokensPerS, Double computeTokensPerS, Double prefillTokensPerS,
      double bytesPerStep, double flopsPerStep, Double ridge, TokenFlops flops, dev.sizeup.plan.Precision compute) {

    /** The decode bound: the lesser of the memory and compute bounds. */
    public double decodeTokensPerS() {
      return computeTokensPerS == null ? memoryTokensPerS : Math.min(memoryTokensPerS, computeTokensPerS);
    }

    /** Which of the two decode bounds binds. */
    public Bound bound() {
      return computeTokensPerS == null || memoryTokensPerS <= computeTokensPerS ? Bound.MEMORY_BANDWIDTH : Bound.COMPUTE;
    }

    /** FLOPs per byte of a decoding step. */
    public double arithmeticIntensity() {
      return flopsPerStep / bytesPerStep;
    }
  }

  /**
   * The precision the weights are multiplied in on {@code gpu}: the format's own (fp8, int8) where the GPU
   * has a peak for it, else bf16 or fp16, as weight-only kernels dequantise (vLLM's Marlin FP8 kernels on
   * GPUs without fp8 tensor cores); fp32 weights in fp32 or tf32; null when the GPU has none of them.
   */
  static dev.sizeup.plan.Precision computePrecision(dev.sizeup.plan.Gpu gpu, WeightFormat f) {
    dev.sizeup.plan.Precision[] order = f == WeightFormat.FP32
        ? new dev.sizeup.plan.Precision[] {dev.sizeup.plan.Precision.FP32, dev.sizeup.plan.Precision.TF32}
        : new dev.sizeup.plan.Precision[] {f.compute(), dev.sizeup.plan.Precision.BF16, dev.sizeup.plan.Precision.FP16};
    for (dev.sizeup.plan.Precision p : order) {
      if (gpu.peakFlopsPerSecond().containsKey(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Forward FLOPs per token at the context.
   *
   * @param decode  generating a token after {@code context} others: {@link FlopsCounter#decode}
   * @param prefill a token of a {@code context}-token prompt, causal attention averaged over the prompt:
   *                {@link FlopsCounter#forward}
   */
  public record TokenFlops(double decode, double prefill) {}

  public static InferenceMemory of(Architecture a, InferenceSetup s, Device device) {
    long t = s.tp();
    checkTensorParallel(a, t);
    WeightFormat f = s.weights();
    long otherBytes = f.otherBits() / 8;
    long sharded = 0;
    long replicated = 0;
    long routedSharded = 0; // the routed experts' bytes, in sharded
    long kvPerGpuValues = 0;
    List<CachedLayers> kvLayers = new java.util.ArrayList<>();
    double expectedRouted = 0; // bytes of the routed experts a decoding step reads, before the split
    for (Group g : a.blocks()) {
      long n = g.layers();
      ParameterCounter.LayerSplit split = ParameterCounter.split(a, g.block());
      long matrixParams = 0;
      long matrixBytes = 0;
      long replicatedParams = 0;
      long replicatedBytes = 0;
      long routed = 0;
      for (ParameterCounter.Matrix m : ParameterCounter.matrices(a, g.block())) {
        long b = f.matrixBytes(m, s.group());
        if (m.replicated()) {
          replicatedParams = addExact(replicatedParams, m.parameters());
          replicatedBytes = addExact(replicatedBytes, b);
          continue;
        }
        matrixParams = addExact(matrixParams, m.parameters());
        matrixBytes = addExact(matrixBytes, b);
        if (m.name().startsWith("expert")) {
          routed = addExact(routed, b);
        }
      }
      long shardedParams = addExact(split.sharded(), split.routedSharded());
      long layerSharded = addExact(matrixBytes, multiplyExact(shardedParams - matrixParams, otherBytes));
      long replicatedRest = addExact(split.replicated(), split.routedReplicated()) - replicatedParams;
      long layerReplicated = addExact(replicatedBytes, multiplyExact(replicatedRest, otherBytes));
      if (a.embeddings().positions() == Positions.RELATIVE) {
        long q = g.block().attention().queryDim();
        layerReplicated = addExact(layerReplicated,
            multiplyExact(addExact(multiplyExact(a.dModel(), q), 2 * q), otherBytes));
      }
      sharded = addExact(sharded, multiplyExact(n, layerSharded));
      replicated = addExact(replicated, multiplyExact(n, layerReplicated));
      routedSharded = addExact(routedSharded, multiplyExact(n, routed));
      Moe moe = g.block().moe();
      if (moe != null) {
        double unused = Math.pow(1.0 - (double) moe.topK() / moe.experts(), s.batch());
        expectedRouted += (double) n * routed * (1.0 - unused);
      }
      long groupValues = multiplyExact(n, kvValuesPerGpu(g.block().attention(), t));
      kvPerGpuValues = addExact(kvPerGpuValues, groupValues);
      kvLayers.add(new CachedLayers(groupValues, g.block().attention()));
    }
    long embedding = multiplyExact(a.vocab(), a.dModel());
    long headParams = addExact(a.embeddings().tied() ? 0 : embedding, a.embeddings().outputBias() ? a.vocab() : 0);
    sharded = addExact(sharded, multiplyExact(addExact(embedding, headParams), otherBytes));
    long oneNorm = a.norms().kind().parameters(a.dModel());
    long outerReplicated = addExact(a.norms().finalNorm() ? oneNorm : 0, a.norms().embeddingNorm() ? oneNorm : 0);
    if (a.embeddings().positions() == Positions.LEARNED) {
      outerReplicated = addExact(outerReplicated,
          multiplyExact(addExact(a.context(), a.embeddings().positionOffset()), a.dModel()));
    }
    replicated = addExact(replicated, multiplyExact(outerReplicated, otherBytes));

    long weights = addExact(sharded, replicated);
    long weightsPerGpu = addExact(StateBytes.ceilDiv(sharded, t), replicated);
    long kvPerToken = multiplyExact(KvCache.of(a).valuesPerToken(), s.kv().bytes());
    long kvPerGpuPerToken = multiplyExact(kvPerGpuValues, s.kv().bytes());
    long kvCache = multiplyExact(multiplyExact(KvCache.valuesAt(a, s.context()), s.kv().bytes()), s.batch());
    long kvPerSequencePerGpu = multiplyExact(valuesAt(kvLayers, s.context()), s.kv().bytes());
    long kvPerGpu = multiplyExact(kvPerSequencePerGpu, s.batch());
    long usable = device.usable();
    long free = usable - weightsPerGpu;
    long maxBatch = free <= 0 ? 0 : free / kvPerSequencePerGpu;
    long longest = a.context() != null ? a.context() : ActivationSetup.MAX_SEQ_LEN;
    long maxContext = free <= 0 ? 0 : longestContext(kvLayers, s.kv().bytes(), s.batch(), free, longest);

    // one decoding step, per GPU: every weight but the input embedding's and a position table's rows,
    // of which a step reads only the batch's (a tied embedding is read whole as the output head)
    double weightsRead = (double) weightsPerGpu;
    if (!a.embeddings().tied()) {
      weightsRead -= (double) multiplyExact(embedding, otherBytes) / t;
    }
    if (a.embeddings().positions() == Positions.LEARNED) {
      weightsRead -= (double) multiplyExact(multiplyExact(addExact(a.context(), a.embeddings().positionOffset()),
          a.dModel()), otherBytes);
    }
    if (routedSharded > 0) {
      weightsRead = weightsRead - (double) routedSharded / t + expectedRouted / t;
    }
    double bytesPerStep = weightsRead + (double) kvPerGpu;
    dev.sizeup.plan.Precision compute = computePrecision(device.gpu(), f);
    double bandwidth = device.gpu().bandwidth();
    double flopsPerToken = FlopsCounter.decode(a, s.context());
    double flopsPerStep = s.batch() * flopsPerToken / t;
    double memoryBound = s.batch() * bandwidth / bytesPerStep;
    double prefillFlops = FlopsCounter.forward(a, s.context());
    TokenFlops tokenFlops = new TokenFlops(flopsPerToken, prefillFlops);
    Double peak = compute == null ? null : device.gpu().peak(compute);
    Speed speed = new Speed(memoryBound, peak == null ? null : t * peak / flopsPerToken,
        peak == null ? null : t * peak / prefillFlops, bytesPerStep, flopsPerStep, peak == null ? null : peak / bandwidth,
        tokenFlops, compute);
    return new InferenceMemory(s, weights, kvPerToken, kvCache, new PerGpu(weightsPerGpu, kvPerGpuPerToken, kvPerGpu),
        usable, maxBatch, maxContext, speed);
  }

  /** Values cached per GPU for one sequence of {@code context} tokens: each group's layers keep min(context, window). */
  private static long valuesAt(List<CachedLayers> kvLayers, long context) {
    long v = 0;
    for (CachedLayers g : kvLayers) {
      v = addExact(v, multiplyExact(g.valuesPerToken(), g.attention().attended(context)));
    }
    return v;
  }

  /**
   * The longest context, up to {@code longest} (the model's context, else {@link ActivationSetup#MAX_SEQ_LEN}),
   * whose cache for {@code batch} sequences fits in {@code free} bytes (by bisection: the cache never
   * shrinks as the context grows; a size past 64 bits does not fit).
   */
  /** A layer group's cached values per token on one GPU, and its attention (whose window caps the tokens). */
  private record CachedLayers(long valuesPerToken, Attention attention) {}

  private static long longestContext(List<CachedLayers> kvLayers, long bytes, long batch, long free, long longest) {
    long lo = 0;
    long hi = longest;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      boolean fits;
      try {
        fits = multiplyExact(multiplyExact(valuesAt(kvLayers, mid), bytes), batch) <= free;
      } catch (ArithmeticException e) {
        fits = false;
      }
      if (fits) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Cached values per token of one layer on one of t GPUs. */
  private static long kvValuesPerGpu(Attention att, long t) {
    Latent l = att.latent();
    if (l != null) {
      return addExact(l.kvLoraRank(), l.qkRopeHeadDim());
    }
    long heads = Math.max(1, att.kvHeads() / t);
    return multiplyExact(2L, multiplyExact(heads, att.headDim()));
  }

  /**
   * t must divide the query heads, and the key/value heads must divide among t GPUs or be replicated
   * evenly across them (t a multiple of kv_heads).
   */
  static void checkTensorParallel(Architecture a, long t) {
    String problem = tensorParallelProblem(a, t);
    if (problem != null) {
      throw new InvalidValueException("tp", problem);
    }
  }

  /** Why t GPUs cannot serve the model by tensor parallelism, or null when they can. */
  static String tensorParallelProblem(Architecture a, long t) {
    for (Group g : a.blocks()) {
      Attention att = g.block().attention();
      if (att.heads() % t != 0) {
        return "tensor parallelism of " + t + " must divide the heads (" + att.heads()
            + ") so that each GPU serves whole heads";
      }
      if (att.kvHeads() % t != 0 && t % att.kvHeads() != 0) {
        return "tensor parallelism of " + t + " must divide the key/value heads (" + att.kvHeads()
            + ") or be a multiple of them";
      }
    }
    return null;
  }

}
