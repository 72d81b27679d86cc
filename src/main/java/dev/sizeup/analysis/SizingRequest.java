package dev.sizeup.analysis;

import dev.sizeup.memory.MemoryRequest;
import dev.sizeup.plan.Gpu;
import dev.sizeup.plan.Precision;
import dev.sizeup.spec.Bounds;
import java.util.Objects;

/**
 * What a sizing report is asked, for every input alike.
 *
 * @param analysis the analysis options (training tokens, verdict bands, law, name)
 * @param cost     the hardware and prices the cost is stated under
 * @param memory   the training layout and serving setup the memory section is stated for
 */
public record SizingRequest(Analyzer.Options analysis, CostAssumptions cost, MemoryRequest memory) {

  public SizingRequest {
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(memory, "memory");
  }

  /**
   * The assumptions a cost rests on, stated in the report.
   *
   * @param gpu           the accelerator
   * @param precision     whose peak throughput applies
   * @param mfu           model FLOPs utilisation in [0.001, 1]
   * @param gpus          the fleet the wall-clock days are for
   * @param usdPerGpuHour the price of a GPU-hour
   */
  public record CostAssumptions(Gpu gpu, Precision precision, double mfu, long gpus, double usdPerGpuHour) {
    public CostAssumptions {
      Objects.requireNonNull(gpu, "gpu");
      Objects.requireNonNull(precision, "precision");
      Bounds.check("mfu", mfu, 0.001, true, 1, "");
      Bounds.check("gpus", gpus, 1, 10_000_000, "accelerators");
      Bounds.check("usd_per_gpu_hour", usdPerGpuHour, 1e-4, true, 1e4, "USD");
      gpu.peak(precision);
    }
  }
}
