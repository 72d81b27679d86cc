package dev.sizeup.scaling;

import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Suggestions;
import java.util.List;
import java.util.stream.Collectors;

/** The laws sizeup knows, by name; {@code chinchilla} is the default wherever one law is needed. */
public final class ScalingLaws {
  private ScalingLaws() {}

  public static final List<ScalingLaw> ALL =
      List.of(Parametric.CHINCHILLA, Parametric.EPOCH, Kaplan.INSTANCE, Rule20.INSTANCE);

  public static final ScalingLaw DEFAULT = Parametric.CHINCHILLA;

  /** The law by name, ignoring case; an unknown name is the user's error, with a "did you mean". */
  public static ScalingLaw byName(String name) {
    return ALL.stream().filter(l -> l.name().equalsIgnoreCase(name.strip())).findFirst()
        .orElseThrow(() -> new InvalidValueException("law",
            Suggestions.unknown("law '" + name + "'", name, ALL.stream().map(ScalingLaw::name).toList())));
  }

  /** Every built-in law, and {@code chosen} after them when it is not one (a law read from a file). */
  public static List<ScalingLaw> with(ScalingLaw chosen) {
    if (chosen == null || ALL.contains(chosen)) {
      return ALL;
    }
    List<ScalingLaw> out = new java.util.ArrayList<>(ALL);
    out.add(chosen);
    return List.copyOf(out);
  }

  public static String names() {
    return ALL.stream().map(ScalingLaw::name).collect(Collectors.joining(", "));
  }
}
