package dev.sizeup.flops;

/**
 * Floating-point operations per token.
 *
 * @param forward2n                 2·N, N = parameters a token uses (Hoffmann et al. 2022 and Kaplan et al. 2020, §2.1)
 * @param training6n                6·N: forward plus a backward pass of twice its cost
 * @param forward2nNonEmbedding     Kaplan's variant: 2·N with N excluding embedding, position and output parameters
 * @param training6nNonEmbedding    Kaplan's C ≈ 6·N per token with non-embedding N
 * @param seqLen                    the sequence length the matmul count is taken at; null when none is known
 * @param seqLenSource              where it came from: the spec's context, or the caller's choice
 * @param forward                   matmul FLOPs at {@code seqLen}; null without one
 * @param training                  3 × forward; null without a sequence length
 */
public record FlopsPerToken(
    double forward2n,
    double training6n,
    double forward2nNonEmbedding,
    double training6nNonEmbedding,
    Long seqLen,
    SeqLenSource seqLenSource,
    Double forward,
    Double training) {

  /** Where the sequence length of the matmul count came from. */
  public enum SeqLenSource {
    /** The spec's {@code context}, the default. */
    CONTEXT,
    /** Chosen by the caller (the command line's sequence length). */
    CHOSEN;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
