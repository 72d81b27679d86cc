package dev.sizeup.scaling;

/** Whether a law can reach a target loss, and with what allocation. */
public sealed interface Reach {

  /** The least compute that reaches the loss, and its loss-minimising allocation. */
  record Reached(Allocation allocation) implements Reach {}

  /** No budget from 1 to 1e45 FLOPs reaches the loss under this law; {@code why} says which way it fails. */
  record Unreachable(String why) implements Reach {}
}
