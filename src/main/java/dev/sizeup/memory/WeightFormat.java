package dev.sizeup.memory;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.sizeup.count.ParameterCounter;
import dev.sizeup.plan.Precision;
import dev.sizeup.spec.SpecEnum;

/**
 * The number format of served weights. The 16- and 32-bit formats store every parameter so; the
 * quantised ones (fp8, int8, int4) apply to the layers' weight matrices, while the embedding, the
 * output head, norms, biases and routers stay 16-bit, as GPTQ, AWQ and FP8 checkpoints leave them
 * (Frantar et al. 2023, §5; Lin et al. 2024, §4; vLLM's quantisation configs skip {@code lm_head}).
 */
public enum WeightFormat implements SpecEnum {
  /** 4 bytes per parameter. */
  FP32(32, Precision.FP32),
  /** 2 bytes per parameter. */
  BF16(16, Precision.BF16),
  /** 2 bytes per parameter. */
  FP16(16, Precision.FP16),
  /**
   * 1 byte per weight and one fp32 scale per matrix (per-tensor scaling, as FP8 checkpoints for
   * vLLM and TensorRT-LLM store {@code weight_scale}); computed in fp8.
   */
  FP8(8, Precision.FP8),
  /**
   * 1 byte per weight and one fp16 scale per output row (vector-wise quantisation, Dettmers et al.
   * 2022, LLM.int8(), §3.1); computed in int8.
   */
  INT8(8, Precision.INT8),
  /**
   * 4 bits per weight; per group of {@code group} consecutive input weights of an output row, an fp16
   * scale and a 4-bit zero point (asymmetric group-wise quantisation as GPTQ and AWQ store it, group
   * size 128 by default; Frantar et al. 2023, §4; Lin et al. 2024, §5.1). Weight-only: computed in bf16.
   */
  INT4(4, Precision.BF16);

  /** Bits of a 16-bit value, the format of the weights a quantised model leaves unquantised. */
  static final long BITS_16 = 16;
  /** The default quantisation group of int4 (GPTQ's and AWQ's 128). */
  public static final long DEFAULT_GROUP = 128;

  private final long bits;
  private final Precision compute;

  WeightFormat(long bits, Precision compute) {
    this.bits = bits;
    this.compute = compute;
  }

  /** The precision whose peak throughput the weights are multiplied at. */
  public Precision compute() {
    return compute;
  }

  public boolean quantized() {
    return bits < 16;
  }

  /** Bits per parameter of everything a quantised format leaves alone (and of every parameter otherwise). */
  long otherBits() {
    return quantized() ? BITS_16 : bits;
  }

  /** Bytes of {@code copies} matrices of in × out weights in this format, with their scales. */
  long matrixBytes(ParameterCounter.Matrix m, long group) {
    if (!quantized()) {
      return multiplyExact(m.parameters(), bits / 8);
    }
    long weights = multiplyExact(m.in(), m.out());
    long scaleBits = switch (this) {
      case FP8 -> 32; // one fp32 scale per matrix
      case INT8 -> multiplyExact(BITS_16, m.out()); // one fp16 scale per output row
      case INT4 -> multiplyExact(BITS_16 + 4, multiplyExact(m.out(), StateBytes.ceilDiv(m.in(), group)));
      default -> throw new IllegalStateException(name());
    };
    long bitsOne = addExact(multiplyExact(weights, bits), scaleBits);
    return multiplyExact(m.copies(), StateBytes.ceilDiv(bitsOne, 8));
  }

  public static WeightFormat parse(String text, String key) {
    return SpecEnum.option(WeightFormat.class, text, key, "weight precision");
  }
}
