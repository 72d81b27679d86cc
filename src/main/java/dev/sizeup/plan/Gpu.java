package dev.sizeup.plan;

import dev.sizeup.spec.InvalidValueException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An accelerator: its peak dense throughput per precision (FLOP/s) and where the figures come from.
 */
public record Gpu(String name, List<String> aliases, String description, Double memoryGb,
    Map<Precision, Double> peakFlopsPerSecond, String source) {

  public Gpu {
    Objects.requireNonNull(name, "name");
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    description = description == null ? name : description;
    source = source == null ? "" : source;
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

  /** True when {@code key} is this accelerator's name or an alias, ignoring case. */
  public boolean answersTo(String key) {
    String k = key.strip();
    return name.equalsIgnoreCase(k) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(k));
  }
}
