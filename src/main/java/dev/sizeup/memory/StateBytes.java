package dev.sizeup.memory;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.spec.Bounds;

/**
 * Bytes per parameter of the model states training keeps: weights, gradients and optimizer state.
 *
 * @param weights   bytes per weight
 * @param gradients bytes per gradient
 * @param optimizer the optimizer's state (with the fp32 master weights of mixed precision)
 */
public record StateBytes(long weights, long gradients, OptimizerState optimizer) {
  /** The most bytes per parameter of one part anyone would store (fp64 Adam with master weights is 24). */
  public static final long MAX_BYTES = 64;

  public StateBytes {
    Bounds.check("state_bytes.weights", weights, 0, MAX_BYTES, "bytes per parameter");
    Bounds.check("state_bytes.gradients", gradients, 0, MAX_BYTES, "bytes per parameter");
    java.util.Objects.requireNonNull(optimizer, "optimizer");
  }

  /**
   * An optimizer's state: bytes per parameter, plus a few bytes per block of parameters for a
   * block-wise quantised state.
   *
   * @param bytesPerParameter bytes per parameter
   * @param blockSize         parameters per quantisation block; 0 when not block-wise
   * @param bytesPerBlock     bytes per block (the blocks' scales)
   */
  public record OptimizerState(long bytesPerParameter, long blockSize, long bytesPerBlock) {
    public OptimizerState {
      Bounds.check("state_bytes.optimizer", bytesPerParameter, 0, MAX_BYTES, "bytes per parameter");
      if (blockSize < 0 || bytesPerBlock < 0 || (blockSize == 0) != (bytesPerBlock == 0)) {
        throw new IllegalArgumentException("block " + blockSize + ", bytes per block " + bytesPerBlock);
      }
    }

    public static OptimizerState perParameter(long bytes) {
      return new OptimizerState(bytes, 0, 0);
    }

    /** The state of {@code n} parameters: n · bytes + ⌈n / block⌉ · bytes per block. */
    public long bytes(long n) {
      long b = multiplyExact(n, bytesPerParameter);
      return blockSize == 0 ? b : addExact(b, multiplyExact(ceilDiv(n, blockSize), bytesPerBlock));
    }
  }

  /** ⌈a / b⌉ for a ≥ 0, b > 0. */
  static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }
}
