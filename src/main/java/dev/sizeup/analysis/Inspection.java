package dev.sizeup.analysis;

import dev.sizeup.count.CheckpointCounter.CheckpointCount;
import dev.sizeup.count.CheckpointCounter.Component;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.spec.Safetensors;
import dev.sizeup.spec.Spec;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint holds, and, when its architecture is known, how that compares part by part
 * with what the architecture says.
 *
 * @param checkpoint the headers read
 * @param count      the checkpoint's count
 * @param spec       the architecture it is compared with; null when none is known
 * @param rows       the comparison, part by part, then the total; empty without a spec
 * @param notCompared why the folder's own config.json could not be compared (it could not be read
 *                    as an architecture); null when it was, or when there is none
 */
public record Inspection(Safetensors.Checkpoint checkpoint, CheckpointCount count, Spec spec, List<Row> rows,
    dev.sizeup.spec.SpecException notCompared) {
  public Inspection {
    rows = List.copyOf(rows);
  }

  /** One part in both counts. */
  public record Row(String part, long checkpoint, long spec) {
    public long difference() {
      return Math.subtractExact(checkpoint, spec);
    }
  }

  /** True when there is nothing to compare with, or every part matches. */
  public boolean matches() {
    return rows.stream().allMatch(r -> r.difference() == 0);
  }

  /**
   * The rows: the checkpoint's components against the counter's parts, the experts counted with the
   * feed-forward (as the counter does) and a vision tower left out (the architecture is the language
   * model's). Tensors no pattern recognised stand in a row of their own, which the architecture has none of.
   */
  static List<Row> compare(CheckpointCount c, ParameterCount p) {
    Map<Component, Long> m = c.components();
    java.util.function.Function<Component, Long> of = k -> m.getOrDefault(k, 0L);
    return List.of(
        new Row("embedding", of.apply(Component.EMBEDDING), p.embedding()),
        new Row("position", of.apply(Component.POSITION), p.position()),
        new Row("attention", of.apply(Component.ATTENTION), p.attention()),
        new Row("feed_forward", of.apply(Component.FEED_FORWARD) + of.apply(Component.EXPERTS), p.feedForward()),
        new Row("norm", of.apply(Component.NORM), p.norm()),
        new Row("output", of.apply(Component.HEAD), p.output()),
        new Row("router", of.apply(Component.ROUTER), p.router()),
        new Row("unmatched", of.apply(Component.UNMATCHED), 0),
        new Row("total", c.languageModel(), p.total()));
  }
}
