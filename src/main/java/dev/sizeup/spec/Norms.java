package dev.sizeup.spec;

/**
 * The normalisation layers.
 *
 * @param kind           LayerNorm, RMSNorm or a norm without parameters
 * @param perLayer       norms inside each block (2 pre-LN, 1 parallel attention, 4 sandwich)
 * @param finalNorm      a norm after the last block
 * @param embeddingNorm  a norm right after the token embedding (BLOOM)
 */
public record Norms(Norm kind, long perLayer, boolean finalNorm, boolean embeddingNorm) {
  public Norms {
    Checks.present("architecture.norm", kind);
    Checks.atLeastZero("architecture.norms_per_layer", perLayer);
  }
}
