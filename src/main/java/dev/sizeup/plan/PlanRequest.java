package dev.sizeup.plan;

import dev.sizeup.scaling.ScalingLaw;
import dev.sizeup.spec.Bounds;
import dev.sizeup.spec.InvalidValueException;
import java.util.Objects;

/**
 * Everything {@code sizeup plan} was asked. Values out of range are refused with an
 * {@link InvalidValueException} naming the domain key ({@code mfu}, {@code gpus}, ...).
 *
 * @param budget          what the plan starts from
 * @param law             the law used for the headline numbers, target losses and inference sizing
 * @param gpu             accelerator for costs; required by fleet and dollar budgets
 * @param precision       whose peak throughput applies
 * @param mfu             model FLOPs utilisation in [0.001, 1]
 * @param gpus            fleet size (for wall-clock days), or null
 * @param usdPerGpuHour   price per GPU-hour
 * @param inferenceTokens lifetime inference tokens for inference-aware sizing, or null
 */
public record PlanRequest(Budget budget, ScalingLaw law, Gpu gpu, Precision precision, double mfu, Long gpus,
    double usdPerGpuHour, Double inferenceTokens) {

  public PlanRequest {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(law, "law");
    Objects.requireNonNull(precision, "precision");
    Bounds.check("mfu", mfu, 0.001, true, 1, "");
    Bounds.check("usd_per_gpu_hour", usdPerGpuHour, 1e-4, true, 1e4, "USD");
    if (gpus != null) {
      Bounds.check("gpus", gpus, 1, 10_000_000, "accelerators");
      if (gpu == null) {
        throw new InvalidValueException("gpus", "a fleet size needs an accelerator to turn compute into days");
      }
    }
    if ((budget instanceof Budget.Fleet || budget instanceof Budget.Dollars) && gpu == null) {
      throw new InvalidValueException("gpu", "a " + (budget instanceof Budget.Fleet ? "fleet" : "dollar")
          + " budget needs an accelerator (known: " + GpuCatalog.builtIn().names() + ")");
    }
    if ((budget instanceof Budget.TargetLoss || inferenceTokens != null) && !law.predictsLoss()) {
      throw new InvalidValueException("law", law.name() + " predicts no loss; "
          + (budget instanceof Budget.TargetLoss ? "a target loss" : "inference-aware sizing")
          + " needs chinchilla, epoch or kaplan");
    }
    if (inferenceTokens != null) {
      Bounds.check("inference_tokens", inferenceTokens, 0, false, 1e20, "tokens");
    }
    if (gpu != null) {
      gpu.peak(precision);
    }
  }

  /** The training compute a fleet or dollar budget buys (null for the others, which are not hardware-bound). */
  Double hardwareFlops() {
    if (budget instanceof Budget.Fleet f) {
      return Hardware.flops(f.gpus() * 24.0 * f.days(), gpu.peak(precision), mfu);
    }
    if (budget instanceof Budget.Dollars d) {
      return Hardware.flops(d.usd() / usdPerGpuHour, gpu.peak(precision), mfu);
    }
    return null;
  }
}
