package dev.sizeup.count;

import dev.sizeup.spec.Safetensors;
import dev.sizeup.spec.Safetensors.Tensor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts a checkpoint's parameters from its tensors' shapes, exactly, and sorts them into the parts
 * {@link ParameterCounter} reports by the names the common model families give their tensors.
 * Tensors that are not parameters (buffers such as rotary {@code inv_freq}) and the head when it is a
 * second copy of a tied embedding are counted apart, and said so.
 */
public final class CheckpointCounter {
  private CheckpointCounter() {}

  /** Where a tensor is counted. */
  public enum Component {
    EMBEDDING("embedding", "(^|\\.)(embed_tokens|wte|word_embeddings|tok_embeddings|embed_in)\\.|^embeddings?\\.weight$"),
    POSITION("position", "(^|\\.)(wpe|embed_positions|position_embeddings)\\."),
    ATTENTION("attention", null),
    FEED_FORWARD("feed_forward", null),
    EXPERTS("experts", "(^|\\.)(experts|shared_experts?)\\."),
    ROUTER("router", "(^|\\.)(gate|router)\\.(weight|bias)$|(^|\\.)shared_expert_gate\\.|(^|\\.)e_score_correction_bias$"),
    NORM("norm", "norm|(^|[._])ln(_\\w+)?\\.|layer_?norm"),
    HEAD("head", "(^|\\.)(lm_head|embed_out)\\.|^output\\.weight$"),
    /** A vision tower or projector of a multimodal checkpoint: not part of the language model. */
    VISION("vision", "(^|\\.)(vision_tower|vision_model|visual|multi_modal_projector|mm_projector|vision_encoder)\\."),
    UNMATCHED("unmatched", null);

    private final String key;
    private final Pattern pattern;

    Component(String key, String pattern) {
      this.key = key;
      this.pattern = pattern == null ? null : Pattern.compile(pattern);
    }

    public String key() {
      return key;
    }
  }

  private static final Pattern ATTENTION = Pattern.compile(
      "(^|\\.)(self_attn|self_attention|attn|attention|mixer)\\.|(^|\\.)(q_proj|k_proj|v_proj|o_proj|c_attn|qkv_proj"
          + "|query_key_value|wqkv|out_proj|q_a_proj|q_b_proj|kv_a_proj_with_mqa|kv_b_proj)\\.|(^|\\.)sinks$");
  private static final Pattern FEED_FORWARD = Pattern.compile(
      "(^|\\.)(mlp|feed_forward|ffn|block_sparse_moe|moe)\\.|(^|\\.)(fc1|fc2|c_fc|fc_in|fc_out|gate_proj|up_proj|down_proj"
          + "|gate_up_proj|dense_h_to_4h|dense_4h_to_h|w1|w2|w3)\\.");
  /** Buffers saved beside the parameters: rotary frequencies, and GPT-2's causal mask and its fill value. */
  private static final Pattern BUFFER = Pattern.compile("(^|\\.)(inv_freq|masked_bias)$|(^|\\.)attn\\.bias$");

  /**
   * The checkpoint's count.
   *
   * @param total       parameters, each stored tensor once (tied copies and buffers left out)
   * @param components  parameters by component
   * @param byDtype     tensors, elements and bytes by element type, over every parameter tensor
   * @param buffers     tensors that are not parameters
   * @param duplicates  heads left out as stored copies of a tied embedding
   * @param unmatched   tensors whose names no pattern recognises (counted in the total)
   * @param stored      every tensor stored, copies and buffers included: what an index's total_size adds up
   * @param quantized   packed low-bit weights (counted by the values they hold) and the scales beside them
   *                    (not parameters)
   */
  public record CheckpointCount(long total, Map<Component, Long> components, Map<Safetensors.Dtype, DtypeCount> byDtype,
      List<Tensor> buffers, List<Duplicate> duplicates, List<Tensor> unmatched, DtypeCount stored, Quantized quantized) {
    public CheckpointCount {
      components = Map.copyOf(components);
      byDtype = Map.copyOf(byDtype);
      buffers = List.copyOf(buffers);
      duplicates = List.copyOf(duplicates);
      unmatched = List.copyOf(unmatched);
    }

    /** The parameters of the language model: everything but a vision tower. */
    public long languageModel() {
      return total - components.getOrDefault(Component.VISION, 0L);
    }
  }

  /**
   * A quantized checkpoint's packed weights and their metadata.
   *
   * @param packed   tensors that hold several values per stored element, counted by their values
   * @param metadata scales, zero points and the like, stored beside quantized weights: not parameters
   */
  public record Quantized(List<Packed> packed, List<Tensor> metadata) {
    public static final Quantized NONE = new Quantized(List.of(), List.of());

    public Quantized {
      packed = List.copyOf(packed);
      metadata = List.copyOf(metadata);
    }
  }

  /**
   * A tensor of packed low-bit values.
   *
   * @param tensor the stored tensor
   * @param format the packing, e.g. "mxfp4"
   * @param values the parameters it holds: its elements times the values packed in each
   */
  public record Packed(Tensor tensor, String format, long values) {}

