package dev.sizeup.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Layers that share one block. An architecture whose layers differ lists {@code groups}: each has
 * its number of {@code layers} and the block keys in which it differs from the architecture's own
 * block; the rest it inherits. DeepSeek-V3's first three dense layers are {@code {layers: 3, moe: null}}
 * beside {@code {layers: 58}}. Groups are listed in layer order, but no count depends on the order,
 * so interleaved layers (every other layer a mixture of experts) are two groups.
 *
 * @param layers how many layers
 * @param block  their block
 */
public record Group(long layers, Block block) {
  public Group {
    Checks.positive("architecture.groups.layers", layers);
    Checks.present("architecture.groups", block);
  }

  public static final Key<Group, Long> LAYERS = Key.of("layers", Key.Size.POSITIVE, Key.required(), Group::layers,
      "how many layers the group has");

  /** A group's keys: its layer count and every block key. */
  static final List<Key<?, ?>> KEYS;

  static {
    List<Key<?, ?>> keys = new ArrayList<>();
    keys.add(LAYERS);
    keys.addAll(Block.KEYS);
    KEYS = List.copyOf(keys);
  }

  static Group from(Key.Values v) {
    return new Group(v.get(LAYERS), Block.from(v));
  }

  /** The group as a spec writes it: its layers, and every block key whose value differs from {@code base}'s. */
  Map<String, Object> echo(Block base) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", layers);
    Map<String, Object> own = Keys.echo(base, Block.KEYS);
    Keys.echo(block, Block.KEYS).forEach((k, v) -> {
      if (!Objects.equals(v, own.get(k))) {
        m.put(k, v);
      }
    });
    return m;
  }
}
