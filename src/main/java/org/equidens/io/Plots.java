package org.equidens.io;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Headless PNG plots (learning curves, parity plots), written atomically. */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** A series of (x, y) points with a legend name. */
    public record Series(String name, double[] x, double[] y) {}

    /** Log-log learning curve: error against training-set size, one line per series. */
    public static void learningCurve(Path png, String title, String yLabel, Iterable<Series> series) {
        learningCurve(png, title, "training structures", yLabel, series);
    }

    /** Log-log learning curve with a chosen x-axis title (e.g. sampled grid points). */
    public static void learningCurve(Path png, String title, String xLabel, String yLabel, Iterable<Series> series) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (Series s : series) {
            Series shown = positiveFinite(s);
            if (shown.x().length == 0) continue;
            XYSeries xy = chart.addSeries(shown.name(), shown.x(), shown.y());
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        save(chart, png);
    }

    /** The points a log-log plot can show: non-positive and non-finite ones (e.g. an error as % of a zero spread) are left out, not fatal. */
    private static Series positiveFinite(Series s) {
        int n = 0;
        double[] x = new double[s.x().length], y = new double[s.y().length];
        for (int i = 0; i < s.x().length; i++)
            if (s.x()[i] > 0 && s.y()[i] > 0 && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                x[n] = s.x()[i];
                y[n++] = s.y()[i];
            }
        return new Series(s.name(), Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    /** Linear-axes line plot (profiles along a coordinate), one line per series, no markers. */
    public static void lines(Path png, String title, String xLabel, String yLabel, Iterable<Series> series) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(SeriesMarkers.NONE);
        }
        save(chart, png);
    }

    /** Parity plot of predicted against reference values, one scatter per named group, with y = x. */
    public static void parity(Path png, String title, String unit, Map<String, double[][]> groups) {
        XYChart chart = new XYChartBuilder().width(640).height(640).title(title)
                .xAxisTitle("reference" + (unit.isEmpty() ? "" : " (" + unit + ")"))
                .yAxisTitle("predicted" + (unit.isEmpty() ? "" : " (" + unit + ")")).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[][]> g : groups.entrySet()) {
            double[] ref = g.getValue()[0], pred = g.getValue()[1];
            for (int i = 0; i < ref.length; i++) {
                lo = Math.min(lo, Math.min(ref[i], pred[i]));
                hi = Math.max(hi, Math.max(ref[i], pred[i]));
            }
            chart.addSeries(g.getKey(), ref, pred);
        }
        if (lo < hi) {
            XYSeries diag = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diag.setMarker(SeriesMarkers.NONE);
            diag.setLineColor(Color.GRAY);
        }
        save(chart, png);
    }

    /** Histogram of values in equal-width bins (counts on a linear axis). */
    public static void histogram(Path png, String title, String xLabel, double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(lo < hi)) { // empty or one value: one bin around it
            lo = values.length == 0 ? 0 : lo - 0.5;
            hi = lo + 1;
        }
        double[] centres = new double[bins], counts = new double[bins];
        double w = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) centres[b] = lo + (b + 0.5) * w;
        for (double v : values) counts[Math.min(bins - 1, (int) ((v - lo) / w))]++;
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xLabel).yAxisTitle("count").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        // a step line through the bin edges draws the bars' outline
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) edges[b] = b == bins ? hi : lo + b * w; // lo + bins·w may round past hi: XChart wants x ascending
        double[] x = new double[2 * bins + 2], y = new double[2 * bins + 2];
        x[0] = lo;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = edges[b];
            y[2 * b + 1] = counts[b];
            x[2 * b + 2] = edges[b + 1];
            y[2 * b + 2] = counts[b];
        }
        x[2 * bins + 1] = hi;
        XYSeries s = chart.addSeries("count", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        save(chart, png);
    }

    private static void save(XYChart chart, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw InputException.at(png, "cannot write plot: " + e.getMessage());
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

}
