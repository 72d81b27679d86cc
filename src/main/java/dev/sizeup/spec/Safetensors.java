package dev.sizeup.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the headers of safetensors files: an 8-byte little-endian length N, then N bytes of JSON
 * mapping each tensor's name to its {@code dtype}, {@code shape} and {@code data_offsets} (the format's
 * specification, huggingface/safetensors README, "Format"). Only the header is read, so a file cut
 * right after it (what a user gets by fetching the first bytes of each shard) is enough.
 */
public final class Safetensors {
  private Safetensors() {}

  /** The format's own limit on the header (huggingface/safetensors: "the header is limited to 100MB"). */
  static final long MAX_HEADER_BYTES = 100L << 20;

  /** The index of a sharded checkpoint. */
  static final String INDEX = "model.safetensors.index.json";

  private static final JsonMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build())
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  /**
   * The element types of the format (huggingface/safetensors, "Dtype"), with their widths in bits:
   * the sub-byte float types are packed, so a tensor of them takes elements × bits / 8 bytes.
   */
  public enum Dtype {
    F64(64), F32(32), F16(16), BF16(16), F8_E4M3(8), F8_E5M2(8), F8_E8M0(8), F6_E2M3(6), F6_E3M2(6), F4(4),
    I64(64), I32(32), I16(16), I8(8), U64(64), U32(32), U16(16), U8(8), BOOL(8);

    private final int bits;

    Dtype(int bits) {
      this.bits = bits;
    }

    /** Bits per stored element. */
    public int bits() {
      return bits;
    }
  }

  /**
   * One tensor as the header describes it.
   *
   * @param name    its name in the state dict
   * @param dtype   its element type
   * @param shape   its dimensions
   * @param file    the file that holds it (as displayed)
   * @param begin   where its data starts in the file's data section
   * @param end     where its data ends
   */
  public record Tensor(String name, Dtype dtype, long[] shape, String file, long begin, long end) {
    /** Elements: the product of the shape (1 for a scalar). */
    public long elements() {
      long n = 1;
      for (long s : shape) {
        n = Math.multiplyExact(n, s);
      }
      return n;
    }

    /** "[4096, 11008]". */
    public String shapeText() {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < shape.length; i++) {
        b.append(i == 0 ? "" : ", ").append(shape[i]);
      }
      return b.append(']').toString();
    }
  }

  /**
   * A checkpoint: its files and every tensor in them, in file order then header order.
   *
   * @param source   what was read (the path as given)
   * @param files    the files whose headers were read
   * @param tensors  every tensor
   * @param metadata the headers' {@code __metadata__} entries (e.g. {"format": "pt"})
   */
  public record Checkpoint(String source, List<String> files, List<Tensor> tensors, Map<String, String> metadata) {
    public Checkpoint {
      files = List.copyOf(files);
      tensors = List.copyOf(tensors);
      metadata = Map.copyOf(metadata);
    }
  }

  /**
   * Reads a checkpoint from {@code path}: a .safetensors file, or a directory. A directory with a
   * {@code model.safetensors.index.json} is read through it (every shard it names must be there);
   * otherwise every {@code *.safetensors} file in it is read, sorted by name.
   */
  public static Checkpoint read(Path path) throws SpecException {
    String shown = Inputs.display(path);
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      Path index = path.resolve(INDEX);
      if (Files.isRegularFile(index)) {
        for (String shard : shards(index)) {
          files.add(path.resolve(shard));
        }
      } else {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.safetensors")) {
          dir.forEach(files::add);
        } catch (IOException e) {
          throw new SpecException(shown, Location.UNKNOWN, null, "cannot list the folder: " + e.getMessage());
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        if (files.isEmpty()) {
          throw new SpecException(shown, Location.UNKNOWN, null,
              "no *.safetensors files and no " + INDEX + " in this folder");
        }
      }
    } else if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      throw new SpecException(shown, Location.UNKNOWN, null,
          Files.exists(path) ? "not a regular file or folder" : "no such file or folder");
    }
    List<Tensor> tensors = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (Path file : files) {
      for (Tensor t : header(file, metadata)) {
        if (!names.add(t.name())) {
          throw new SpecException(Inputs.display(file), Location.UNKNOWN, t.name(),
              "the tensor is also in another shard: a checkpoint names each tensor once");
        }
        tensors.add(t);
      }
    }
    return new Checkpoint(shown, files.stream().map(Inputs::display).toList(), tensors, metadata);
  }

  /** The shard files an index names, in the order they first appear. */
  private static List<String> shards(Path index) throws SpecException {
    String shown = Inputs.display(index);
    Source source = Inputs.read(index);
    Node root = Documents.parse(source.text(), shown, Documents.Format.JSON);
    NodeReader r = new NodeReader(shown);
    Node.Mapping top = r.mapping(root, "", List.of("metadata", "weight_map"));
    if (!(top.get("weight_map") instanceof Node.Mapping map)) {
      throw r.error(root, "weight_map", "expected the index's weight_map (tensor name -> shard file)");
    }
    Set<String> shards = new LinkedHashSet<>();
    for (Node.Entry e : map.entries().values()) {
      if (!(e.value() instanceof Node.Scalar s) || s.kind() != Node.Kind.STRING || s.text().contains("/")
          || !s.text().endsWith(".safetensors")) {
        throw r.error(e.value(), "weight_map." + e.key(), "expected a .safetensors file name in the same folder, got "
            + Node.describe(e.value()));
      }
      shards.add(s.text());
    }
    return new ArrayList<>(shards);
  }

  /** Reads one file's header; {@code metadata} gathers its {@code __metadata__}. */
  static List<Tensor> header(Path file, Map<String, String> metadata) throws SpecException {
    String shown = Inputs.display(file);
    byte[] json;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] length = in.readNBytes(8);
      if (length.length < 8) {
        throw new SpecException(shown, Location.UNKNOWN, null,
            "not a safetensors file: shorter than the 8-byte header length");
      }
      long n = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (n < 2 || n > MAX_HEADER_BYTES) {
        throw new SpecException(shown, Location.UNKNOWN, null, "not a safetensors file: its header length is "
            + Long.toUnsignedString(n) + " bytes (the format allows at most 100 MiB)");
      }
      json = in.readNBytes((int) n);
      if (json.length < n) {
        throw new SpecException(shown, Location.UNKNOWN, null, "the file ends inside its header (" + json.length
            + " of " + n + " header bytes): fetch at least the first " + (8 + n) + " bytes");
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "no such file (named by the index)");
    } catch (IOException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "cannot read: " + e.getMessage());
    }
    JsonNode root;
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(json)).toString();
      root = JSON.readTree(text.stripTrailing());
    } catch (CharacterCodingException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "the header is not UTF-8 JSON");
    } catch (JacksonException e) {
      throw new SpecException(shown, Location.UNKNOWN, null, "the header is not valid JSON: "
          + Text.clip(e.getOriginalMessage(), 80));
    }
    if (root == null || !root.isObject()) {
      throw new SpecException(shown, Location.UNKNOWN, null, "the header is not a JSON object");
    }
    List<Tensor> tensors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue().fields().forEachRemaining(m -> metadata.putIfAbsent(m.getKey(), m.getValue().asText()));
        continue;
      }
      tensors.add(tensor(shown, e.getKey(), e.getValue()));
    }
    return tensors;
  }

  private static Tensor tensor(String file, String name, JsonNode t) throws SpecException {
    if (!t.isObject() || !t.path("dtype").isTextual() || !t.path("shape").isArray()
        || !t.path("data_offsets").isArray() || t.get("data_offsets").size() != 2) {
      throw new SpecException(file, Location.UNKNOWN, Text.clip(name, 80),
          "expected {\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]}");
    }
    Dtype dtype;
    try {
      dtype = Dtype.valueOf(t.get("dtype").asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      throw new SpecException(file, Location.UNKNOWN, Text.clip(name, 80), "unknown dtype '"
          + Text.clip(t.get("dtype").asText(), 20) + "'");
    }
    long[] shape = new long[t.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = t.get("shape").get(i);
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
        throw new SpecException(file, Location.UNKNOWN, Text.clip(name, 80), "a dimension is not a whole number: " + d);
      }
      shape[i] = d.asLong();
    }
    JsonNode offsets = t.get("data_offsets");
    if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
      throw new SpecException(file, Location.UNKNOWN, Text.clip(name, 80), "data_offsets are not whole numbers");
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    BigInteger elements = BigInteger.ONE;
    for (long s : shape) {
      elements = elements.multiply(BigInteger.valueOf(s));
    }
    BigInteger bits = elements.multiply(BigInteger.valueOf(dtype.bits()));
    BigInteger bytes = bits.add(BigInteger.valueOf(7)).shiftRight(3);
    if (begin < 0 || end < begin || !bytes.equals(BigInteger.valueOf(end).subtract(BigInteger.valueOf(begin)))) {
      throw new SpecException(file, Location.UNKNOWN, Text.clip(name, 80), "its data_offsets [" + begin + ", " + end
          + "] do not hold " + dtype + " " + elementsText(shape) + " (" + bytes + " bytes): the header is inconsistent");
    }
    if (elements.bitLength() > 62) {
      throw new SpecException(file, Location.UNKNOWN, Text.clip(name, 80), "more elements than a 64-bit count holds");
    }
    return new Tensor(name, dtype, shape, file, begin, end);
  }

  private static String elementsText(long[] shape) {
    return new Tensor("", Dtype.U8, shape, "", 0, 0).shapeText();
  }
}
