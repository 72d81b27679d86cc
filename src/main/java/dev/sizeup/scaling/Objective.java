package dev.sizeup.scaling;

import java.util.Arrays;
import java.util.Locale;

/** What {@code sizeup fit} minimises over the runs; r_i = log L̂_i − log L_i. */
public enum Objective {
  /**
   * Σ_i Huber_δ(r_i), the objective Hoffmann et al. 2022 state for Approach 3 (§3.3, eq. 8, Appendix D.2),
   * minimised from their 4,500-start grid.
   */
  HUBER("huber"),
  /**
   * The negative log-likelihood of the runs under a Huber density with a free scale σ, which is what
   * Besiroglu et al. 2024 (arXiv:2404.10102) minimise for their refit (their notebook
   * {@code data_analysis.ipynb}, epoch-research/analyzing-chinchilla at 9225883):
   * Σ_i [Huber_δ(r_i/σ) + log σ + log Z(δ)], Z(δ) = √(2π)·erf(δ/√2) + 2·e^(−δ²/2)/δ. See {@link
   * HuberLikelihood}.
   */
  HUBER_LIKELIHOOD("huber-likelihood");

  private final String key;

  Objective(String key) {
    this.key = key;
  }

  /** The name in options, JSON and law files. */
  public String key() {
    return key;
  }

  /** The objective named {@code key}; null when there is none. */
  public static Objective named(String key) {
    return Arrays.stream(values()).filter(o -> o.key.equals(key.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
  }
}
