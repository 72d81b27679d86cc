package dev.sizeup.spec;

import java.util.Set;

/**
 * Which layers of a Hugging Face model attend within a sliding window, as transformers builds them.
 * A window changes no parameter count, only the KV cache and the attention FLOPs.
 *
 * <p>The config's {@code layer_types} ({@code sliding_attention} / {@code full_attention}, written by
 * transformers since 4.53) decides when present. Otherwise each family's rule: Mistral, Mixtral, Phi-3,
 * PhiMoE and Starcoder2 slide in every layer; Gemma 2 in every other layer from the first
 * ({@code Gemma2DecoderLayer}: {@code is_sliding = not bool(layer_idx % 2)}); Gemma 3 and Cohere 2 in
 * every layer but each {@code sliding_window_pattern}-th ({@code (layer_idx + 1) % pattern != 0});
 * gpt-oss in every other layer from the first; Qwen2, Qwen2-MoE, Qwen3 and Qwen3-MoE, only with
 * {@code use_sliding_window}, from layer {@code max_window_layers} on.
 */
final class HfWindows {
  private HfWindows() {}

  /** More layers than this are not expanded one by one (no model has them; a config claiming so is refused). */
  static final long MAX_LAYERS = 1 << 20;

  private static final Set<HfModelType> EVERY_LAYER = Set.of(HfModelType.MISTRAL, HfModelType.MIXTRAL,
      HfModelType.PHI3, HfModelType.PHIMOE, HfModelType.STARCODER2);
  private static final Set<HfModelType> QWEN = Set.of(HfModelType.QWEN2, HfModelType.QWEN2_MOE, HfModelType.QWEN3,
      HfModelType.QWEN3_MOE);

  /**
   * The sliding layers, one flag per layer, or null when no layer slides.
   *
   * @param window the window, already read from sliding_window
   */
  static boolean[] sliding(HfModelType family, HfConfig c, long layers) throws SpecException {
    if (layers > MAX_LAYERS) {
      throw c.unsupported("num_hidden_layers", "more than " + MAX_LAYERS + " layers with sliding windows");
    }
    int n = (int) layers;
    boolean[] out = new boolean[n];
    if (c.has("layer_types") && c.node("layer_types") instanceof Node.Sequence seq) {
      if (seq.items().size() != n) {
        throw c.unsupported("layer_types", "lists " + seq.items().size() + " layers, but the model has " + n);
      }
      for (int i = 0; i < n; i++) {
        String t = seq.items().get(i) instanceof Node.Scalar s ? s.text() : "";
        switch (t) {
          case "sliding_attention" -> out[i] = true;
          case "full_attention" -> out[i] = false;
          default -> throw c.unsupported("layer_types", "layer " + i + " is '" + Text.clip(t, 40)
              + "'; sizeup knows sliding_attention and full_attention");
        }
      }
      return any(out) ? out : null;
    }
    if (EVERY_LAYER.contains(family)) {
      java.util.Arrays.fill(out, true);
    } else if (family == HfModelType.GEMMA2 || family == HfModelType.GPT_OSS) {
      for (int i = 0; i < n; i++) {
        out[i] = i % 2 == 0;
      }
    } else if (family == HfModelType.GEMMA3 || family == HfModelType.COHERE2) {
      long fallback = family == HfModelType.GEMMA3 ? 6 : 4;
      String owner = family == HfModelType.GEMMA3 ? "Gemma3TextConfig" : "Cohere2Config";
      long pattern = c.integerOr("sliding_window_pattern", fallback, "sliding_window",
          owner + " default sliding_window_pattern = " + fallback + ": every " + fallback + "th layer attends globally");
      if (pattern < 1) {
        throw c.unsupported("sliding_window_pattern", "expected a positive integer, got " + pattern);
      }
      for (int i = 0; i < n; i++) {
        out[i] = (i + 1) % pattern != 0;
      }
    } else if (QWEN.contains(family)) {
      if (!c.flag("use_sliding_window", false)) {
        return null;
      }
      long from = c.integerOr("max_window_layers", 28, "sliding_window",
          "Qwen2Config default max_window_layers = 28: layers from 28 on slide");
      for (int i = 0; i < n; i++) {
        out[i] = i >= from;
      }
    } else {
      return null;
    }
    return any(out) ? out : null;
  }

  private static boolean any(boolean[] flags) {
    for (boolean b : flags) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
