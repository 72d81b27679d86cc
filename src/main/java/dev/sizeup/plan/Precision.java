package dev.sizeup.plan;

import dev.sizeup.spec.SpecEnum;

/** Number formats an accelerator's peak throughput is quoted for. */
public enum Precision implements SpecEnum {
  FP32,
  TF32,
  BF16,
  FP16,
  FP8,
  FP4,
  INT8;

  /** By name, ignoring case. */
  public static Precision parse(String text) {
    return SpecEnum.option(Precision.class, text, "precision", "precision");
  }
}
