package dev.sizeup.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sizeup.analysis.Inspection;
import dev.sizeup.count.CheckpointCounter;
import dev.sizeup.count.CheckpointCounter.CheckpointCount;
import dev.sizeup.count.CheckpointCounter.Component;
import dev.sizeup.count.CheckpointCounter.Duplicate;
import dev.sizeup.spec.Safetensors;
import dev.sizeup.spec.Text;
import java.util.List;

/** The output of {@code sizeup inspect}. */
public final class InspectionRenderer implements Renderer<Inspection> {
  public static final InspectionRenderer INSTANCE = new InspectionRenderer();

  private InspectionRenderer() {}

  /** How many tensor names a list shows before "and N more". */
  private static final int SHOWN = 8;

  @Override
  public String text(Inspection i) {
    CheckpointCount c = i.count();
    StringBuilder out = new StringBuilder();
    out.append("checkpoint ").append(Text.safe(i.checkpoint().source())).append("  (")
        .append(plural(i.checkpoint().files().size(), "file")).append(", ")
        .append(plural(i.checkpoint().tensors().size(), "tensor")).append(")\n");
    out.append("  parameters  ").append(Numbers.grouped(c.total())).append("  ").append(Numbers.human(c.total())).append('\n');
    out.append("  stored      ").append(Numbers.grouped(c.stored().elements())).append(" values in ")
        .append(Numbers.grouped(c.stored().bytes())).append(" bytes (every tensor, tied copies and buffers included)\n");

    out.append("\n  by dtype\n");
    Table dt = new Table(false, true, true, true);
    c.byDtype().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
        dt.row(e.getKey().name(), plural(e.getValue().tensors(), "tensor"),
            Numbers.grouped(e.getValue().elements()) + " parameters", Numbers.grouped(e.getValue().bytes()) + " bytes"));
    dt.text(out, "    ");

