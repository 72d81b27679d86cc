package dev.sizeup.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files for tests, as the format specifies them: an 8-byte little-endian header
 * length, the JSON header, then the data (zeros), or nothing after the header ("header only", as a
 * user who fetched the first bytes of each shard has).
 */
public final class SafetensorsFiles {
  private SafetensorsFiles() {}

  /** One tensor to write: its name, dtype, shape; {@code aliasOf} reuses another tensor's bytes. */
  public record Spec(String name, String dtype, long[] shape, String aliasOf) {
    public Spec(String name, String dtype, long... shape) {
      this(name, dtype, shape, null);
    }

    long bytes() {
      long n = 1;
      for (long s : shape) {
        n *= s;
      }
      int bits = Safetensors.Dtype.valueOf(dtype).bits();
      return (n * bits + 7) / 8;
    }
  }

  public static void write(Path file, List<Spec> tensors, boolean withData) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    Map<String, long[]> offsets = new LinkedHashMap<>();
    long at = 0;
    for (Spec t : tensors) {
      long[] o = t.aliasOf() != null ? offsets.get(t.aliasOf()) : new long[] {at, at + t.bytes()};
      if (t.aliasOf() == null) {
        at += t.bytes();
      }
      offsets.put(t.name(), o);
      ObjectNode n = header.putObject(t.name());
      n.put("dtype", t.dtype());
      var shape = n.putArray("shape");
      for (long s : t.shape()) {
        shape.add(s);
      }
      n.putArray("data_offsets").add(o[0]).add(o[1]);
    }
    byte[] text = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(text.length).array());
      out.write(text);
      if (withData) {
        byte[] zeros = new byte[8192];
        for (long left = at; left > 0; left -= zeros.length) {
          out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
      }
    }
  }

  /** Writes {@code shards} files and the index that maps each tensor to its file. */
  public static void writeSharded(Path dir, List<List<Spec>> shards) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode index = json.createObjectNode();
    index.putObject("metadata").put("total_size", 0);
    ObjectNode map = index.putObject("weight_map");
    for (int i = 0; i < shards.size(); i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      write(dir.resolve(name), shards.get(i), false);
      for (Spec t : shards.get(i)) {
        map.put(t.name(), name);
      }
    }
    Files.writeString(dir.resolve("model.safetensors.index.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(index));
  }

  /** GPT-2's tensors under Hugging Face's names (GPT2Model: wte, wpe, h.N.{ln_1,attn,ln_2,mlp}, ln_f), with the causal-mask buffers. */
  public static List<Spec> gpt2(int layers, int d, int vocab, int context) {
    List<Spec> t = new ArrayList<>();
    t.add(new Spec("wte.weight", "F32", vocab, d));
    t.add(new Spec("wpe.weight", "F32", context, d));
    for (int i = 0; i < layers; i++) {
      String h = "h." + i + ".";
      t.add(new Spec(h + "ln_1.weight", "F32", d));
      t.add(new Spec(h + "ln_1.bias", "F32", d));
      t.add(new Spec(h + "attn.bias", "F32", 1, 1, context, context));
      t.add(new Spec(h + "attn.c_attn.weight", "F32", d, 3L * d));
      t.add(new Spec(h + "attn.c_attn.bias", "F32", 3L * d));
      t.add(new Spec(h + "attn.c_proj.weight", "F32", d, d));
      t.add(new Spec(h + "attn.c_proj.bias", "F32", d));
      t.add(new Spec(h + "ln_2.weight", "F32", d));
      t.add(new Spec(h + "ln_2.bias", "F32", d));
      t.add(new Spec(h + "mlp.c_fc.weight", "F32", d, 4L * d));
      t.add(new Spec(h + "mlp.c_fc.bias", "F32", 4L * d));
      t.add(new Spec(h + "mlp.c_proj.weight", "F32", 4L * d, d));
      t.add(new Spec(h + "mlp.c_proj.bias", "F32", d));
    }
    t.add(new Spec("ln_f.weight", "F32", d));
    t.add(new Spec("ln_f.bias", "F32", d));
    return t;
  }
}
