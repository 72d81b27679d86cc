package dev.sizeup.spec;

/**
 * How the resolver filled in or read a key that was not written out plainly: a default (with the
 * rule that gave its value) or an alias (with the canonical value it stands for).
 *
 * @param key  the key, relative to {@code architecture} for architecture keys ({@code kv_heads},
 *             {@code moe.shared_experts}) and with its section otherwise ({@code expected.tolerance})
 * @param rule the rule, or for an alias what the written word means
 * @param kind default or alias
 */
public record AppliedDefault(String key, String rule, Kind kind) {
  /** Why the value is not simply the one written. */
  public enum Kind implements SpecEnum {
    DEFAULT,
    ALIAS
  }

  public AppliedDefault(String key, String rule) {
    this(key, rule, Kind.DEFAULT);
  }
}
