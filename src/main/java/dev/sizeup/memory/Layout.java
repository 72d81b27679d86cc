package dev.sizeup.memory;

import static java.lang.Math.multiplyExact;

import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Attention;
import dev.sizeup.spec.Bounds;
import dev.sizeup.spec.Group;
import dev.sizeup.spec.InvalidValueException;

/**
 * How training is spread over GPUs: dp · tp · pp GPUs, data-parallel replicas partitioned by a ZeRO
 * stage, tensor parallelism within layers (Shoeybi et al. 2019) and pipeline parallelism across them
 * (Narayanan et al. 2021).
 *
 * @param dp                 data-parallel degree
 * @param tp                 tensor-parallel degree t
 * @param pp                 pipeline-parallel degree p
 * @param ep                 expert-parallel degree: each layer's routed experts are divided among ep
 *                           ranks of the data-parallel group (Lepikhin et al. 2020, GShard; Megatron-Core's
 *                           expert_model_parallel_size), which must divide dp and every layer's experts
 * @param zero               ZeRO stage (Rajbhandari et al. 2020, §5): 0 none, 1 optimizer states, 2 and
 *                           gradients, 3 and weights partitioned over dp
 * @param sequenceParallel   the norms and dropouts outside the tensor-parallel region are split along
 *                           the sequence t ways too (Korthikanti et al. 2022, §4.2.2); only with t &gt; 1
 */
public record Layout(long dp, long tp, long pp, long ep, int zero, boolean sequenceParallel) {
  /** The most GPUs a layout may have (2^24, beyond any training run). */
  public static final long MAX_GPUS = 1L << 24;

  public Layout {
    Bounds.check("dp", dp, 1, MAX_GPUS, "");
    Bounds.check("tp", tp, 1, MAX_GPUS, "");
    Bounds.check("pp", pp, 1, MAX_GPUS, "");
    Bounds.check("ep", ep, 1, MAX_GPUS, "");
    Bounds.check("zero", zero, 0, 3, "(the ZeRO stages are 0, 1, 2 and 3)");
    if (dp % ep != 0) {
      throw new InvalidValueException("ep", "expert parallelism of " + ep + " must divide the data-parallel degree ("
          + dp + "): the expert-parallel ranks are drawn from the data-parallel ones");
    }
    Bounds.check("gpus", multiplyExact(multiplyExact(dp, tp), pp), 1, MAX_GPUS, "");
    sequenceParallel = sequenceParallel && tp > 1;
  }

  /** A layout without expert parallelism. */
  public Layout(long dp, long tp, long pp, int zero, boolean sequenceParallel) {
    this(dp, tp, pp, 1, zero, sequenceParallel);
  }

  public long gpus() {
    return dp * tp * pp;
  }

  /** The data-parallel degree of the routed experts: dp / ep (their states are partitioned over it by ZeRO). */
  public long expertDp() {
    return dp / ep;
  }

  /**
   * Refuses a layout the model cannot take: t must divide every layer's query and key/value heads
   * (each rank holds whole heads; Shoeybi et al. 2019, §3), and p the layers (each stage holds as many).
   */
  public void checkFits(Architecture a) {
    for (Group g : a.blocks()) {
      Attention att = g.block().attention();
      if (att.heads() % tp != 0 || att.kvHeads() % tp != 0) {
        throw new InvalidValueException("tp", "tensor parallelism of " + tp + " must divide the heads ("
            + att.heads() + ") and key/value heads (" + att.kvHeads() + ") so that each rank holds whole heads");
      }
    }
    if (a.layers() % pp != 0) {
      throw new InvalidValueException("pp", "pipeline parallelism of " + pp + " must divide the layers ("
          + a.layers() + ") so that every stage holds as many");
    }
    if (ep > 1) {
      if (!a.isMoe()) {
        throw new InvalidValueException("ep", "expert parallelism of " + ep + " needs a mixture of experts; the model is dense");
      }
      for (Group g : a.blocks()) {
        if (g.block().moe() != null && g.block().moe().experts() % ep != 0) {
          throw new InvalidValueException("ep", "expert parallelism of " + ep + " must divide the experts ("
              + g.block().moe().experts() + ") so that each rank holds as many");
        }
      }
    }
  }

  /** True when {@link #checkFits} would accept it. */
  public boolean fitsShape(Architecture a) {
    if (a.layers() % pp != 0) {
      return false;
    }
    for (Group g : a.blocks()) {
      if (ep > 1 && (g.block().moe() == null ? !a.isMoe() : g.block().moe().experts() % ep != 0)) {
        return false;
      }
    }
    for (Group g : a.blocks()) {
      Attention att = g.block().attention();
      if (att.heads() % tp != 0 || att.kvHeads() % tp != 0) {
        return false;
      }
    }
    return true;
  }
}
