package dev.sizeup.plan;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Node;
import dev.sizeup.spec.NodeReader;
import dev.sizeup.spec.Source;
import dev.sizeup.spec.SpecException;
import dev.sizeup.spec.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The accelerators sizeup knows: the shipped gpus.yaml, optionally extended by the user's own file. */
public final class GpuCatalog {
  private static final String BUILT_IN = "gpus.yaml";
  private static final double TERA = 1e12;
  /** Peaks outside this range (TFLOP/s) are typing errors, not accelerators. */
  private static final double MIN_TFLOPS = 1e-3;
  private static final double MAX_TFLOPS = 1e6;
  /** Memory bandwidths outside this range (TB/s) are typing errors. */
  private static final double MIN_TBS = 1e-3;
  private static final double MAX_TBS = 1e3;

  private static final List<String> TOP_KEYS = List.of("gpus");
  private static final List<String> GPU_KEYS = List.of("name", "aliases", "description", "memory_gb", "memory_gib",
      "memory_bandwidth_tbs", "peak_tflops", "source");

  private final List<Gpu> gpus;

  private GpuCatalog(List<Gpu> gpus) {
    this.gpus = List.copyOf(gpus);
  }

  public static GpuCatalog builtIn() {
    try (InputStream in = GpuCatalog.class.getResourceAsStream(BUILT_IN)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new GpuCatalog(read(NodeReader.parseYaml(text, BUILT_IN), new NodeReader(BUILT_IN)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SpecException e) {
      throw new IllegalStateException("the built-in GPU catalog is invalid: " + e.render(), e);
    }
  }

  /** The catalog with {@code file}'s entries added; an entry with a known name replaces it. */
  public GpuCatalog with(Source file) throws SpecException {
    List<Gpu> added = read(NodeReader.parseYaml(file.text(), file.display()), new NodeReader(file.display()));
    Map<String, Gpu> merged = new LinkedHashMap<>();
    gpus.forEach(g -> merged.put(g.name(), g));
    added.forEach(g -> merged.put(g.name(), g));
    return new GpuCatalog(new ArrayList<>(merged.values()));
  }

  public List<Gpu> gpus() {
    return gpus;
  }

  /** The accelerator by name or alias, ignoring case; an unknown one is refused with a "did you mean". */
  public Gpu find(String key) {
    return gpus.stream().filter(g -> g.answersTo(key)).findFirst()
        .orElseThrow(() -> new InvalidValueException("gpu", Suggestions.unknown("GPU '" + key + "'", key,
            gpus.stream().flatMap(g -> java.util.stream.Stream.concat(java.util.stream.Stream.of(g.name()),
                g.aliases().stream())).toList())));
  }

  public String names() {
    return gpus.stream().map(Gpu::name).collect(Collectors.joining(", "));
  }

  /** memory_gb (10^9 bytes) or memory_gib (2^30 bytes), at most one, as exact bytes. */
  private static Long memoryBytes(Node.Mapping g, String at, NodeReader r) throws SpecException {
    BigDecimal gb = r.number(g.get("memory_gb"), at + ".memory_gb");
    BigDecimal gib = r.number(g.get("memory_gib"), at + ".memory_gib");
    if (gb != null && gib != null) {
      throw r.error(g.get("memory_gib"), at + ".memory_gib", "give memory_gb or memory_gib, not both");
    }
    String key = gb != null ? "memory_gb" : "memory_gib";
    BigDecimal value = gb != null ? gb : gib;
    if (value == null) {
      return null;
    }
    if (value.signum() <= 0 || value.doubleValue() > 1e6) {
      throw r.error(g.get(key), at + "." + key, "expected a size from 0 to 1000000, got " + value.toPlainString());
    }
    BigDecimal bytes = value.multiply(gb != null ? BigDecimal.TEN.pow(9) : BigDecimal.valueOf(1L << 30));
    long whole = bytes.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    if (whole < 1) {
      throw r.error(g.get(key), at + "." + key, "expected at least one byte, got " + value.toPlainString());
    }
    return whole;
  }

  private static List<Gpu> read(Node root, NodeReader r) throws SpecException {
    Node.Mapping top = r.mapping(root, "", TOP_KEYS);
    Node list = top.get("gpus");
    if (list == null || NodeReader.isNull(list)) {
      throw r.error(root, "gpus", "expected a list of accelerators with name and peak_tflops");
    }
    List<Node> items = r.list(list, "gpus");
    if (items.isEmpty()) {
      throw r.error(list, "gpus", "expected a list of accelerators with name and peak_tflops, got an empty list");
    }
    List<Gpu> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = "gpus[" + i + "]";
      Node.Mapping g = r.mapping(items.get(i), at, GPU_KEYS);
      String name = r.text(g, "name", at + ".name");
      if (name == null || name.isBlank()) {
        throw r.error(g, at + ".name", "every accelerator needs a name");
      }
      Node peaksNode = g.get("peak_tflops");
      if (peaksNode == null || NodeReader.isNull(peaksNode)) {
        throw r.error(g, at + ".peak_tflops", name + ": peak_tflops is required (e.g. {bf16: 989.4})");
      }
      List<String> precisions = java.util.Arrays.stream(Precision.values()).map(Precision::key).toList();
      Node.Mapping peaks = r.mapping(peaksNode, at + ".peak_tflops", precisions);
      if (peaks.entries().isEmpty()) {
        throw r.error(peaksNode, at + ".peak_tflops", name + ": at least one peak is required (e.g. {bf16: 989.4})");
      }
      Map<Precision, Double> perSecond = new EnumMap<>(Precision.class);
      for (Node.Entry e : peaks.entries().values()) {
        String key = at + ".peak_tflops." + e.key();
        BigDecimal tflops = r.number(e.value(), key);
        if (tflops == null || tflops.doubleValue() < MIN_TFLOPS || tflops.doubleValue() > MAX_TFLOPS) {
          throw r.error(e.value(), key, "expected TFLOP/s from 0.001 to 1000000, got " + Node.describe(e.value()));
        }
        perSecond.put(Precision.parse(e.key()), tflops.doubleValue() * TERA);
      }
      Long bytes = memoryBytes(g, at, r);
      BigDecimal bandwidth = r.number(g.get("memory_bandwidth_tbs"), at + ".memory_bandwidth_tbs");
      if (bandwidth != null && (bandwidth.doubleValue() < MIN_TBS || bandwidth.doubleValue() > MAX_TBS)) {
        throw r.error(g.get("memory_bandwidth_tbs"), at + ".memory_bandwidth_tbs",
            "expected TB/s from 0.001 to 1000, got " + bandwidth.toPlainString());
      }
      out.add(new Gpu(name, r.texts(g, "aliases", at + ".aliases"), r.text(g, "description", at + ".description"),
          new Gpu.Memory(bytes, bandwidth == null ? null : bandwidth.doubleValue() * TERA), perSecond,
          r.text(g, "source", at + ".source")));
    }
    return out;
  }
}
