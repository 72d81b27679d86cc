package dev.sizeup.report;

import dev.sizeup.flops.Units;
import dev.sizeup.scaling.LawFit;
import dev.sizeup.scaling.Parametric;
import dev.sizeup.scaling.TrainingRuns;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The markdown report of a fit, {@code <name>.md}, with its charts in {@code <name>/}: the fitted loss
 * against the observed, the residuals against model size, and the law's iso-FLOP curves with the runs.
 */
public final class FitReport {
  private FitReport() {}

  /** The report's files, charts first and the markdown last, as {@link SizingReports} writes them. */
  public static SizingReports.Report of(LawFit fit, String name) {
    String slug = SizingReports.slug(name);
    List<SizingReports.File> files = new ArrayList<>();
    files.add(new SizingReports.File(slug + "/fitted.svg", fitted(fit)));
    files.add(new SizingReports.File(slug + "/residuals.svg", residuals(fit)));
    files.add(new SizingReports.File(slug + "/iso-flop.svg", isoFlop(fit)));
    files.add(new SizingReports.File(slug + ".md", markdown(fit, name, slug)));
    return new SizingReports.Report(name, slug + ".md", files);
  }

  static String markdown(LawFit fit, String name, String slug) {
    StringBuilder out = new StringBuilder("# ").append(SizingReport.inline(name)).append(": fitted scaling law\n\n");
    out.append(FitRenderer.INSTANCE.markdown(fit)).append('\n');
    out.append("A and B trade off along a nearly flat valley of the objective: read them with their intervals.\n\n");
    out.append("![Fitted against observed loss](").append(slug).append("/fitted.svg)\n\n");
    out.append("![Residuals against model size](").append(slug).append("/residuals.svg)\n\n");
    out.append("![Iso-FLOP curves of the fitted law with the runs](").append(slug).append("/iso-flop.svg)\n\n");
    out.append("Method: Hoffmann et al. 2022, Approach 3 (§3.3, Appendix D.2), as Besiroglu et al. 2024 repeat it: the "
        + "sum over runs of Huber_δ(log L̂ − log L) minimised from a 4,500-start grid; see docs/fit.md.\n");
    return out.toString();
  }

  private static Shape dot() {
    return new Ellipse2D.Double(-3, -3, 6, 6);
  }

