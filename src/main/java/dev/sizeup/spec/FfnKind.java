package dev.sizeup.spec;

import java.util.List;

/** The shape of a feed-forward block: how many d_model × d_ff matrices it has. */
public enum FfnKind implements SpecEnum {
  /** Up and down projection: d_model → d_ff → d_model (Vaswani et al. 2017; GPT-2). */
  MLP(2, List.of()),
  /** Gated linear unit (SwiGLU, GeGLU, ReGLU; Shazeer 2020): gate, up and down projections. */
  GATED(3, List.of("swiglu", "geglu", "reglu", "glu"));

  private final int matrices;
  private final List<String> aliases;

  FfnKind(int matrices, List<String> aliases) {
    this.matrices = matrices;
    this.aliases = aliases;
  }

  /** The number of d_model × d_ff weight matrices. */
  public int matrices() {
    return matrices;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }
}
