package dev.sizeup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelPlacerTest {
  static final Rectangle2D AREA = new Rectangle2D.Double(0, 0, 400, 200);
  static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  @Test
  void a_crowded_row_of_points_gets_labels_that_never_overlap_and_stay_inside() {
    LabelPlacer placer = new LabelPlacer(AREA, FRC);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      points.add(new double[] {40 + 20 * i, 100});
      placer.blockMarker(40 + 20 * i, 100, 3.5);
    }
    List<LabelPlacer.Placement> placed = new ArrayList<>();
    for (double[] p : points) {
      LabelPlacer.Placement at = placer.besidePoint("model-" + (int) p[0], ChartStyle.NOTE, p[0], p[1], 3.5);
      if (at != null) {
        placed.add(at);
      }
    }
    assertThat(placed).hasSizeGreaterThan(8);
    assertThat(placed).anyMatch(LabelPlacer.Placement::leader);
    for (int i = 0; i < placed.size(); i++) {
      assertThat(AREA.contains(placed.get(i).box())).isTrue();
      for (int j = 0; j < i; j++) {
        assertThat(placed.get(i).box().intersects(placed.get(j).box())).isFalse();
      }
      for (double[] p : points) {
        assertThat(placed.get(i).box().intersects(p[0] - 3.5, p[1] - 3.5, 7, 7)).isFalse();
      }
    }
  }

  @Test
  void a_label_with_no_free_place_is_left_out() {
    LabelPlacer placer = new LabelPlacer(AREA, FRC);
    placer.block(AREA);
    assertThat(placer.besidePoint("nowhere", ChartStyle.NOTE, 200, 100, 3)).isNull();
  }

  @Test
  void tick_labels_at_powers_of_ten_drop_their_zeros() {
    assertThat(ChartStyle.Quantity.label(1e9)).isEqualTo("1B");
    assertThat(ChartStyle.Quantity.label(1e10)).isEqualTo("10B");
    assertThat(ChartStyle.Quantity.label(1.5e9)).isEqualTo("1.5B");
    assertThat(ChartStyle.Quantity.label(1e14)).isEqualTo("100T");
    assertThat(ChartStyle.Quantity.label(0)).isEqualTo("0");
    assertThat(ChartStyle.Quantity.label(500e6)).isEqualTo("500M");
  }
}
