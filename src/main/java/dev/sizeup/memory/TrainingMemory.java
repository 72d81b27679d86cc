package dev.sizeup.memory;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.count.ParameterCounter;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.Positions;
import java.util.ArrayList;
import java.util.List;

/**
 * Training memory per GPU for a layout: model states after ZeRO (Rajbhandari et al. 2020, §5) and
 * activations after Korthikanti et al. 2022, for every pipeline stage. The routed experts are divided
 * t · ep ways and their states partitioned over dp / ep ranks (Megatron-Core's expert data parallelism);
 * with balanced routing each rank processes as many routed tokens as without expert parallelism, so the
 * activations do not change.
 *
 * <p>Stage i of p holds layers [i·L/p, (i+1)·L/p) in the order the spec lists its layer groups. The
 * first stage also holds the token embedding (split t ways by vocabulary), a learned position table and
 * an embedding norm; the last the final norm and the output head (split t ways), which, when the
 * embedding is tied and p &gt; 1, is a copy of the embedding matrix (Megatron-LM keeps the word
 * embeddings on the last stage too and all-reduces their gradients; Shoeybi et al. 2019, §3, and
 * {@code LanguageModule.setup_embeddings_and_output_layer}). Under the 1F1B schedule stage i holds the
 * activations of p − i micro-batches at its peak (Narayanan et al. 2021, §2.2; Korthikanti et al.
 * 2022, §4.2.3: the first stage stores p micro-batches of L/p layers, L layers' worth).
 */
public final class TrainingMemory {
  private TrainingMemory() {}

  /** Every stage's memory per GPU. The layout must fit the architecture ({@link Layout#checkFits}). */
  public static List<StageMemory> stages(Architecture a, TrainingSetup setup, Layout layout) {
    long p = layout.pp();
    long perStage = a.layers() / p;
    List<StageMemory> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(stage(a, setup, layout, i, perStage));
    }
    return out;
  }

  /** The stage whose GPUs need the most memory (the earliest of equals). */
  public static StageMemory largest(Architecture a, TrainingSetup setup, Layout layout) {
    return stages(a, setup, layout).stream()
        .max(java.util.Comparator.comparingLong(StageMemory::total)).orElseThrow();
  }

  private static StageMemory stage(Architecture a, TrainingSetup setup, Layout layout, int i, long perStage) {
    long t = layout.tp();
    long p = layout.pp();
    boolean sp = layout.sequenceParallel();
    long e = setup.precision().bytes();
    ActivationSetup act = setup.activations();
    long from = multiplyExact(i, perStage);
    long to = from + perStage;
    long sharded = 0;
    long replicated = 0;
    long routedSharded = 0;
    long routedReplicated = 0;
    long activations = 0;
    long start = 0;
    for (Group g : a.blocks()) {
      long end = start + g.layers();
      long n = Math.max(0, Math.min(end, to) - Math.max(start, from));
      if (n > 0) {
        ParameterCounter.LayerSplit split = ParameterCounter.split(a, g.block());
        sharded = addExact(sharded, multiplyExact(n, split.sharded()));
        replicated = addExact(replicated, multiplyExact(n, split.replicated()));
        routedSharded = addExact(routedSharded, multiplyExact(n, split.routedSharded()));
        routedReplicated = addExact(routedReplicated, multiplyExact(n, split.routedReplicated()));
        if (a.embeddings().positions() == Positions.RELATIVE) {
          Attention att = g.block().attention();
          long q = att.queryDim(); // Dai et al. 2019, eq. 4: W_{k,R} and u, v per layer
          replicated = addExact(replicated, multiplyExact(n, addExact(multiplyExact(a.dModel(), q), 2 * q)));
        }
        activations = addExact(activations,
            multiplyExact(n, Activations.perLayer(a, g.block(), act, t, sp, e)));
      }
      start = end;
    }
    long oneNorm = a.norms().kind().parameters(a.dModel());
    long embedding = multiplyExact(a.vocab(), a.dModel());
    if (i == 0) {
      sharded = addExact(sharded, embedding);
      if (a.embeddings().positions() == Positions.LEARNED) {
        replicated = addExact(replicated,
            multiplyExact(addExact(a.context(), a.embeddings().positionOffset()), a.dModel()));
      }
      if (a.norms().embeddingNorm()) {
        replicated = addExact(replicated, oneNorm);
      }
      activations = addExact(activations, Activations.embedding(a, act, t, sp));
    }
    if (i == p - 1) {
      if (a.norms().finalNorm()) {
        replicated = addExact(replicated, oneNorm);
      }
      if (!a.embeddings().tied() || p > 1) {
        sharded = addExact(sharded, embedding);
      }
      if (a.embeddings().outputBias()) {
        sharded = addExact(sharded, a.vocab());
      }
      activations = addExact(activations, Activations.output(a, act, t, sp, e));
    }
    long inFlight = p - i;
    long ep = layout.ep();
    long dense = addExact(StateBytes.ceilDiv(sharded, t), replicated);
    long experts = addExact(StateBytes.ceilDiv(routedSharded, multiplyExact(t, ep)), routedReplicated / ep);
    ModelStates d = ModelStates.of(setup.states(), dense, layout.zero(), layout.dp());
    ModelStates x = ModelStates.of(setup.states(), experts, layout.zero(), layout.expertDp());
    ModelStates states = d.plus(x);
    long parameters = addExact(dense, experts);
    return new StageMemory(i, p, parameters, states, multiplyExact(inFlight, activations), inFlight);
  }
}