    out.append("\n  by component\n");
    Table ct = new Table(false, true, true);
    for (Component k : Component.values()) {
      Long n = c.components().get(k);
      if (n != null) {
        ct.row(k.key(), Numbers.grouped(n), Numbers.percent((double) n / c.total()));
      }
    }
    ct.text(out, "    ");
    if (c.components().containsKey(Component.VISION)) {
      out.append("  vision: a vision tower and projector, not part of the language model (")
          .append(Numbers.grouped(c.languageModel())).append(" parameters without them)\n");
    }
    for (Duplicate d : c.duplicates()) {
      out.append("  tied: ").append(Text.safe(d.head().name())).append(" is a stored copy of ")
          .append(Text.safe(d.embedding().name())).append(", counted once (").append(d.reason()).append(")\n");
    }
    if (!c.buffers().isEmpty()) {
      out.append("  not parameters: ").append(plural(c.buffers().size(), "buffer")).append(" (")
          .append(names(c.buffers())).append("), ")
          .append(Numbers.grouped(c.buffers().stream().mapToLong(t -> t.end() - t.begin()).sum())).append(" bytes\n");
    }
    if (!c.unmatched().isEmpty()) {
      out.append("  unmatched: ").append(names(c.unmatched()))
          .append(" (counted in the total; no pattern says which part they belong to)\n");
    }
    java.util.Map<String, List<CheckpointCounter.Packed>> formats = new java.util.TreeMap<>();
    c.quantized().packed().forEach(p -> formats.computeIfAbsent(p.format(), k -> new java.util.ArrayList<>()).add(p));
    formats.forEach((format, list) -> out.append("  packed: ").append(plural(list.size(), "tensor")).append(" of ")
        .append(format).append(", counted by the ")
        .append(Numbers.grouped(list.stream().mapToLong(CheckpointCounter.Packed::values).sum()))
        .append(" values they hold (").append(names(list.stream().map(CheckpointCounter.Packed::tensor).toList()))
        .append(")\n"));
    if (!c.quantized().metadata().isEmpty()) {
      out.append("  not parameters: ").append(plural(c.quantized().metadata().size(), "quantization scale"))
          .append(" or zero point (").append(names(c.quantized().metadata())).append("), ")
          .append(Numbers.grouped(c.quantized().metadata().stream().mapToLong(t -> t.end() - t.begin()).sum()))
          .append(" bytes\n");
    }
    if (i.notCompared() != null) {
      out.append("  not compared: the folder's config.json could not be read as an architecture\n");
    }
    if (i.spec() != null) {
      out.append("\ncompared with ").append(Text.safe(i.spec().name())).append(" (").append(Text.safe(i.spec().file()))
          .append(")\n");
      Table cmp = new Table(new String[] {"part", "checkpoint", "architecture", "difference"}, false, true, true, true);
      for (Inspection.Row r : i.rows()) {
        cmp.row(r.part(), Numbers.grouped(r.checkpoint()), Numbers.grouped(r.spec()),
            r.difference() == 0 ? "-" : (r.difference() > 0 ? "+" : "") + Numbers.grouped(r.difference()));
      }
      cmp.text(out, "  ");
      out.append(i.matches() ? "  the checkpoint holds what the architecture says\n"
          : "  DIFFERS: the checkpoint does not hold what the architecture says\n");
    }
    return out.toString();
  }

  @Override
  public String markdown(Inspection i) {
    CheckpointCount c = i.count();
    StringBuilder out = new StringBuilder();
    out.append("Checkpoint `").append(Text.safe(i.checkpoint().source())).append("`: ")
        .append(Numbers.grouped(c.total())).append(" parameters in ").append(plural(i.checkpoint().tensors().size(), "tensor"))
        .append("\n\n");
    Table ct = new Table(new String[] {"component", "parameters", "share"}, false, true, true);
    for (Component k : Component.values()) {
      Long n = c.components().get(k);
      if (n != null) {
        ct.row(k.key(), Numbers.grouped(n), Numbers.percent((double) n / c.total()));
      }
    }
    ct.markdown(out);
    if (i.spec() != null) {
      out.append('\n');
      Table cmp = new Table(new String[] {"part", "checkpoint", "architecture", "difference"}, false, true, true, true);
      for (Inspection.Row r : i.rows()) {
        cmp.row(r.part(), Numbers.grouped(r.checkpoint()), Numbers.grouped(r.spec()), Numbers.grouped(r.difference()));
      }
      cmp.markdown(out);
    }
    return out.toString();
  }

  @Override
  public String json(Inspection i) {
    CheckpointCount c = i.count();
    ObjectNode o = Json.versioned();
    o.put("source", i.checkpoint().source());
    i.checkpoint().files().forEach(o.putArray("files")::add);
    o.put("tensors", i.checkpoint().tensors().size());
    o.put("parameters", c.total());
    o.put("language_model_parameters", c.languageModel());
    o.put("stored_values", c.stored().elements());
    o.put("stored_bytes", c.stored().bytes());
    ObjectNode dtypes = o.putObject("by_dtype");
    c.byDtype().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> dtypes.putObject(e.getKey().name())
        .put("tensors", e.getValue().tensors()).put("parameters", e.getValue().elements()).put("bytes", e.getValue().bytes()));
    ObjectNode components = o.putObject("components");
    for (Component k : Component.values()) {
      components.put(k.key(), c.components().getOrDefault(k, 0L));
    }
    tensors(o.putArray("buffers"), c.buffers());
    ArrayNode dup = o.putArray("tied_copies");
    for (Duplicate d : c.duplicates()) {
      dup.addObject().put("head", d.head().name()).put("embedding", d.embedding().name()).put("reason", d.reason());
    }
    tensors(o.putArray("unmatched"), c.unmatched());
    ArrayNode packed = o.putArray("packed");
    for (CheckpointCounter.Packed p : c.quantized().packed()) {
      packed.addObject().put("name", p.tensor().name()).put("format", p.format()).put("values", p.values());
    }
    tensors(o.putArray("quantization_metadata"), c.quantized().metadata());
    o.put("comparison_skipped", i.notCompared() == null ? null : i.notCompared().render());
    if (i.spec() == null) {
      o.putNull("comparison");
    } else {
      ObjectNode cmp = o.putObject("comparison");
      cmp.put("name", i.spec().name());
      cmp.put("file", i.spec().file());
      cmp.put("matches", i.matches());
      ArrayNode parts = cmp.putArray("parts");
      for (Inspection.Row r : i.rows()) {
        parts.addObject().put("part", r.part()).put("checkpoint", r.checkpoint()).put("architecture", r.spec())
            .put("difference", r.difference());
      }
    }
    return Json.write(o);
  }

  private static void tensors(ArrayNode array, List<Safetensors.Tensor> tensors) {
    for (Safetensors.Tensor t : tensors) {
      ObjectNode n = array.addObject().put("name", t.name()).put("dtype", t.dtype().name()).put("file", t.file());
      ArrayNode shape = n.putArray("shape");
      for (long s : t.shape()) {
        shape.add(s);
      }
    }
  }

  private static String names(List<Safetensors.Tensor> tensors) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < Math.min(SHOWN, tensors.size()); k++) {
      b.append(k == 0 ? "" : ", ").append(Text.safe(tensors.get(k).name())).append(' ').append(tensors.get(k).shapeText());
    }
    if (tensors.size() > SHOWN) {
      b.append(" and ").append(tensors.size() - SHOWN).append(" more");
    }
    return b.toString();
  }

  private static String plural(long n, String word) {
    return Numbers.grouped(n) + " " + word + (n == 1 ? "" : "s");
  }
}
