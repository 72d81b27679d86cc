package dev.sizeup.spec;

import java.util.List;

/** The normalisation layer used throughout the model. */
public enum Norm implements SpecEnum {
  /** LayerNorm with a weight and a bias (Ba et al. 2016): 2 · d_model parameters. */
  LAYERNORM(2, List.of("layer-norm", "ln")),
  /**
   * LayerNorm with a weight and no bias (Cohere's CohereLayerNorm; PaLM, Chowdhery et al. 2022, §2: "no
   * biases were used in ... layer norms"): it centres as LayerNorm does, and has as many parameters as
   * RMSNorm, d_model.
   */
  LAYERNORM_NO_BIAS(1, List.of("layer-norm-no-bias", "ln-no-bias")),
  /** RMSNorm, weight only (Zhang &amp; Sennrich 2019): d_model parameters. */
  RMSNORM(1, List.of("rms-norm", "rms")),
  /** LayerNorm without learnable weight or bias (OLMo v1, Groeneveld et al. 2024): no parameters. */
  NONPARAMETRIC(0, List.of());

  private final int vectors;
  private final List<String> aliases;

  Norm(int vectors, List<String> aliases) {
    this.vectors = vectors;
    this.aliases = aliases;
  }

  /** Parameters of one norm over a d_model-wide vector. */
  public long parameters(long dModel) {
    return Math.multiplyExact(vectors, dModel);
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }
}
