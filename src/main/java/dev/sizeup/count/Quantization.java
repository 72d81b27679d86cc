package dev.sizeup.count;

import dev.sizeup.count.CheckpointCounter.Packed;
import dev.sizeup.spec.Safetensors.Dtype;
import dev.sizeup.spec.Safetensors.Tensor;
import java.util.Map;

/**
 * How quantized checkpoints store their weights, so that a count of one is a count of parameters:
 * packed tensors are counted by the values they hold, and the scales and zero points beside them are
 * set apart (they are not parameters of the model). Each rule needs the tensor that gives it away (a
 * scale is only a scale beside the weight it scales), so an ordinary tensor with a similar name is
 * never mistaken for one.
 *
 * <ul>
 *   <li>MXFP4 (OCP Microscaling Formats v1.0, §5.3; gpt-oss): {@code X_blocks}, U8, two 4-bit values
 *       per byte, in blocks of 32 values that share one E8M0 scale in {@code X_scales}.
 *   <li>GPTQ (Frantar et al. 2023) and AWQ (Lin et al. 2024) as AutoGPTQ and AutoAWQ store them:
 *       {@code X.qweight}, I32, 32 / bits values per element; {@code X.qzeros}, {@code X.scales} and
 *       GPTQ's {@code X.g_idx} beside it.
 *   <li>bitsandbytes 4-bit (Dettmers et al. 2023, QLoRA): {@code X.weight}, U8, two values per byte,
 *       with {@code X.weight.absmax}, {@code X.weight.quant_map}, nested ones and the
 *       {@code X.weight.quant_state.bitsandbytes__nf4} (or {@code __fp4}) blob; 8-bit: {@code X.weight}
 *       I8 with {@code X.SCB} and {@code X.weight_format}.
 *   <li>FP8 with scales (DeepSeek-V3's {@code weight_scale_inv}, one per 128 × 128 block; the
 *       compressed-tensors and FBGEMM {@code weight_scale} and {@code input_scale}, and zero points):
 *       scales beside an 8-bit or narrower {@code weight}.
 * </ul>
 */
final class Quantization {
  private Quantization() {}

  /** True when {@code t} is a scale, zero point or other quantization state of a weight beside it. */
  static boolean isMetadata(Tensor t, Map<String, Tensor> byName) {
    String n = t.name();
    if (n.endsWith("_scales") && narrow(byName.get(strip(n, "_scales") + "_blocks"))) {
      return true; // MXFP4 scales
    }
    for (String suffix : new String[] {".qzeros", ".scales", ".g_idx"}) {
      if (n.endsWith(suffix) && byName.containsKey(strip(n, suffix) + ".qweight")) {
        return true; // GPTQ / AWQ
      }
    }
    for (String suffix : new String[] {".weight_scale_inv", ".weight_scale", ".input_scale", ".weight_zero_point",
        ".input_zero_point", ".SCB", ".weight_format"}) {
      if (n.endsWith(suffix) && narrow(byName.get(strip(n, suffix) + ".weight"))) {
        return true; // FP8 scales, bitsandbytes 8-bit
      }
    }
    int state = n.indexOf(".weight.");
    if (state > 0 && narrow(byName.get(n.substring(0, state) + ".weight"))) {
      String rest = n.substring(state + ".weight.".length());
      return rest.equals("absmax") || rest.equals("quant_map") || rest.equals("nested_absmax")
          || rest.equals("nested_quant_map") || rest.startsWith("quant_state."); // bitsandbytes 4-bit
    }
    return false;
  }

  /** {@code t} as packed values, or null when it holds one value per element. */
  static Packed packed(Tensor t, Map<String, Tensor> byName, Integer bits) {
    String n = t.name();
    if (n.endsWith("_blocks") && t.dtype() == Dtype.U8 && byName.containsKey(strip(n, "_blocks") + "_scales")) {
      return new Packed(t, "mxfp4", Math.multiplyExact(t.elements(), 2L));
    }
    if (n.endsWith(".qweight") && t.dtype() == Dtype.I32) {
      if (bits == null || bits < 1 || 32 % bits != 0) {
        throw new IllegalArgumentException("packed integer weights (" + n + ") need the quantization's bits, "
            + (bits == null ? "and none is given" : "and " + bits + " does not divide 32"));
      }
      return new Packed(t, bits + "-bit integers in I32 (GPTQ/AWQ)", Math.multiplyExact(t.elements(), 32L / bits));
    }
    if (n.endsWith(".weight") && t.dtype() == Dtype.U8 && bnb4(n, byName)) {
      return new Packed(t, "4-bit bitsandbytes in U8", Math.multiplyExact(t.elements(), 2L));
    }
    return null;
  }

  /** The name a packed tensor's component is judged by: without the packing's suffix. */
  static String unpackedName(Tensor t, Packed p) {
    if (p == null) {
      return t.name();
    }
    String n = t.name();
    if (n.endsWith("_blocks")) {
      return strip(n, "_blocks");
    }
    if (n.endsWith(".qweight")) {
      return strip(n, ".qweight") + ".weight";
    }
    return n;
  }

  private static boolean bnb4(String weight, Map<String, Tensor> byName) {
    return byName.containsKey(weight + ".quant_state.bitsandbytes__nf4")
        || byName.containsKey(weight + ".quant_state.bitsandbytes__fp4");
  }

  /** True for a tensor of 8 bits or fewer per element: what a scale or zero point accompanies. */
  private static boolean narrow(Tensor t) {
    return t != null && t.dtype().bits() <= 8;
  }

  private static String strip(String name, String suffix) {
    return name.substring(0, name.length() - suffix.length());
  }
}
