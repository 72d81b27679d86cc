package dev.sizeup.spec;

/**
 * The model's normalisation: the kind every norm is, and the norms outside the blocks.
 *
 * @param kind           LayerNorm, LayerNorm without bias, RMSNorm or a norm without parameters
 * @param finalNorm      a norm after the last block
 * @param embeddingNorm  a norm right after the token embedding (BLOOM)
 */
public record Norms(Norm kind, boolean finalNorm, boolean embeddingNorm) {
  public Norms {
    Checks.present("architecture.norm", kind);
  }
}
