package dev.sizeup.memory;

import dev.sizeup.plan.Gpu;
import java.util.Objects;

/**
 * An accelerator with the memory a model may use on it.
 *
 * @param gpu      the accelerator
 * @param reserve  bytes kept back for the framework: the CUDA context, communication buffers, the
 *                 allocator's fragmentation and temporary workspaces
 */
public record Device(Gpu gpu, long reserve) {
  public Device {
    Objects.requireNonNull(gpu, "gpu");
    if (reserve < 0 || reserve >= gpu.memoryBytes()) {
      throw new dev.sizeup.spec.InvalidValueException("reserve", "expected a reserve below the "
          + gpu.name() + "'s " + gpu.memoryBytes() + " bytes, got " + reserve);
    }
  }

  /** {@code gpu} with {@code reserve} kept back. */
  public static Device of(Gpu gpu, Reserve reserve) {
    return new Device(gpu, reserve.of(gpu.memoryBytes()));
  }

  /** Bytes the model may use. */
  public long usable() {
    return gpu.memoryBytes() - reserve;
  }
}
