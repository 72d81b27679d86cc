package dev.sizeup.plan;

import dev.sizeup.spec.InvalidValueException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An accelerator: its peak dense throughput per precision (FLOP/s), its memory and where the figures
 * come from.
 *
 * @param memory its memory's size and bandwidth; parts may be unknown in a user's catalog
 */
public record Gpu(String name, List<String> aliases, String description, Memory memory,
    Map<Precision, Double> peakFlopsPerSecond, String source) {

  /**
   * Device memory.
   *
   * @param bytes     capacity in bytes; null when unknown
   * @param bandwidth peak bandwidth in bytes per second; null when unknown
   */
  public record Memory(Long bytes, Double bandwidth) {
    public static final Memory UNKNOWN = new Memory(null, null);

    public Memory {
      if (bytes != null && bytes < 1) {
        throw new IllegalArgumentException("memory bytes " + bytes);
      }
      if (bandwidth != null && !(bandwidth > 0 && Double.isFinite(bandwidth))) {
        throw new IllegalArgumentException("bandwidth " + bandwidth);
      }
    }
  }

  public Gpu {
    Objects.requireNonNull(name, "name");
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    description = description == null ? name : description;
    source = source == null ? "" : source;
    memory = memory == null ? Memory.UNKNOWN : memory;
    if (peakFlopsPerSecond == null || peakFlopsPerSecond.isEmpty()) {
      throw new IllegalArgumentException(name + ": at least one peak throughput is required");
    }
    peakFlopsPerSecond = Map.copyOf(new EnumMap<>(peakFlopsPerSecond));
  }

  /** The peak at {@code precision}; a precision without a figure is the user's error, naming those it has. */
  public double peak(Precision precision) {
    Double v = peakFlopsPerSecond.get(precision);
    if (v == null) {
      throw new InvalidValueException("precision", name + " has no peak " + precision.key() + " figure; it has: "
          + String.join(", ", peakFlopsPerSecond.keySet().stream().sorted().map(Precision::key).toList()));
    }
    return v;
  }

  /** The memory in bytes; an accelerator without a size is the user's error. */
  public long memoryBytes() {
    if (memory.bytes() == null) {
      throw new InvalidValueException("gpu", name + " has no memory size in the GPU catalog (memory_gb or memory_gib)");
    }
    return memory.bytes();
  }

  /** The peak memory bandwidth in bytes per second; an accelerator without one is the user's error. */
  public double bandwidth() {
    if (memory.bandwidth() == null) {
      throw new InvalidValueException("gpu", name + " has no memory bandwidth in the GPU catalog (memory_bandwidth_tbs)");
    }
    return memory.bandwidth();
  }

  /** True when {@code key} is this accelerator's name or an alias, ignoring case. */
  public boolean answersTo(String key) {
    String k = key.strip();
    return name.equalsIgnoreCase(k) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(k));
  }
}
