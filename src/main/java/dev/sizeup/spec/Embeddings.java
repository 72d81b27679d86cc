package dev.sizeup.spec;

/**
 * The token embedding, the position encoding and the output head.
 *
 * @param positions       position encoding
 * @param positionOffset  extra rows in a learned position table beyond context (OPT keeps 2)
 * @param tied            the output head shares the token-embedding matrix
 * @param outputBias      a bias on the output head (Phi, GPT-J)
 */
public record Embeddings(Positions positions, long positionOffset, boolean tied, boolean outputBias) {
  public Embeddings {
    Checks.present("architecture.positions", positions);
    Checks.atLeastZero("architecture.position_offset", positionOffset);
    if (positionOffset != 0 && !positions.isTable()) {
      throw new InvalidValueException("architecture.position_offset",
          "only a learned position table has extra rows; positions is " + positions.key());
    }
  }
}
