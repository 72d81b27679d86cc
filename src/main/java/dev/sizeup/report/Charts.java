package dev.sizeup.report;

import dev.sizeup.analysis.Sizing;
import dev.sizeup.count.ParameterCount;
import dev.sizeup.flops.Units;
import dev.sizeup.memory.MemoryReport;
import dev.sizeup.memory.StageMemory;
import dev.sizeup.scaling.Allocation;
import dev.sizeup.scaling.Parametric;
import dev.sizeup.scaling.Rule20;
import dev.sizeup.scaling.ScalingLaw;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAnchor;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The four charts of a sizing report, each a standalone SVG document: where the model sits among
 * published models on the parameters–tokens plane, the loss at its compute against model size, its
 * parameter breakdown, and its training memory per GPU. Only this package touches the chart library.
 */
final class Charts {
  private Charts() {}

  /** A chart's file name (in the report's folder) and its SVG. */
  record Chart(String file, String svg) {
    Chart {
      java.util.Objects.requireNonNull(file, "file");
      java.util.Objects.requireNonNull(svg, "svg");
    }
  }

  static List<Chart> of(Sizing s, List<Sizing.Reference> references) {
    return List.of(
        new Chart("plane.svg", plane(s, references)),
        new Chart("iso-flop.svg", isoFlop(s)),
        new Chart("parameters.svg", parameters(s)),
        new Chart("memory.svg", memory(s)));
  }

  // ---- 1. the parameters–tokens plane -----------------------------------------------------------

  private static final double MODEL_R = 7;
  private static final double OPTIMUM_R = 6;
  private static final double REFERENCE_R = 3.5;

