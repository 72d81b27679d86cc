package dev.sizeup.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sizeup.spec.Source;
import dev.sizeup.spec.SpecException;
import org.junit.jupiter.api.Test;

class GpuCatalogTest {
  /** Every shipped accelerator can size memory: a capacity, a bandwidth, and a source that states the bandwidth. */
  @Test
  void every_built_in_gpu_has_memory_and_a_cited_bandwidth() {
    for (Gpu g : GpuCatalog.builtIn().gpus()) {
      assertThat(g.memoryBytes()).as(g.name()).isPositive();
      assertThat(g.bandwidth()).as(g.name()).isBetween(1e12, 1e13);
      assertThat(g.source()).as(g.name()).containsPattern("(?i)bandwidth");
    }
  }

  /** memory_gb is 10^9 bytes, memory_gib 2^30: H100's datasheet 80 GB, TPU v5p's documented 95 GiB. */
  @Test
  void memory_is_read_in_the_unit_its_key_names() {
    GpuCatalog c = GpuCatalog.builtIn();
    assertThat(c.find("h100").memoryBytes()).isEqualTo(80_000_000_000L);
    assertThat(c.find("tpu-v5p").memoryBytes()).isEqualTo(95L << 30);
    assertThat(c.find("h100").bandwidth()).isEqualTo(3.35e12);
  }

  @Test
  void a_size_in_both_units_or_an_absurd_bandwidth_is_refused() {
    assertThatThrownBy(() -> GpuCatalog.builtIn().with(new Source("both.yaml", """
        gpus:
          - name: x
            memory_gb: 80
            memory_gib: 80
            peak_tflops: {bf16: 100}
        """, null, Source.Kind.FILE))).isInstanceOf(SpecException.class).hasMessageContaining("give memory_gb or memory_gib, not both");
    assertThatThrownBy(() -> GpuCatalog.builtIn().with(new Source("fast.yaml", """
        gpus:
          - name: x
            memory_gb: 80
            memory_bandwidth_tbs: 3350
            peak_tflops: {bf16: 100}
        """, null, Source.Kind.FILE))).isInstanceOf(SpecException.class).hasMessageContaining("expected TB/s from 0.001 to 1000, got 3350");
    assertThatThrownBy(() -> GpuCatalog.builtIn().with(new Source("tiny.yaml", """
        gpus:
          - name: x
            memory_gb: 0.0000000001
            peak_tflops: {bf16: 100}
        """, null, Source.Kind.FILE))).isInstanceOf(SpecException.class).hasMessageContaining("expected at least one byte");
  }

  /** A user's accelerator without a memory size plans costs, and is refused (as the user's error) for memory. */
  @Test
  void an_accelerator_without_memory_is_refused_only_where_memory_is_needed() throws SpecException {
    Gpu g = GpuCatalog.builtIn().with(new Source("tiny.yaml", """
        gpus:
          - name: tiny
            peak_tflops: {bf16: 10}
        """, null, Source.Kind.FILE)).find("tiny");
    assertThat(g.peak(Precision.BF16)).isEqualTo(10e12);
    assertThatThrownBy(g::memoryBytes).isInstanceOf(dev.sizeup.spec.InvalidValueException.class)
        .hasMessageContaining("tiny has no memory size in the GPU catalog");
  }
}
