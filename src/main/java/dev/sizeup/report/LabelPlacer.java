package dev.sizeup.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places text labels beside points of a chart so that no two labels overlap, no label covers a
 * marker and every label stays inside the plot: each label takes the first of its candidate
 * positions that is free, in the order asked; a label with no free position is left out rather
 * than drawn over another. Coordinates are the chart's pixels (y down).
 */
final class LabelPlacer {
  /** Pixels kept clear around every label. */
  static final double PAD = 2;

  private final Rectangle2D area;
  private final FontRenderContext frc;
  private final List<Rectangle2D> taken = new ArrayList<>();

  LabelPlacer(Rectangle2D area, FontRenderContext frc) {
    this.area = area;
    this.frc = frc;
  }

  /** Keeps {@code box} (a marker) free of labels. */
  void block(Rectangle2D box) {
    taken.add(box);
  }

  /** Keeps a marker of radius r at (x, y) free of labels. */
  void blockMarker(double x, double y, double r) {
    block(new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r));
  }

  /** The size of {@code text} in {@code font}: its advance and its ascent plus descent. */
  Rectangle2D size(String text, Font font) {
    var lm = font.getLineMetrics(text, frc);
    return new Rectangle2D.Double(0, 0, font.getStringBounds(text, frc).getWidth(), lm.getAscent() + lm.getDescent());
  }

  /**
   * Where a label goes for a marker of radius r at (x, y): beside it (right, left, above, below, the
   * four diagonals), else further above or below with a leader line back to the marker, the nearest
   * free place first; null when none is free.
   */
  Placement besidePoint(String text, Font font, double x, double y, double r) {
    Rectangle2D s = size(text, font);
    double w = s.getWidth();
    double h = s.getHeight();
    double g = r + 3;
    double[][] near = {
      {x + g, y - h / 2}, {x - g - w, y - h / 2}, {x - w / 2, y - g - h}, {x - w / 2, y + g},
      {x + g * 0.7, y - g * 0.7 - h}, {x - g * 0.7 - w, y - g * 0.7 - h}, {x + g * 0.7, y + g * 0.7},
      {x - g * 0.7 - w, y + g * 0.7},
    };
    Rectangle2D box = first(near, w, h);
    if (box != null) {
      return new Placement(box, false);
    }
    for (int ring = 1; ring <= LEADER_RINGS; ring++) {
      double up = y - g - h - ring * (h + 2);
      double down = y + g + ring * (h + 2);
      double side = g + ring * 14;
      double[][] far = {
        {x - w / 2, up}, {x - w / 2, down}, {x, up}, {x - w, up}, {x, down}, {x - w, down},
        {x + side, y - h / 2}, {x - side - w, y - h / 2}, {x + side, up}, {x - side - w, up}, {x + side, down},
        {x - side - w, down},
      };
      box = first(far, w, h);
      if (box != null) {
        return new Placement(box, true);
      }
    }
    return null;
  }

  /** How many label heights further out a label may go, with a leader line. */
  static final int LEADER_RINGS = 4;

  /**
   * A label's box, and whether it sits away from its marker and needs a leader line to it.
   *
   * @param box    where the text goes
   * @param leader whether a line joins the text to its marker
   */
  record Placement(Rectangle2D box, boolean leader) {
    /** The point of the box's edge nearest (x, y), where a leader line ends. */
    double[] anchor(double x, double y) {
      double ax = Math.max(box.getMinX(), Math.min(x, box.getMaxX()));
      double ay = y < box.getCenterY() ? box.getMinY() : box.getMaxY();
      return new double[] {ax, ay};
    }
  }

  /** The box a label takes with its top-left corner at the first free candidate, or null. */
  Rectangle2D first(double[][] topLeft, double w, double h) {
    for (double[] c : topLeft) {
      Rectangle2D box = new Rectangle2D.Double(c[0], c[1], w, h);
      if (free(box)) {
        taken.add(box);
        return box;
      }
    }
    return null;
  }

  private boolean free(Rectangle2D box) {
    if (!area.contains(box)) {
      return false;
    }
    Rectangle2D padded = new Rectangle2D.Double(box.getX() - PAD, box.getY() - PAD, box.getWidth() + 2 * PAD,
        box.getHeight() + 2 * PAD);
    for (Rectangle2D t : taken) {
      if (t.intersects(padded)) {
        return false;
      }
    }
    return true;
  }

  /** Every box taken so far, labels and markers. */
  List<Rectangle2D> taken() {
    return List.copyOf(taken);
  }
}