  /** One element type's share of a checkpoint. */
  public record DtypeCount(long tensors, long elements, long bytes) {}

  /**
   * A head left out of the count as a copy of the embedding it is tied to.
   *
   * @param head      the head tensor
   * @param embedding the embedding tensor
   * @param reason    how the copy was recognised
   */
  public record Duplicate(Tensor head, Tensor embedding, String reason) {}

  /**
   * Counts {@code checkpoint}.
   *
   * @param tied whether the model ties its head to its embedding (from its config or spec); null when
   *             unknown, in which case only a head stored at the embedding's own bytes is a copy
   */
  public static CheckpointCount count(Safetensors.Checkpoint checkpoint, Boolean tied) {
    return count(checkpoint, tied, null);
  }

  /**
   * Counts {@code checkpoint}.
   *
   * @param tied       as above
   * @param packedBits the width of the integers packed into GPTQ/AWQ {@code qweight} tensors
   *                   (quantization_config.bits); null when unknown, and then such a tensor is refused
   * @throws IllegalArgumentException when a checkpoint holds packed integer weights and
   *                                  {@code packedBits} is null or does not divide 32
   */
  public static CheckpointCount count(Safetensors.Checkpoint checkpoint, Boolean tied, Integer packedBits) {
    Map<Component, Long> components = new EnumMap<>(Component.class);
    Map<Safetensors.Dtype, long[]> dtypes = new EnumMap<>(Safetensors.Dtype.class);
    List<Tensor> buffers = new ArrayList<>();
    List<Tensor> unmatched = new ArrayList<>();
    List<Duplicate> duplicates = new ArrayList<>();
    Tensor embedding = checkpoint.tensors().stream().filter(t -> classify(t) == Component.EMBEDDING).findFirst()
        .orElse(null);
    long total = 0;
    long storedValues = 0;
    long storedBytes = 0;
    Map<String, Tensor> byName = new java.util.HashMap<>();
    checkpoint.tensors().forEach(t -> byName.put(t.name(), t));
    List<Packed> packed = new ArrayList<>();
    List<Tensor> metadata = new ArrayList<>();
    for (Tensor t : checkpoint.tensors()) {
      storedValues = Math.addExact(storedValues, t.elements());
      storedBytes = Math.addExact(storedBytes, t.end() - t.begin());
      if (BUFFER.matcher(t.name().toLowerCase(Locale.ROOT)).find()) {
        buffers.add(t);
        continue;
      }
      if (Quantization.isMetadata(t, byName)) {
        metadata.add(t);
        continue;
      }
      Packed p = Quantization.packed(t, byName, packedBits);
      if (p != null) {
        packed.add(p);
      }
      Component c = classify(Quantization.unpackedName(t, p));
      if (c == Component.HEAD && embedding != null && java.util.Arrays.equals(t.shape(), embedding.shape())) {
        String reason = copyOf(t, embedding, tied);
        if (reason != null) {
          duplicates.add(new Duplicate(t, embedding, reason));
          continue;
        }
      }
      if (c == Component.UNMATCHED) {
        unmatched.add(t);
      }
      long n = p == null ? t.elements() : p.values();
      total = Math.addExact(total, n);
      components.merge(c, n, Math::addExact);
      long[] d = dtypes.computeIfAbsent(t.dtype(), k -> new long[3]);
      d[0]++;
      d[1] = Math.addExact(d[1], n);
      d[2] = Math.addExact(d[2], t.end() - t.begin());
    }
    Map<Safetensors.Dtype, DtypeCount> byDtype = new EnumMap<>(Safetensors.Dtype.class);
    dtypes.forEach((k, v) -> byDtype.put(k, new DtypeCount(v[0], v[1], v[2])));
    return new CheckpointCount(total, components, byDtype, buffers, duplicates, unmatched,
        new DtypeCount(checkpoint.tensors().size(), storedValues, storedBytes), new Quantized(packed, metadata));
  }

  /** Why {@code head} is a stored copy of {@code embedding}, or null when it is a parameter of its own. */
  private static String copyOf(Tensor head, Tensor embedding, Boolean tied) {
    if (head.file().equals(embedding.file()) && head.begin() == embedding.begin() && head.end() == embedding.end()) {
      return "stored at the embedding's own bytes";
    }
    if (Boolean.TRUE.equals(tied)) {
      return "the embedding's shape, and the model ties its head to its embedding";
    }
    return null;
  }

  /** The component a tensor's name puts it in. */
  public static Component classify(Tensor t) {
    return classify(t.name());
  }

  /** The component a tensor name puts it in. */
  static Component classify(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Component c : new Component[] {Component.VISION, Component.HEAD, Component.EMBEDDING, Component.POSITION,
        Component.NORM, Component.ROUTER, Component.EXPERTS}) {
      if (c.pattern.matcher(n).find()) {
        return c;
      }
    }
    if (ATTENTION.matcher(n).find()) {
      return Component.ATTENTION;
    }
    if (FEED_FORWARD.matcher(n).find()) {
      return Component.FEED_FORWARD;
    }
    return Component.UNMATCHED;
  }
}