  /**
   * Parameters against training tokens, log-log: this model, the compute-optimal allocation of its
   * compute, the D = 20·N rule, the law's compute-optimal frontier, iso-FLOP lines C = 6·N·D and the
   * published models. Parameters are in the law's convention (Kaplan's exclude embeddings).
   */
  static String plane(Sizing s, List<Sizing.Reference> references) {
    ScalingLaw law = s.analysis().scaling().law();
    double n = lawParameters(law, s.analysis().parameters());
    double d = s.analysis().chinchilla().tokens();
    double c = Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n * d;
    Allocation optimum = s.analysis().scaling().computeOptimal();

    List<double[]> refs = new ArrayList<>();
    List<String> refNames = new ArrayList<>();
    for (Sizing.Reference r : references) {
      if (!r.name().equals(s.name())) {
        refs.add(new double[] {lawParameters(law, r.parameters()), r.tokens()});
        refNames.add(r.name());
      }
    }
    List<Double> xs = new ArrayList<>(List.of(n));
    List<Double> ys = new ArrayList<>(List.of(d));
    if (optimum != null) {
      xs.add(optimum.parameters());
      ys.add(optimum.tokens());
    }
    refs.forEach(p -> {
      xs.add(p[0]);
      ys.add(p[1]);
    });
    double[] xr = decades(xs, 3);
    double[] yr = decades(ys, 3);

    XYSeriesCollection lines = new XYSeriesCollection();
    XYLineAndShapeRenderer lineRenderer = lines();
    int i = 0;
    XYSeries rule = new XYSeries("D = 20·N (Chinchilla rule)", false, true);
    rule.add(lg(xr[0]), lg(20 * xr[0]));
    rule.add(lg(xr[1]), lg(20 * xr[1]));
    lines.addSeries(rule);
    lineRenderer.setSeriesPaint(i, ChartStyle.RULE);
    lineRenderer.setSeriesStroke(i++, ChartStyle.DASHED);
    if (!(law instanceof Rule20)) {
      // the loss-minimising allocation, on which the optimum marked below lies; for the parametric laws it is
      // their published allocation, for Kaplan the minimum of eq. 1.5 rather than the empirical eq. 6.7
      XYSeries frontier = new XYSeries(law.name() + " compute-optimal frontier"
          + (law instanceof dev.sizeup.scaling.Kaplan ? " (minimum of eq. 1.5)" : ""), false, true);
      double cLo = Math.log10(Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[0] * yr[0]);
      double cHi = Math.log10(Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[1] * yr[1]);
      for (int k = 0; k <= 200; k++) {
        Allocation a = law.lossMinimizing(Math.pow(10, cLo + (cHi - cLo) * k / 200));
        frontier.add(lg(a.parameters()), lg(a.tokens()));
      }
      lines.addSeries(frontier);
      lineRenderer.setSeriesPaint(i, ChartStyle.FRONTIER);
      lineRenderer.setSeriesStroke(i++, ChartStyle.LINE);
    }
    XYSeries own = new XYSeries(String.format(Locale.ROOT, "C = %s FLOPs (this model's compute)", Numbers.sci(c)),
        false, true);
    own.add(lg(xr[0]), lg(c / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[0])));
    own.add(lg(xr[1]), lg(c / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[1])));
    lines.addSeries(own);
    lineRenderer.setSeriesPaint(i, ChartStyle.THIS_COMPUTE);
    lineRenderer.setSeriesStroke(i++, ChartStyle.DASHED);
    List<Integer> isoDecades = isoFlopDecades(xr, yr);
    boolean firstIso = true;
    for (int k : isoDecades) {
      double ck = Math.pow(10, k);
      XYSeries iso = new XYSeries("iso-FLOP lines, C = 6·N·D" + (firstIso ? "" : " " + k), false, true);
      iso.add(lg(xr[0]), lg(ck / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[0])));
      iso.add(lg(xr[1]), lg(ck / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[1])));
      lines.addSeries(iso);
      lineRenderer.setSeriesPaint(i, ChartStyle.ISO);
      lineRenderer.setSeriesStroke(i, ChartStyle.THIN);
      lineRenderer.setSeriesVisibleInLegend(i++, firstIso);
      firstIso = false;
    }

    XYSeriesCollection points = new XYSeriesCollection();
    XYLineAndShapeRenderer pointRenderer = ChartStyle.fixed(new XYLineAndShapeRenderer(false, true));
    XYSeries model = new XYSeries(s.name() + " (this model)", false, true);
    model.add(lg(n), lg(d));
    points.addSeries(model);
    pointRenderer.setSeriesPaint(0, ChartStyle.MODEL);
    pointRenderer.setSeriesShape(0, diamond(MODEL_R));
    int j = 1;
    if (optimum != null) {
      XYSeries opt = new XYSeries("compute-optimal at the same compute (" + law.name() + ")", false, true);
      opt.add(lg(optimum.parameters()), lg(optimum.tokens()));
      points.addSeries(opt);
      pointRenderer.setSeriesPaint(j, ChartStyle.OPTIMUM);
      pointRenderer.setSeriesShape(j++, triangle(OPTIMUM_R));
    }
    if (!refs.isEmpty()) {
      XYSeries published = new XYSeries("published models (sizeup presets)", false, true);
      refs.forEach(p -> published.add(lg(p[0]), lg(p[1])));
      points.addSeries(published);
      pointRenderer.setSeriesPaint(j, ChartStyle.REFERENCE);
      pointRenderer.setSeriesShape(j, circle(REFERENCE_R));
    }

    Log10Axis x = new Log10Axis(law instanceof dev.sizeup.scaling.Kaplan
        ? "non-embedding parameters N (Kaplan's convention, log scale)" : "parameters N (log scale)", xr);
    Log10Axis y = new Log10Axis("training tokens D (log scale)", yr);
    XYPlot plot = new XYPlot(points, x, y, pointRenderer);
    plot.setDataset(1, lines);
    plot.setRenderer(1, lineRenderer);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    JFreeChart chart = ChartStyle.chart("Parameters and training tokens: " + s.name(), plot, true);

    Rectangle2D area = dataArea(chart);
    LabelPlacer placer = new LabelPlacer(area, ChartStyle.graphics("probe").getFontRenderContext());
    double mx = x.java2D(n, area, RectangleEdge.BOTTOM);
    double my = y.java2D(d, area, RectangleEdge.LEFT);
    placer.blockMarker(mx, my, MODEL_R);
    double ox = optimum == null ? 0 : x.java2D(optimum.parameters(), area, RectangleEdge.BOTTOM);
    double oy = optimum == null ? 0 : y.java2D(optimum.tokens(), area, RectangleEdge.LEFT);
    if (optimum != null) {
      placer.blockMarker(ox, oy, OPTIMUM_R);
    }
    double[][] px = new double[refs.size()][];
    for (int k = 0; k < refs.size(); k++) {
      px[k] = new double[] {x.java2D(refs.get(k)[0], area, RectangleEdge.BOTTOM),
          y.java2D(refs.get(k)[1], area, RectangleEdge.LEFT)};
      placer.blockMarker(px[k][0], px[k][1], REFERENCE_R);
    }
    Font bold = ChartStyle.LEGEND.deriveFont(Font.BOLD);
    label(plot, x, y, area, placer.besidePoint(s.name(), bold, mx, my, MODEL_R), mx, my, s.name(), bold, ChartStyle.MODEL);
    if (optimum != null) {
      String text = "optimum: " + Numbers.human(optimum.parameters()) + " on " + Numbers.human(optimum.tokens());
      label(plot, x, y, area, placer.besidePoint(text, ChartStyle.NOTE, ox, oy, OPTIMUM_R), ox, oy, text,
          ChartStyle.NOTE, ChartStyle.OPTIMUM.darker());
    }
    for (int k = 0; k < refs.size(); k++) {
      label(plot, x, y, area, placer.besidePoint(refNames.get(k), ChartStyle.NOTE, px[k][0], px[k][1], REFERENCE_R),
          px[k][0], px[k][1], refNames.get(k), ChartStyle.NOTE, ChartStyle.REFERENCE);
    }
    for (int k : isoDecades) {
      String text = "10" + superscript(k) + " FLOPs";
      label(plot, x, y, area, alongLine(placer, x, y, area, Math.pow(10, k), text), text, ChartStyle.NOTE,
          ChartStyle.ISO.darker());
    }
    return ChartStyle.svg(chart, "plane");
  }

  /** The label box for an iso-FLOP line: above and right of a point of the line inside the plot. */
  private static Rectangle2D alongLine(LabelPlacer placer, Log10Axis x, Log10Axis y, Rectangle2D area, double c,
      String text) {
    Rectangle2D size = placer.size(text, ChartStyle.NOTE);
    double[] fractions = {0.08, 0.16, 0.24, 0.32, 0.4, 0.48, 0.56, 0.64, 0.72};
    double lo = Math.max(x.getLowerBound(), lg(c / Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN) - y.getUpperBound());
    double hi = Math.min(x.getUpperBound(), lg(c / Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN) - y.getLowerBound());
    if (!(hi > lo)) {
      return null;
    }
    double[][] candidates = new double[fractions.length][];
    for (int k = 0; k < fractions.length; k++) {
      double n = Math.pow(10, lo + (hi - lo) * fractions[k]);
      double px = x.java2D(n, area, RectangleEdge.BOTTOM);
      double py = y.java2D(c / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n), area, RectangleEdge.LEFT);
      candidates[k] = new double[] {px + 3, py - size.getHeight() - 1};
    }
    return placer.first(candidates, size.getWidth(), size.getHeight());
  }

  /** The decades of compute whose iso-FLOP lines cross the plot, at most seven, evenly spaced. */
  private static List<Integer> isoFlopDecades(double[] xr, double[] yr) {
    int lo = (int) Math.ceil(Math.log10(Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[0] * yr[0]) + 0.5);
    int hi = (int) Math.floor(Math.log10(Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * xr[1] * yr[1]) - 0.5);
    int step = Math.max(1, (int) Math.ceil((hi - lo + 1) / 7.0));
    List<Integer> out = new ArrayList<>();
    for (int k = lo; k <= hi; k++) {
      if (Math.floorMod(k, step) == 0) {
        out.add(k);
      }
    }
    return out;
  }

  // ---- 2. the iso-FLOP loss curve ---------------------------------------------------------------

  /**
   * Predicted loss against parameters at this model's training compute (and a tenth and ten times
   * it), with the loss-minimising model and this model marked: Hoffmann et al. 2022, Figure 3's view
   * of a law. A law that predicts no loss (rule20) is shown through Chinchilla's.
   */
  static String isoFlop(Sizing s) {
    ScalingLaw law = s.analysis().scaling().law();
    if (!law.predictsLoss()) {
      law = Parametric.CHINCHILLA;
    }
    double n = lawParameters(law, s.analysis().parameters());
    double d = s.analysis().chinchilla().tokens();
    double c = Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n * d;
    Allocation opt = law.lossMinimizing(c);
    double lo = Math.log10(Math.min(n, opt.parameters())) - 0.8;
    double hi = Math.log10(Math.max(n, opt.parameters())) + 0.8;
    if (hi - lo < 2.4) {
      double mid = (hi + lo) / 2;
      lo = mid - 1.2;
      hi = mid + 1.2;
    }
    XYSeriesCollection curves = new XYSeriesCollection();
    XYLineAndShapeRenderer curveRenderer = lines();
    double[] factors = {0.1, 1, 10};
    String[] names = {"C / 10", "C", "10 · C"};
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (int f = 0; f < factors.length; f++) {
      double cf = c * factors[f];
      XYSeries curve = new XYSeries(names[f] + " = " + Numbers.sci(cf) + " FLOPs"
          + (f == 1 ? " (this model's compute)" : ""), false, true);
      for (int k = 0; k <= 240; k++) {
        double nk = Math.pow(10, lo + (hi - lo) * k / 240);
        double loss = law.loss(nk, cf / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * nk));
        curve.add(lg(nk), loss);
        yMin = Math.min(yMin, loss);
        if (f == 1) {
          yMax = Math.max(yMax, loss);
        }
      }
      curves.addSeries(curve);
      curveRenderer.setSeriesPaint(f, f == 1 ? ChartStyle.THIS_COMPUTE : ChartStyle.ISO);
      curveRenderer.setSeriesStroke(f, f == 1 ? ChartStyle.LINE : ChartStyle.DASHED);
    }
    double lossModel = law.loss(n, d);
    double lossOpt = law.loss(opt.parameters(), opt.tokens());
    XYSeriesCollection points = new XYSeriesCollection();
    XYLineAndShapeRenderer pointRenderer = ChartStyle.fixed(new XYLineAndShapeRenderer(false, true));
    XYSeries model = new XYSeries(s.name() + " (this model)", false, true);
    model.add(lg(n), lossModel);
    XYSeries optimum = new XYSeries("compute-optimal (least loss at C)", false, true);
    optimum.add(lg(opt.parameters()), lossOpt);
    points.addSeries(model);
    points.addSeries(optimum);
    pointRenderer.setSeriesPaint(0, ChartStyle.MODEL);
    pointRenderer.setSeriesShape(0, diamond(MODEL_R));
    pointRenderer.setSeriesPaint(1, ChartStyle.OPTIMUM);
    pointRenderer.setSeriesShape(1, triangle(OPTIMUM_R));

    Log10Axis x = new Log10Axis(law instanceof dev.sizeup.scaling.Kaplan
        ? "non-embedding parameters N (Kaplan's convention, log scale)" : "parameters N (log scale)",
        new double[] {Math.pow(10, lo), Math.pow(10, hi)});
    NumberAxis y = new NumberAxis("predicted loss (" + law.lossUnits() + ")");
    ChartStyle.axis(y);
    double span = Math.max(yMax - yMin, 1e-3);
    y.setRange(yMin - 0.08 * span, yMax + 0.12 * span);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(points, x, y, pointRenderer);
    plot.setDataset(1, curves);
    plot.setRenderer(1, curveRenderer);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    String title = "Predicted loss at the same compute: " + law.name() + " law"
        + (law == s.analysis().scaling().law() ? "" : " (" + s.analysis().scaling().law().name() + " predicts no loss)");
    JFreeChart chart = ChartStyle.chart(title, plot, true);

    Rectangle2D area = dataArea(chart);
    LabelPlacer placer = new LabelPlacer(area, ChartStyle.graphics("probe").getFontRenderContext());
    double mx = x.java2D(n, area, RectangleEdge.BOTTOM);
    double my = y.valueToJava2D(lossModel, area, RectangleEdge.LEFT);
    double ox = x.java2D(opt.parameters(), area, RectangleEdge.BOTTOM);
    double oy = y.valueToJava2D(lossOpt, area, RectangleEdge.LEFT);
    placer.blockMarker(mx, my, MODEL_R);
    placer.blockMarker(ox, oy, OPTIMUM_R);
    String optText = "optimum: " + Numbers.human(opt.parameters()) + ", loss " + Numbers.fixed(lossOpt, 3);
    String modelText = s.name() + ": " + Numbers.human(n) + ", loss " + Numbers.fixed(lossModel, 3);
    Font bold = ChartStyle.LEGEND.deriveFont(Font.BOLD);
    label(plot, x, y, area, placer.besidePoint(modelText, bold, mx, my, MODEL_R), mx, my, modelText, bold,
        ChartStyle.MODEL);
    label(plot, x, y, area, belowPoint(placer, optText, ChartStyle.NOTE, ox, oy, OPTIMUM_R), ox, oy, optText,
        ChartStyle.NOTE, ChartStyle.OPTIMUM.darker());
    return ChartStyle.svg(chart, "iso-flop");
  }

  /** A label under a curve's minimum first (where the curve is not), then the usual places. */
  private static LabelPlacer.Placement belowPoint(LabelPlacer placer, String text, Font font, double x, double y,
      double r) {
    Rectangle2D size = placer.size(text, font);
    Rectangle2D box = placer.first(new double[][] {{x - size.getWidth() / 2, y + r + 4}}, size.getWidth(),
        size.getHeight());
    return box != null ? new LabelPlacer.Placement(box, false) : placer.besidePoint(text, font, x, y, r);
  }

  // ---- 3. the parameter breakdown ---------------------------------------------------------------

  /** Parameters by component (horizontal bars, labelled with count and share); for a MoE also the active ones. */
  static String parameters(Sizing s) {
    ParameterCount p = s.analysis().parameters();
    boolean moe = p.active() != p.total();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String all = moe ? "all parameters" : "parameters";
    String active = "active per token";
    String[] names = {"embedding", "position", "attention", "feed-forward", "norms", "output head", "router"};
    long[] counts = {p.embedding(), p.position(), p.attention(), p.feedForward(), p.norm(), p.output(), p.router()};
    for (int k = 0; k < names.length; k++) {
      if (counts[k] == 0) {
        continue;
      }
      data.addValue(counts[k], all, names[k]);
      if (moe) {
        // only routed experts a token does not use are inactive, and they sit in the feed-forward part
        data.addValue(k == 3 ? counts[k] - (p.total() - p.active()) : counts[k], active, names[k]);
      }
    }
    CategoryAxis cat = new CategoryAxis(null);
    ChartStyle.axis(cat);
    NumberAxis val = new NumberAxis("parameters (total " + Numbers.human(p.total())
        + (moe ? ", " + Numbers.human(p.active()) + " active per token" : "") + ")");
    ChartStyle.axis(val);
    val.setNumberFormatOverride(new ChartStyle.Quantity());
    val.setUpperMargin(0.32);
    BarRenderer r = ChartStyle.fixed(new BarRenderer());
    r.setSeriesPaint(0, ChartStyle.FRONTIER);
    r.setSeriesPaint(1, ChartStyle.OPTIMUM);
    r.setShadowVisible(false);
    r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    r.setItemMargin(0.05);
    r.setMaximumBarWidth(0.12);
    r.setDefaultItemLabelGenerator(new CategoryItemLabelGenerator() {
      @Override
      public String generateRowLabel(CategoryDataset dataset, int row) {
        return dataset.getRowKey(row).toString();
      }

      @Override
      public String generateColumnLabel(CategoryDataset dataset, int column) {
        return dataset.getColumnKey(column).toString();
      }

      @Override
      public String generateLabel(CategoryDataset dataset, int row, int column) {
        double v = dataset.getValue(row, column).doubleValue();
        double share = v / p.total();
        return Numbers.human(v) + " (" + (share < 5e-5 ? "<0.01%" : Numbers.percent(share)) + ")";
      }
    });
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(ChartStyle.NOTE);
    r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    CategoryPlot plot = new CategoryPlot(data, cat, val, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    return ChartStyle.svg(ChartStyle.chart("Parameter breakdown: " + s.name(), plot, moe), "parameters");
  }

  // ---- 4. training memory per GPU ---------------------------------------------------------------

  /** How far past the larger of the GPU's memory and the fitting layout's total the axis goes. */
  private static final double OFF_SCALE = 3;

  /**
   * Training memory per GPU by component (stacked bars) on the requested layout and on the smallest
   * layout that fits, with the GPU's memory and the share a model may use as lines. A bar far beyond
   * both is cut at the top and its total written on it.
   */
  static String memory(Sizing s) {
    MemoryReport.Training t = s.memory().training();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String requested = "requested: " + layout(t.requested());
    add(data, t.requested().largest(), requested);
    String smallest = t.smallest() == null ? null : "smallest that fits: " + layout(t.smallest());
    if (smallest != null) {
      add(data, t.smallest().largest(), smallest);
    }
    double gib = 1L << 30;
    double usable = t.gpuMemory() / gib;
    var gpu = s.device().gpu();
    double memory = gpu.memoryBytes() / gib;
    double req = t.requested().largest().total() / gib;
    double fit = t.smallest() == null ? 0 : t.smallest().largest().total() / gib;
    double scale = Math.max(memory, fit);
    boolean offScale = req > OFF_SCALE * scale;
    double upper = offScale ? 1.45 * scale : 1.18 * Math.max(scale, req);

    CategoryAxis cat = new CategoryAxis(null);
    ChartStyle.axis(cat);
    cat.setMaximumCategoryLabelLines(3);
    cat.setCategoryMargin(0.35);
    NumberAxis val = new NumberAxis("memory per GPU (GiB), on the GPU that needs the most");
    ChartStyle.axis(val);
    val.setRange(0, upper);
    StackedBarRenderer r = ChartStyle.fixed(new StackedBarRenderer());
    for (int k = 0; k < ChartStyle.STACK.length; k++) {
      r.setSeriesPaint(k, ChartStyle.STACK[k]);
    }
    r.setShadowVisible(false);
    r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    r.setMaximumBarWidth(0.22);
    CategoryPlot plot = new CategoryPlot(data, cat, val, r);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    String name = SizingReport.gpuName(s);
    // the lines are named in the legend, where no bar can hide their labels
    plot.addRangeMarker(new ValueMarker(memory, ChartStyle.CAPACITY, ChartStyle.DOTTED), Layer.FOREGROUND);
    plot.addRangeMarker(new ValueMarker(usable, ChartStyle.CAPACITY, ChartStyle.LINE), Layer.FOREGROUND);
    LegendItemCollection legend = new LegendItemCollection();
    legend.addAll(plot.getLegendItems());
    Shape stroke = new java.awt.geom.Line2D.Double(-8, 0, 8, 0);
    legend.add(new LegendItem(name + " memory: " + Numbers.fixed(memory, 1) + " GiB", null, null, null, stroke,
        ChartStyle.DOTTED, ChartStyle.CAPACITY));
    legend.add(new LegendItem("usable after the reserve: " + Numbers.fixed(usable, 1) + " GiB", null, null, null,
        stroke, ChartStyle.LINE, ChartStyle.CAPACITY));
    plot.setFixedLegendItems(legend);
    total(plot, requested, req, upper, offScale, near(req, upper, memory, usable));
    if (smallest != null) {
      total(plot, smallest, fit, upper, false, near(fit, upper, memory, usable));
    }
    return ChartStyle.svg(ChartStyle.chart("Training memory per GPU: " + s.name() + " on " + name, plot, true),
        "memory");
  }

  private static void add(DefaultCategoryDataset data, StageMemory m, String category) {
    double gib = 1L << 30;
    data.addValue(m.weights() / gib, "weights", category);
    data.addValue(m.gradients() / gib, "gradients", category);
    data.addValue(m.optimizer() / gib, "optimizer states", category);
    data.addValue(m.activations() / gib, "activations", category);
  }

  /**
   * A bar's total: above the bar, or inside its top in white when the bar is cut off the scale or its top
   * is so near a capacity line that the text would sit on the line.
   */
  private static void total(CategoryPlot plot, String category, double gib, double upper, boolean offScale,
      boolean nearLine) {
    String text = Numbers.bytes(gib * (1L << 30)) + (offScale ? ": off the scale" : "");
    boolean inside = offScale || nearLine;
    CategoryTextAnnotation a = new CategoryTextAnnotation(text, category,
        offScale ? upper * 0.97 : inside ? gib - upper * 0.01 : gib);
    a.setFont(ChartStyle.LEGEND.deriveFont(Font.BOLD));
    a.setCategoryAnchor(CategoryAnchor.MIDDLE);
    a.setTextAnchor(inside ? TextAnchor.TOP_CENTER : TextAnchor.BOTTOM_CENTER);
    a.setPaint(inside ? Color.WHITE : Color.BLACK);
    plot.addAnnotation(a);
  }

  /** Whether a bar's top is within the height of its label above either line, and tall enough to hold it inside. */
  private static boolean near(double top, double upper, double memory, double usable) {
    double label = 0.06 * upper;
    return top > 2 * label && ((memory - top >= -1e-9 && memory - top < label) || (usable - top >= -1e-9
        && usable - top < label));
  }

  /** "1,024 GPUs: dp 1,024 × tp 1 × pp 1, ZeRO-1" (and ep where there is expert parallelism). */
  static String layout(MemoryReport.Fit f) {
    long gpus = f.layout().gpus();
    return Numbers.grouped(gpus) + (gpus == 1 ? " GPU" : " GPUs") + ": " + shape(f);
  }

  /** "dp 1 × tp 8 × pp 6, ZeRO-0, sequence parallel". */
  static String shape(MemoryReport.Fit f) {
    var l = f.layout();
    return "dp " + Numbers.grouped(l.dp()) + " × tp " + l.tp() + " × pp " + l.pp()
        + (l.ep() > 1 ? " (ep " + l.ep() + ")" : "") + ", ZeRO-" + l.zero()
        + (l.sequenceParallel() && l.tp() > 1 ? ", sequence parallel" : "");
  }

  // ---- shared -----------------------------------------------------------------------------------

  /** N in the law's convention; an exact count's total when the law's is zero (no non-embedding part). */
  private static double lawParameters(ScalingLaw law, ParameterCount count) {
    double n = law.parameters(count);
    return n > 0 ? n : count.active();
  }

  /** Whole decades around the values, at least {@code min} wide. */
  static double[] decades(List<Double> values, int min) {
    double lo = Math.floor(Math.log10(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) - 0.25);
    double hi = Math.ceil(Math.log10(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) + 0.25);
    while (hi - lo < min) {
      lo -= 1;
      if (hi - lo < min) {
        hi += 1;
      }
    }
    return new double[] {Math.pow(10, lo), Math.pow(10, hi)};
  }

  private static double lg(double v) {
    return Math.log10(v);
  }

  /**
   * A logarithmic axis over data given as base-10 logarithms, its ticks at whole decades labelled
   * "10M", "1B", "1T". (JFreeChart's own LogAxis writes its tick labels as attributed strings, which
   * JFreeSVG can only draw as glyph outlines: larger files, and no text to find in them.)
   */
  static final class Log10Axis extends NumberAxis {
    private static final long serialVersionUID = 1L;

    /** An axis from range[0] to range[1] (values, not logarithms). */
    Log10Axis(String label, double[] range) {
      super(label);
      ChartStyle.axis(this);
      setAutoRangeIncludesZero(false);
      setRange(lg(range[0]), lg(range[1]));
      setTickUnit(new NumberTickUnit(1, new ChartStyle.PowerOfTen()), false, true);
      setMinorTickMarksVisible(false);
    }

    /** Where {@code value} (not its logarithm) sits on the page. */
    double java2D(double value, Rectangle2D area, RectangleEdge edge) {
      return valueToJava2D(lg(value), area, edge);
    }
  }

  /** Where the plot's data sit on the page: the chart drawn once (annotations do not move it). */
  private static Rectangle2D dataArea(JFreeChart chart) {
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(ChartStyle.graphics("probe"), new Rectangle(0, 0, ChartStyle.WIDTH, ChartStyle.HEIGHT), info);
    return info.getPlotInfo().getDataArea();
  }

  /** A label drawn with its top-left corner at the box's; nothing when no box was free. */
  private static void label(XYPlot plot, ValueAxis x, ValueAxis y, Rectangle2D area, Rectangle2D box, String text,
      Font font, Color paint) {
    if (box == null) {
      return;
    }
    XYTextAnnotation a = new XYTextAnnotation(text, x.java2DToValue(box.getX(), area, RectangleEdge.BOTTOM),
        y.java2DToValue(box.getY(), area, RectangleEdge.LEFT));
    a.setFont(font);
    a.setPaint(paint);
    a.setTextAnchor(TextAnchor.TOP_LEFT);
    plot.addAnnotation(a);
  }

  /** A point's label, with a leader line from the point (at pixels px, py) when it sits away from it. */
  private static void label(XYPlot plot, ValueAxis x, ValueAxis y, Rectangle2D area, LabelPlacer.Placement p,
      double px, double py, String text, Font font, Color paint) {
    if (p == null) {
      return;
    }
    if (p.leader()) {
      double[] end = p.anchor(px, py);
      XYLineAnnotation line = new XYLineAnnotation(x.java2DToValue(px, area, RectangleEdge.BOTTOM),
          y.java2DToValue(py, area, RectangleEdge.LEFT), x.java2DToValue(end[0], area, RectangleEdge.BOTTOM),
          y.java2DToValue(end[1], area, RectangleEdge.LEFT), ChartStyle.THIN, ChartStyle.LEADER);
      plot.addAnnotation(line);
    }
    label(plot, x, y, area, p.box(), text, font, paint);
  }

  /** Lines without markers, each series one path. */
  private static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer r = ChartStyle.fixed(new XYLineAndShapeRenderer(true, false));
    r.setDrawSeriesLineAsPath(true);
    return r;
  }

  private static Shape circle(double r) {
    return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
  }

  private static Shape diamond(double r) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(0, -r);
    p.lineTo(r, 0);
    p.lineTo(0, r);
    p.lineTo(-r, 0);
    p.closePath();
    return p;
  }

  private static Shape triangle(double r) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(0, -r);
    p.lineTo(r, r * 0.8);
    p.lineTo(-r, r * 0.8);
    p.closePath();
    return p;
  }

  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  static String superscript(int k) {
    StringBuilder out = new StringBuilder(k < 0 ? "⁻" : "");
    for (char ch : Integer.toString(Math.abs(k)).toCharArray()) {
      out.append(SUPERSCRIPTS.charAt(ch - '0'));
    }
    return out.toString();
  }
}
