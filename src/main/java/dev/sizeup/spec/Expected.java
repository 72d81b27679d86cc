package dev.sizeup.spec;

import java.util.Objects;

/**
 * Published counts a spec claims, checked by {@code sizeup validate}.
 *
 * @param parameters       expected total parameters
 * @param activeParameters expected parameters active per token (mixture of experts); null if not claimed
 */
public record Expected(Claim parameters, Claim activeParameters) {
  public Expected {
    Objects.requireNonNull(parameters, "parameters");
  }

  /**
   * One published count.
   *
   * @param value     the count
   * @param tolerance how closely ours must match it
   */
  public record Claim(long value, Tolerance tolerance) {
    public Claim {
      if (value < 1) {
        throw new IllegalArgumentException("an expected count is positive, got " + value);
      }
      Objects.requireNonNull(tolerance, "tolerance");
    }
  }
}
