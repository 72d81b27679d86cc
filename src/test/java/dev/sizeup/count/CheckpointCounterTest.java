package dev.sizeup.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sizeup.count.CheckpointCounter.CheckpointCount;
import dev.sizeup.count.CheckpointCounter.Component;
import dev.sizeup.spec.Safetensors;
import dev.sizeup.spec.SafetensorsFiles;
import dev.sizeup.spec.SafetensorsFiles.Spec;
import dev.sizeup.spec.SpecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointCounterTest {
  @TempDir
  Path dir;

  /**
   * GPT-2 small under Hugging Face's tensor names (openai-community/gpt2): 124,439,808 parameters,
   * GPT2LMHeadModel.num_parameters(); its checkpoint also holds each layer's causal-mask buffer
   * h.N.attn.bias of [1, 1, 1024, 1024], which is not a parameter.
   */
  @Test
  void gpt2_small_counts_to_its_published_total_and_its_mask_buffers_are_set_apart() throws Exception {
    Path file = dir.resolve("model.safetensors");
    SafetensorsFiles.write(file, SafetensorsFiles.gpt2(12, 768, 50257, 1024), true);
    CheckpointCount c = CheckpointCounter.count(Safetensors.read(file), null);
    assertThat(c.total()).isEqualTo(124_439_808L);
    assertThat(c.buffers()).hasSize(12).allSatisfy(t -> assertThat(t.name()).endsWith(".attn.bias"));
    assertThat(c.components()).containsEntry(Component.EMBEDDING, 50257L * 768).containsEntry(Component.POSITION, 1024L * 768)
        .containsEntry(Component.NORM, (12L * 2 + 1) * 2 * 768);
    assertThat(c.byDtype()).containsOnlyKeys(Safetensors.Dtype.F32);
    assertThat(c.byDtype().get(Safetensors.Dtype.F32).bytes()).isEqualTo(4L * 124_439_808);
  }

  /** Shards are read through the index; each dtype is counted apart; header-only files are enough. */
  @Test
  void a_sharded_mixed_dtype_checkpoint_is_read_through_its_index() throws Exception {
    SafetensorsFiles.writeSharded(dir, List.of(
        List.of(new Spec("model.embed_tokens.weight", "BF16", 1000, 64),
            new Spec("model.layers.0.self_attn.q_proj.weight", "BF16", 64, 64),
            new Spec("model.layers.0.self_attn.rotary_emb.inv_freq", "F32", 8)),
        List.of(new Spec("model.layers.0.mlp.up_proj.weight", "F8_E4M3", 256, 64),
            new Spec("model.layers.0.mlp.up_proj.weight_scale", "F32", 1),
            new Spec("model.norm.weight", "F32", 64),
            new Spec("lm_head.weight", "BF16", 1000, 64))));
    Safetensors.Checkpoint ckpt = Safetensors.read(dir);
    assertThat(ckpt.files()).hasSize(2);
    CheckpointCount c = CheckpointCounter.count(ckpt, false);
    assertThat(c.byDtype().get(Safetensors.Dtype.BF16).elements()).isEqualTo(2 * 64_000L + 64 * 64);
    assertThat(c.byDtype().get(Safetensors.Dtype.F8_E4M3)).isEqualTo(new CheckpointCounter.DtypeCount(1, 256 * 64, 256 * 64));
    assertThat(c.buffers()).extracting(Safetensors.Tensor::name).containsExactly("model.layers.0.self_attn.rotary_emb.inv_freq");
    assertThat(c.components()).containsEntry(Component.HEAD, 64_000L);
  }

  /**
   * Falcon-7B's checkpoint stores its tied 65,024 × 4,544 head twice, as word_embeddings and as lm_head
   * (tiiuae/falcon-7b model.safetensors.index.json). With the config saying the weights are tied, the
   * copy is counted once; without it, only a head at the embedding's own bytes is known to be a copy.
   */
  @Test
  void a_head_stored_as_a_second_copy_of_a_tied_embedding_is_counted_once() throws Exception {
    Path file = dir.resolve("model.safetensors");
    SafetensorsFiles.write(file, List.of(new Spec("transformer.word_embeddings.weight", "BF16", 65024, 8),
        new Spec("lm_head.weight", "BF16", 65024, 8)), false);
    Safetensors.Checkpoint ckpt = Safetensors.read(file);
    CheckpointCount tied = CheckpointCounter.count(ckpt, true);
    assertThat(tied.total()).isEqualTo(65024L * 8);
    assertThat(tied.duplicates()).singleElement().satisfies(d -> assertThat(d.reason()).contains("ties"));
    assertThat(CheckpointCounter.count(ckpt, null).total()).isEqualTo(2 * 65024L * 8);

    Path aliased = dir.resolve("aliased.safetensors");
    SafetensorsFiles.write(aliased, List.of(new Spec("model.embed_tokens.weight", "F16", new long[] {100, 8}, null),
        new Spec("lm_head.weight", "F16", new long[] {100, 8}, "model.embed_tokens.weight")), false);
    CheckpointCount same = CheckpointCounter.count(Safetensors.read(aliased), null);
    assertThat(same.total()).isEqualTo(800);
    assertThat(same.duplicates()).singleElement().satisfies(d -> assertThat(d.reason()).contains("own bytes"));
  }

  @Test
  void names_no_pattern_knows_are_counted_and_listed_and_a_vision_tower_is_set_apart() throws Exception {
    Path file = dir.resolve("model.safetensors");
    SafetensorsFiles.write(file, List.of(new Spec("model.embed_tokens.weight", "BF16", 10, 4),
        new Spec("model.mystery_block.weight", "BF16", 3, 4),
        new Spec("vision_tower.encoder.layers.0.self_attn.q_proj.weight", "BF16", 4, 4),
        new Spec("multi_modal_projector.linear_1.weight", "BF16", 4, 4)), false);
    CheckpointCount c = CheckpointCounter.count(Safetensors.read(file), null);
    assertThat(c.unmatched()).extracting(Safetensors.Tensor::name).containsExactly("model.mystery_block.weight");
    assertThat(c.components()).containsEntry(Component.VISION, 32L).containsEntry(Component.UNMATCHED, 12L);
    assertThat(c.total()).isEqualTo(40 + 12 + 32);
    assertThat(c.languageModel()).isEqualTo(40 + 12);
  }

  /**
   * gpt-oss stores its experts' weights in MXFP4 (OCP Microscaling v1.0: blocks of 32 four-bit values
   * sharing one E8M0 scale): gpt-oss-20b's layer 0 holds mlp.experts.gate_up_proj_blocks U8
   * [32, 5760, 90, 16] and down_proj_blocks U8 [32, 2880, 90, 16] (90 blocks of 16 bytes = 2880 values
   * per row), their _scales U8 [32, 5760, 90] and [32, 2880, 90], and BF16 biases [32, 5760] and
   * [32, 2880] (openai/gpt-oss-20b, model.safetensors.index.json and the OpenAI gpt-oss model card,
   * §2: "MXFP4 ... 4.25 bits per parameter"). The blocks count two parameters a byte; scales are none.
   */
  @Test
  void mxfp4_blocks_count_two_values_a_byte_and_their_scales_are_not_parameters() throws Exception {
    Path file = dir.resolve("model.safetensors");
    String e = "model.layers.0.mlp.experts.";
    SafetensorsFiles.write(file, List.of(new Spec(e + "gate_up_proj_blocks", "U8", 32, 5760, 90, 16),
        new Spec(e + "gate_up_proj_scales", "U8", 32, 5760, 90), new Spec(e + "gate_up_proj_bias", "BF16", 32, 5760),
        new Spec(e + "down_proj_blocks", "U8", 32, 2880, 90, 16),
        new Spec(e + "down_proj_scales", "U8", 32, 2880, 90), new Spec(e + "down_proj_bias", "BF16", 32, 2880)), false);
    CheckpointCount c = CheckpointCounter.count(Safetensors.read(file), null);
    long weights = 32L * 5760 * 2880 + 32L * 2880 * 2880;
    assertThat(c.total()).isEqualTo(weights + 32L * 5760 + 32L * 2880);
    assertThat(c.components()).containsOnlyKeys(Component.EXPERTS);
    assertThat(c.quantized().packed()).extracting(CheckpointCounter.Packed::format).containsOnly("mxfp4");
    assertThat(c.quantized().metadata()).extracting(Safetensors.Tensor::name)
        .containsExactly(e + "gate_up_proj_scales", e + "down_proj_scales");
    // 4.25 bits per parameter: 4 for the value, 8 for each block of 32's scale
    long scaleBytes = 32L * 5760 * 90 + 32L * 2880 * 90;
    assertThat(c.byDtype().get(Safetensors.Dtype.U8).bytes() * 8.0 + scaleBytes * 8.0).isEqualTo(4.25 * weights);
  }

  /**
   * GPTQ as AutoGPTQ stores a 4-bit Linear(4096 → 4096): qweight I32 [4096 / 8, 4096], qzeros I32
   * [32, 4096 / 8] and scales F16 [32, 4096] for groups of 128, g_idx I32 [4096]. The weight holds
   * 4096 · 4096 parameters; the rest is quantization state.
   */
  @Test
  void gptq_qweight_counts_thirty_two_over_bits_values_an_element() throws Exception {
    Path file = dir.resolve("model.safetensors");
    String q = "model.layers.0.self_attn.q_proj.";
    SafetensorsFiles.write(file, List.of(new Spec(q + "qweight", "I32", 512, 4096), new Spec(q + "qzeros", "I32", 32, 512),
        new Spec(q + "scales", "F16", 32, 4096), new Spec(q + "g_idx", "I32", 4096)), false);
    Safetensors.Checkpoint ckpt = Safetensors.read(file);
    CheckpointCount c = CheckpointCounter.count(ckpt, null, 4);
    assertThat(c.total()).isEqualTo(4096L * 4096);
    assertThat(c.components()).containsOnlyKeys(Component.ATTENTION);
    assertThat(c.quantized().metadata()).hasSize(3);
    assertThatThrownBy(() -> CheckpointCounter.count(ckpt, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits");
  }

  /**
   * bitsandbytes 4-bit (QLoRA's NF4) packs two values a byte into weight U8 [n / 2, 1], with absmax,
   * quant_map and the quant_state blob beside it; DeepSeek-V3's FP8 weights carry weight_scale_inv F32,
   * one per 128 × 128 block (deepseek-ai/DeepSeek-V3, model.safetensors.index.json).
   */
  @Test
  void bitsandbytes_and_fp8_scales_are_set_apart_from_the_weights_they_scale() throws Exception {
    Path file = dir.resolve("model.safetensors");
    String w = "model.layers.0.mlp.down_proj.weight";
    String f = "model.layers.0.mlp.up_proj.weight";
    SafetensorsFiles.write(file, List.of(new Spec(w, "U8", 64 * 256 / 2, 1), new Spec(w + ".absmax", "F32", 256),
        new Spec(w + ".quant_map", "F32", 16), new Spec(w + ".quant_state.bitsandbytes__nf4", "U8", 100),
        new Spec(f, "F8_E4M3", 256, 128), new Spec(f + "_scale_inv", "F32", 2, 1),
        new Spec("model.layers.0.mlp.gate_proj.weight_scale", "F32", 4)), false);
    CheckpointCount c = CheckpointCounter.count(Safetensors.read(file), null);
    assertThat(c.total()).isEqualTo(64L * 256 + 256L * 128 + 4); // a scale with no narrow weight beside it stays
    assertThat(c.quantized().metadata()).extracting(Safetensors.Tensor::name)
        .containsExactly(w + ".absmax", w + ".quant_map", w + ".quant_state.bitsandbytes__nf4", f + "_scale_inv");
    assertThat(c.unmatched()).isEmpty();
  }

  /** The names the families give their tensors, and where each is counted. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "model.layers.3.self_attn.q_proj.weight, attention",
    "model.layers.3.self_attn.q_norm.weight, norm",
    "model.layers.3.input_layernorm.weight, norm",
    "model.layers.3.post_feedforward_layernorm.weight, norm",
    "model.layers.3.mlp.gate_proj.weight, feed_forward",
    "model.layers.3.mlp.gate.weight, router",
    "model.layers.3.mlp.gate.e_score_correction_bias, router",
    "model.layers.3.mlp.shared_expert_gate.weight, router",
    "model.layers.3.mlp.router.bias, router",
    "model.layers.3.mlp.experts.17.down_proj.weight, experts",
    "model.layers.3.mlp.shared_experts.up_proj.weight, experts",
    "model.layers.3.block_sparse_moe.experts.0.w1.weight, experts",
    "model.layers.3.self_attn.kv_a_proj_with_mqa.weight, attention",
    "model.layers.3.self_attn.kv_a_layernorm.weight, norm",
    "model.layers.3.self_attn.sinks, attention",
    "transformer.h.3.attn.c_attn.weight, attention",
    "transformer.h.3.mlp.c_proj.weight, feed_forward",
    "transformer.word_embeddings_layernorm.weight, norm",
    "transformer.word_embeddings.weight, embedding",
    "gpt_neox.embed_in.weight, embedding",
    "embed_out.weight, head",
    "model.decoder.embed_positions.weight, position",
    "transformer.blocks.3.attn.Wqkv.weight, attention",
    "transformer.blocks.3.norm_1.weight, norm",
    "model.layers.3.attention.wqkv.weight, attention",
    "model.layers.3.feed_forward.w2.weight, feed_forward",
    "output.weight, head",
    "model.tok_embeddings.weight, embedding",
  })
  void tensor_names_are_sorted_into_components(String name, String component) {
    Safetensors.Tensor t = new Safetensors.Tensor(name, Safetensors.Dtype.BF16, new long[] {1}, "f", 0, 2);
    assertThat(CheckpointCounter.classify(t).key()).isEqualTo(component);
  }

  @Test
  void a_truncated_header_says_how_many_bytes_to_fetch() throws IOException {
    Path file = dir.resolve("cut.safetensors");
    SafetensorsFiles.write(file, List.of(new Spec("model.embed_tokens.weight", "BF16", 10, 4)), false);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 5));
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(SpecException.class)
        .hasMessage("the file ends inside its header (" + (n - 5) + " of " + n + " header bytes): fetch at least the first "
            + (n + 8) + " bytes");
  }

  @Test
  void an_inconsistent_or_missing_file_is_one_diagnostic() throws IOException {
    Path file = dir.resolve("bad.safetensors");
    String header = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[4,4],\"data_offsets\":[0,30]}}";
    byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length()).array();
    Files.write(file, concat(len, header.getBytes()));
    assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("data_offsets [0, 30] do not hold BF16 [4, 4] (32 bytes)");
    Files.write(file, concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array(), new byte[0]));
    assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("not a safetensors file: its header length is");
    Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": {\"w\": \"model-00001-of-00002.safetensors\"}}");
    assertThatThrownBy(() -> Safetensors.read(dir)).hasMessageContaining("no such file (named by the index)");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
