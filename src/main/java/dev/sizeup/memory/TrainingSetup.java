package dev.sizeup.memory;

import java.util.Objects;

/**
 * How a model is trained, apart from its layout over GPUs.
 *
 * @param precision   the number format of weights, gradients and activations
 * @param optimizer   the optimizer; null when the bytes per parameter are given instead
 * @param states      bytes per parameter of the weights, gradients and optimizer state
 * @param activations what decides the stored activations
 */
public record TrainingSetup(TrainingPrecision precision, Optimizer optimizer, StateBytes states, ActivationSetup activations) {
  public TrainingSetup {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(activations, "activations");
  }
}