  /** Predicted against observed loss, with the line where they are equal. */
  static String fitted(LawFit fit) {
    Parametric law = fit.law();
    XYSeries runs = new XYSeries("runs", false, true);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TrainingRuns.Run r : fit.runs().runs()) {
      double predicted = law.loss(r.n(), r.d());
      runs.add(r.loss(), predicted);
      lo = Math.min(lo, Math.min(r.loss(), predicted));
      hi = Math.max(hi, Math.max(r.loss(), predicted));
    }
    double pad = 0.05 * (hi - lo) + 1e-6;
    XYSeries equal = new XYSeries("fitted = observed", false, true);
    equal.add(lo - pad, lo - pad);
    equal.add(hi + pad, hi + pad);
    XYLineAndShapeRenderer points = ChartStyle.fixed(new XYLineAndShapeRenderer(false, true));
    points.setSeriesPaint(0, ChartStyle.FRONTIER);
    points.setSeriesShape(0, dot());
    XYLineAndShapeRenderer line = ChartStyle.fixed(new XYLineAndShapeRenderer(true, false));
    line.setSeriesPaint(0, ChartStyle.RULE);
    line.setSeriesStroke(0, ChartStyle.DASHED);
    NumberAxis x = axis("observed loss (" + law.lossUnits() + ")", lo - pad, hi + pad);
    NumberAxis y = axis("fitted loss", lo - pad, hi + pad);
    XYPlot plot = new XYPlot(new XYSeriesCollection(runs), x, y, points);
    plot.setDataset(1, new XYSeriesCollection(equal));
    plot.setRenderer(1, line);
    return ChartStyle.svg(ChartStyle.chart("Fitted against observed loss: " + fit.runs().runs().size() + " runs",
        plot, true), "fitted");
  }

  /** log L̂ − log L against model size, with zero marked. */
  static String residuals(LawFit fit) {
    Parametric law = fit.law();
    XYSeries runs = new XYSeries("runs", false, true);
    double nLo = Double.POSITIVE_INFINITY;
    double nHi = 0;
    double r = 0;
    for (TrainingRuns.Run run : fit.runs().runs()) {
      double res = Math.log(law.loss(run.n(), run.d())) - Math.log(run.loss());
      runs.add(Math.log10(run.n()), res);
      nLo = Math.min(nLo, run.n());
      nHi = Math.max(nHi, run.n());
      r = Math.max(r, Math.abs(res));
    }
    r = Math.max(r * 1.15, 1e-6);
    XYLineAndShapeRenderer points = ChartStyle.fixed(new XYLineAndShapeRenderer(false, true));
    points.setSeriesPaint(0, ChartStyle.FRONTIER);
    points.setSeriesShape(0, dot());
    Charts.Log10Axis x = new Charts.Log10Axis("parameters N (log scale)", Charts.decades(List.of(nLo, nHi), 1));
    NumberAxis y = axis("residual, log fitted − log observed loss", -r, r);
    XYPlot plot = new XYPlot(new XYSeriesCollection(runs), x, y, points);
    plot.addRangeMarker(new ValueMarker(0, ChartStyle.RULE, ChartStyle.DASHED));
    // the Huber threshold, where the loss turns linear (for the likelihood it is δσ, far inside the runs)
    double threshold = fit.scale() == null ? fit.request().delta() : fit.request().delta() * fit.scale();
    plot.addRangeMarker(new ValueMarker(threshold, ChartStyle.ISO, ChartStyle.DOTTED));
    plot.addRangeMarker(new ValueMarker(-threshold, ChartStyle.ISO, ChartStyle.DOTTED));
    return ChartStyle.svg(ChartStyle.chart(fit.scale() == null ? "Residuals (dotted: ±δ, where the Huber loss turns linear)"
        : "Residuals (dotted: ±δσ, where the Huber likelihood turns linear)", plot, false),
        "residuals");
  }

  /**
   * The fitted law's loss against N at fixed compute, at whole decades of C = 6·N·D across the runs,
   * with the runs (each coloured as the nearest decade).
   */
  static String isoFlop(LawFit fit) {
    Parametric law = fit.law();
    double cLo = Double.POSITIVE_INFINITY;
    double cHi = 0;
    double nLo = Double.POSITIVE_INFINITY;
    double nHi = 0;
    double lLo = Double.POSITIVE_INFINITY;
    double lHi = 0;
    for (TrainingRuns.Run r : fit.runs().runs()) {
      double c = Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * r.n() * r.d();
      cLo = Math.min(cLo, c);
      cHi = Math.max(cHi, c);
      nLo = Math.min(nLo, r.n());
      nHi = Math.max(nHi, r.n());
      lLo = Math.min(lLo, r.loss());
      lHi = Math.max(lHi, r.loss());
    }
    int kLo = (int) Math.round(Math.log10(cLo));
    int kHi = (int) Math.round(Math.log10(cHi));
    int step = Math.max(1, (int) Math.ceil((kHi - kLo + 1) / 6.0));
    double[] nRange = Charts.decades(List.of(nLo, nHi), 1);
    XYSeriesCollection curves = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = ChartStyle.fixed(new XYLineAndShapeRenderer(true, false));
    lines.setDrawSeriesLineAsPath(true);
    XYSeriesCollection points = new XYSeriesCollection();
    XYLineAndShapeRenderer dots = ChartStyle.fixed(new XYLineAndShapeRenderer(false, true));
    List<Integer> decades = new ArrayList<>();
    for (int k = kLo; k <= kHi; k += step) {
      decades.add(k);
    }
    for (int i = 0; i < decades.size(); i++) {
      int k = decades.get(i);
      double c = Math.pow(10, k);
      XYSeries curve = new XYSeries("C = 10" + Charts.superscript(k) + " FLOPs", false, true);
      for (int s = 0; s <= 160; s++) {
        double n = Math.pow(10, Math.log10(nRange[0]) + (Math.log10(nRange[1]) - Math.log10(nRange[0])) * s / 160);
        curve.add(Math.log10(n), law.loss(n, c / (Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * n)));
      }
      curves.addSeries(curve);
      java.awt.Color colour = ChartStyle.SERIES[i % ChartStyle.SERIES.length];
      lines.setSeriesPaint(i, colour);
      lines.setSeriesStroke(i, ChartStyle.LINE);
      XYSeries near = new XYSeries("runs nearest 10" + Charts.superscript(k), false, true);
      for (TrainingRuns.Run r : fit.runs().runs()) {
        double logC = Math.log10(Units.TRAINING_FLOPS_PER_PARAMETER_TOKEN * r.n() * r.d());
        int nearest = decades.stream().min(java.util.Comparator.comparingDouble(d -> Math.abs(d - logC))).orElseThrow();
        if (nearest == k) {
          near.add(Math.log10(r.n()), r.loss());
        }
      }
      points.addSeries(near);
      dots.setSeriesPaint(i, colour);
      dots.setSeriesShape(i, dot());
      dots.setSeriesVisibleInLegend(i, false);
    }
    Charts.Log10Axis x = new Charts.Log10Axis("parameters N (log scale)", nRange);
    double pad = 0.08 * (lHi - lLo) + 1e-6;
    NumberAxis y = axis("loss (" + law.lossUnits() + ")", lLo - pad, lHi + pad);
    XYPlot plot = new XYPlot(points, x, y, dots);
    plot.setDataset(1, curves);
    plot.setRenderer(1, lines);
    return ChartStyle.svg(ChartStyle.chart("The fitted law at fixed compute, with the runs", plot, true), "iso-flop");
  }

  private static NumberAxis axis(String label, double lo, double hi) {
    NumberAxis a = new NumberAxis(label);
    ChartStyle.axis(a);
    a.setAutoRangeIncludesZero(false);
    a.setRange(lo, hi);
    return a;
  }
}
