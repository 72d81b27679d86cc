package dev.sizeup.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;

/**
 * The look every chart shares, and its SVG export. Text is set in DejaVu Sans, shipped with sizeup
 * (its licence is beside it), so that a chart's layout, which JFreeChart computes from font metrics,
 * is the same on every machine whatever fonts it has: the same input gives the same bytes. In the
 * SVG the text asks for DejaVu Sans, then Verdana (of near-identical metrics: both descend from
 * Bitstream Vera's design brief), then any sans-serif face.
 */
final class ChartStyle {
  private ChartStyle() {}

  static final int WIDTH = 820;
  static final int HEIGHT = 560;

  private static final Font BASE = load();

  static final Font TITLE = BASE.deriveFont(Font.PLAIN, 16f);
  static final Font AXIS_LABEL = BASE.deriveFont(Font.PLAIN, 13f);
  static final Font TICK = BASE.deriveFont(Font.PLAIN, 12f);
  static final Font LEGEND = BASE.deriveFont(Font.PLAIN, 12f);
  static final Font NOTE = BASE.deriveFont(Font.PLAIN, 11f);

  static final Color MODEL = new Color(0xd6, 0x27, 0x28);
  static final Color OPTIMUM = new Color(0x2c, 0xa0, 0x2c);
  static final Color REFERENCE = new Color(0x59, 0x59, 0x59);
  static final Color RULE = new Color(0xff, 0x7f, 0x0e);
  static final Color FRONTIER = new Color(0x1f, 0x77, 0xb4);
  static final Color ISO = new Color(0xb0, 0xb0, 0xb0);
  static final Color THIS_COMPUTE = new Color(0x94, 0x67, 0xbd);
  static final Color LEADER = new Color(0x9a, 0x9a, 0x9a);
  static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
  static final Color CAPACITY = new Color(0xd6, 0x27, 0x28);
  static final Color[] STACK = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd)
  };
  /** Distinct series colours (Tableau 10), for as many as six curves. */
  static final Color[] SERIES = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd),
    new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf)
  };

  static final BasicStroke THIN = new BasicStroke(1.0f);
  static final BasicStroke LINE = new BasicStroke(2.0f);
  static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {6f, 4f}, 0f);
  static final BasicStroke DOTTED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {2f, 3f}, 0f);

  private static final StandardChartTheme THEME = theme();

  private static Font load() {
    try (InputStream in = ChartStyle.class.getResourceAsStream("DejaVuSans.ttf")) {
      if (in == null) {
        throw new IllegalStateException("the chart font DejaVuSans.ttf is missing from the jar");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("the chart font DejaVuSans.ttf does not load", e);
    }
  }

  static {
    // JFreeChart draws rotated text (the vertical axis title) as glyph outlines unless told otherwise;
    // as text it stays text in the SVG: findable, and a tenth of the size
    org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("sizeup", false);
    t.setExtraLargeFont(TITLE);
    t.setLargeFont(AXIS_LABEL);
    t.setRegularFont(TICK);
    t.setSmallFont(NOTE);
    t.setChartBackgroundPaint(Color.WHITE);
    t.setPlotBackgroundPaint(Color.WHITE);
    t.setLegendBackgroundPaint(Color.WHITE);
    t.setDomainGridlinePaint(GRID);
    t.setRangeGridlinePaint(GRID);
    t.setPlotOutlinePaint(new Color(0x99, 0x99, 0x99));
    t.setShadowVisible(false);
    t.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    t.setXYBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    return t;
  }

  /** A chart with the shared look: title, fonts, white background, the legend below without a border. */
  static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    THEME.apply(chart);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setPosition(RectangleEdge.BOTTOM);
      l.setFrame(BlockBorder.NONE);
      l.setItemFont(LEGEND);
    }
    return chart;
  }

  static void axis(Axis axis) {
    axis.setLabelFont(AXIS_LABEL);
    axis.setTickLabelFont(TICK);
    if (axis instanceof org.jfree.chart.axis.NumberAxis n) {
      n.setStandardTickUnits(TICKS);
    }
  }

  /**
   * Tick sizes 1, 2 and 5 × 10^k, written with as many decimals as the size needs and in
   * {@code Locale.ROOT}: JFreeChart's own use the machine's locale ("2,00" in Germany).
   */
  private static final org.jfree.chart.axis.TickUnits TICKS = ticks();

  private static org.jfree.chart.axis.TickUnits ticks() {
    org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
    java.text.DecimalFormatSymbols root = java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT);
    for (int k = -6; k <= 15; k++) {
      String pattern = k >= 0 ? "#,##0" : "#,##0." + "0".repeat(-k);
      for (int m : new int[] {1, 2, 5}) {
        units.add(new org.jfree.chart.axis.NumberTickUnit(m * Math.pow(10, k),
            new java.text.DecimalFormat(pattern, root)));
      }
    }
    return units;
  }

  /**
   * The chart as a standalone SVG document. Its {@code defs} ids start with {@code id} (JFreeSVG's
   * default prefix holds the clock), so that two charts on one page never share an id and the same
   * chart always has the same ids.
   */
  static String svg(JFreeChart chart, String id) {
    SVGGraphics2D g = graphics(id);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGDocument() + "\n";
  }

  /** An SVG canvas of the chart size with deterministic ids and the shared font stack. */
  static SVGGraphics2D graphics(String id) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix(id + "-");
    // unquoted: the style attribute is itself single-quoted; "DejaVu Sans" is a valid unquoted CSS family
    g.setFontFunction(family -> family.equals(BASE.getFamily()) ? "DejaVu Sans, Verdana, sans-serif" : family);
    g.setGeomDoubleConverter(ChartStyle::coordinate);
    g.setTransformDoubleConverter(ChartStyle::coordinate);
    return g;
  }

  /** A coordinate to a hundredth of a pixel, the shortest way ("15.85", "820.0"): smaller files, same picture. */
  static String coordinate(double x) {
    return Double.toString(Math.round(x * 100) / 100.0);
  }

  /**
   * Keeps the paints, strokes and shapes a chart sets on its renderer's series: the theme would
   * otherwise clear them in favour of its own sequence.
   */
  static <R extends org.jfree.chart.renderer.AbstractRenderer> R fixed(R r) {
    r.setAutoPopulateSeriesPaint(false);
    r.setAutoPopulateSeriesStroke(false);
    r.setAutoPopulateSeriesShape(false);
    r.setAutoPopulateSeriesOutlinePaint(false);
    r.setAutoPopulateSeriesFillPaint(false);
    r.setAutoPopulateSeriesOutlineStroke(false);
    return r;
  }

  /** Tick labels of an axis over base-10 logarithms: the value 10^v, as {@link Quantity} writes it. */
  static final class PowerOfTen extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
      return to.append(Quantity.label(Math.pow(10, Math.rint(v * 1e9) / 1e9)));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("tick labels are only written");
    }
  }

  /**
   * Tick labels of parameters, tokens or FLOPs: "1", "10", "100", "1K", ..., "1B", "10B", "1T" at
   * powers of ten, three significant figures between them ({@link Numbers#human}).
   */
  static final class Quantity extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
      return to.append(label(x));
    }

    @Override
    public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
      return to.append(label(x));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("tick labels are only written");
    }

    static String label(double x) {
      String h = Numbers.human(x);
      // "1.00B", "10.0B" and "1.50B" read better as "1B", "10B" and "1.5B"
      return h.replaceFirst("(\\.\\d*?)0+(?=[A-Z]?$)", "$1").replaceFirst("\\.(?=[A-Z]?$)", "");
    }
  }
}
