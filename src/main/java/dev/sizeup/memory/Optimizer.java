package dev.sizeup.memory;

import dev.sizeup.spec.SpecEnum;
import java.util.List;

/**
 * The optimizer whose state training keeps beside the weights and gradients. Each knows its state per
 * parameter in a given training precision ({@link #states}).
 */
public enum Optimizer implements SpecEnum {
  /**
   * Adam/AdamW (Kingma &amp; Ba 2015; Loshchilov &amp; Hutter 2019): first and second moments, fp32.
   * In fp32 training 4 + 4 + 8 = 16 bytes per parameter; in mixed precision 2 + 2 + 12 = 16, the
   * optimizer's 12 being the fp32 master weights, momentum and variance (Rajbhandari et al. 2020,
   * ZeRO, §3.1: "K = 12").
   */
  ADAMW(List.of("adam")),
  /**
   * 8-bit Adam (Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization", §2): both moments
   * in 8 bits, quantised block-wise in blocks of 2,048 values, each block with one fp32 absolute
   * maximum per moment; mixed precision keeps the fp32 master weights.
   */
  ADAMW_8BIT(List.of("adam-8bit", "adamw8bit", "adam8bit")),
  /** SGD with momentum: one fp32 momentum buffer (plus the fp32 master weights in mixed precision). */
  SGD(List.of("sgd-momentum"));

  /** Values per quantisation block of 8-bit Adam's states (Dettmers et al. 2022, §2.1). */
  public static final long BLOCK_8BIT = 2048;
  private static final long FP32 = 4;

  private final List<String> aliases;

  Optimizer(List<String> aliases) {
    this.aliases = aliases;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }

  /** Bytes per parameter of the weights, gradients and optimizer state when training in {@code p}. */
  public StateBytes states(TrainingPrecision p) {
    long master = p.mixed() ? FP32 : 0;
    long w = p.bytes();
    return switch (this) {
      case ADAMW -> new StateBytes(w, w, StateBytes.OptimizerState.perParameter(master + 2 * FP32));
      case ADAMW_8BIT -> new StateBytes(w, w, new StateBytes.OptimizerState(master + 2, BLOCK_8BIT, 2 * FP32));
      case SGD -> new StateBytes(w, w, StateBytes.OptimizerState.perParameter(master + FP32));
    };
  }

  /** By name or alias, ignoring case; an unknown one is the user's error, with a "did you mean". */
  public static Optimizer parse(String text) {
    return SpecEnum.option(Optimizer.class, text, "optimizer", "optimizer");
  }
}
