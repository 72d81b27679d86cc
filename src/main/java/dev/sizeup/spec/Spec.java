package dev.sizeup.spec;

import java.util.List;
import java.util.Objects;

/**
 * A loaded, resolved spec (from a YAML or JSON spec, a preset or a Hugging Face config).
 *
 * @param name         model name
 * @param source       where the numbers come from (free text); may be empty
 * @param file         the input as the user named it (forward slashes), {@code preset:NAME} or {@code <stdin>}
 * @param architecture the resolved architecture
 * @param tokens       planned training tokens; null when not given
 * @param expected     published counts to validate against; null when not given
 * @param defaults     every default applied and alias read, in key order
 * @param locator      where each key sits in the input, for diagnostics found later
 */
public record Spec(
    String name,
    String source,
    String file,
    Architecture architecture,
    Long tokens,
    Expected expected,
    List<AppliedDefault> defaults,
    Locator locator) {

  public Spec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(architecture, "architecture");
    source = source == null ? "" : source;
    defaults = List.copyOf(defaults);
    locator = locator == null ? Locator.NOWHERE : locator;
    if (tokens != null && tokens < 1) {
      throw new InvalidValueException("training.tokens", "expected a positive count, got " + tokens);
    }
  }

  /** The same spec with training tokens replaced (the command line's tokens). */
  public Spec withTokens(long newTokens) {
    return new Spec(name, source, file, architecture, newTokens, expected, defaults, locator);
  }

  /**
   * A diagnostic about {@code key} in this spec's input, located where the key sits; the key is named
   * only when the input has it (a config.json has no {@code architecture} key).
   */
  public SpecException error(String key, String message) {
    return new SpecException(file, locator.locate(key), locator.has(key) ? key : null, message);
  }
}
