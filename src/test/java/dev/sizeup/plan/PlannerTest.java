package dev.sizeup.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sizeup.scaling.ScalingLaws;
import dev.sizeup.spec.InvalidValueException;
import dev.sizeup.spec.Inputs;
import dev.sizeup.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {
  static final GpuCatalog CATALOG = GpuCatalog.builtIn();

  /** Dense peaks from the vendors' datasheets (figures "with sparsity" are twice these). */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "a100,      bf16,  312e12",   // NVIDIA A100 datasheet
    "h100,      bf16,  989.4e12", // NVIDIA H100 SXM datasheet: 1,979 with sparsity
    "h100-pcie, bf16,  756.5e12", // NVIDIA H100 PCIe datasheet: 1,513 with sparsity
    "h100-sxm,  fp8,  1978.9e12",
    "mi300x,    bf16, 1307.4e12", // AMD MI300X data sheet
    "tpu-v5p,   bf16,  459e12",   // Google Cloud TPU v5p documentation
  })
  void catalog_holds_the_datasheet_peaks(String gpu, String precision, double peak) {
    assertThat(CATALOG.find(gpu).peak(Precision.parse(precision))).isEqualTo(peak);
  }

  @Test
  void every_catalog_entry_cites_a_source_and_has_a_bf16_peak() {
    assertThat(CATALOG.gpus()).extracting(Gpu::name)
        .contains("a100", "h100-sxm", "h100-pcie", "h200", "b200", "mi300x", "tpu-v5p");
    for (Gpu g : CATALOG.gpus()) {
      assertThat(g.source()).as(g.name()).isNotBlank();
      assertThat(g.peak(Precision.BF16)).as(g.name()).isPositive();
    }
  }

  @Test
  void a_fleet_for_a_month_is_gpus_times_seconds_times_peak_times_mfu() {
    PlanRequest r = new PlanRequest(new Budget.Fleet(2048, 30), ScalingLaws.DEFAULT, CATALOG.find("h100"),
        Precision.BF16, 0.4, null, 2.5, null);
    Plan p = Planner.plan(r);
    assertThat(p.computeFlops()).isCloseTo(2048.0 * 30 * 86_400 * 989.4e12 * 0.4, within(1e10));
    assertThat(p.cost().gpuHours()).isCloseTo(2048 * 30 * 24.0, within(1e-6));
    assertThat(p.cost().days()).isEqualTo(30.0);
    assertThat(p.cost().usd()).isCloseTo(2048 * 30 * 24 * 2.5, within(1e-3));
  }

  @Test
  void dollars_buy_gpu_hours_at_the_price() {
    PlanRequest r = new PlanRequest(new Budget.Dollars(2e6), ScalingLaws.DEFAULT, CATALOG.find("h100"),
        Precision.BF16, 0.4, 1024L, 2.5, null);
    Plan p = Planner.plan(r);
    assertThat(p.cost().gpuHours()).isCloseTo(800_000, within(1e-6));
    assertThat(p.cost().usd()).isEqualTo(2e6);
    assertThat(p.cost().days()).isCloseTo(800_000 / 1024.0 / 24, within(1e-9));
    assertThat(Hardware.flops(p.cost().gpuHours(), 989.4e12, 0.4)).isCloseTo(p.computeFlops(), within(1e6));
  }

  @Test
  void a_target_loss_is_met_by_every_law_that_predicts_one() {
    Plan p = Planner.plan(new PlanRequest(new Budget.TargetLoss(2.0), ScalingLaws.DEFAULT, null, Precision.BF16,
        0.4, null, 2.0, null));
    assertThat(p.allocations()).extracting(a -> a.law().name()).containsExactly("chinchilla", "epoch", "kaplan");
    p.allocations().forEach(a -> assertThat(a.law().loss(a.allocation().parameters(), a.allocation().tokens()))
        .isCloseTo(2.0, within(1e-9)));
    assertThat(p.computeFlops()).isEqualTo(p.allocations().get(0).allocation().computeFlops());
    assertThat(p.cost()).isNull();
  }

  @Test
  void requests_that_cannot_be_answered_say_why() {
    assertThatThrownBy(() -> new PlanRequest(new Budget.Compute(1e23), ScalingLaws.DEFAULT, null, Precision.BF16,
        0, null, 2, null)).isInstanceOf(InvalidValueException.class).hasMessage("mfu: expected a number in [0.001, 1], got 0");
    assertThatThrownBy(() -> new PlanRequest(new Budget.Dollars(1e6), ScalingLaws.DEFAULT, null, Precision.BF16,
        0.4, null, 2, null)).hasMessageStartingWith("gpu: a dollar budget needs an accelerator");
    assertThatThrownBy(() -> new PlanRequest(new Budget.Compute(1e23), ScalingLaws.DEFAULT, CATALOG.find("tpu-v5p"),
        Precision.FP8, 0.4, null, 2, null)).hasMessageContaining("tpu-v5p has no peak fp8");
    assertThatThrownBy(() -> new Budget.Compute(-1)).hasMessage("compute: expected a number in [1, 1e40] FLOPs, got -1");
    assertThatThrownBy(() -> CATALOG.find("v100")).hasMessage("gpu: unknown GPU 'v100'; did you mean 'a100'?");
    assertThat(CATALOG.find("H100")).isEqualTo(CATALOG.find("h100-sxm"));
  }

  @Test
  void a_user_catalog_adds_and_overrides_accelerators(@TempDir Path dir) throws IOException, SpecException {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, """
        gpus:
          - name: h100-sxm
            peak_tflops: {bf16: 800}
            source: measured
          - name: l40s
            peak_tflops: {bf16: 362}
            source: NVIDIA L40S datasheet
        """);
    GpuCatalog mine = CATALOG.with(Inputs.read(file));
    assertThat(mine.find("h100-sxm").peak(Precision.BF16)).isEqualTo(800e12);
    assertThat(mine.find("l40s").peak(Precision.BF16)).isEqualTo(362e12);
    assertThat(mine.find("a100").peak(Precision.BF16)).isEqualTo(312e12);
  }

  @Test
  void a_malformed_catalog_is_a_located_diagnostic(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "gpus:\n  - name: x\n    peak_tflop: {bf16: 1}\n");
    assertThatThrownBy(() -> CATALOG.with(Inputs.read(file))).isInstanceOf(SpecException.class)
        .extracting(e -> ((SpecException) e).render())
        .asString().endsWith("bad.yaml:3:5: error: gpus[0].peak_tflop: unknown key; did you mean 'peak_tflops'?");
  }
}
