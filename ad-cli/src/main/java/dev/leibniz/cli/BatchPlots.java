package dev.leibniz.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The plots of the batch commands: the waterfall of starts, profile likelihoods, histograms of estimates. */
final class BatchPlots {
    private BatchPlots() {
    }

    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color RED = new Color(0xd62728);

    /**
     * The waterfall plot of a multi-start fit (as in pyPESTO): the final losses sorted, one point
     * per successful start; a plateau of equal losses at the left is the best optimum found by
     * that many starts, and each further plateau is another local optimum.
     */
    static void waterfall(Path png, double[] losses) throws IOException {
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        double[] rank = new double[sorted.length];
        boolean positive = true;
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i + 1;
            positive &= sorted[i] > 0;
        }
        XYChart chart = xy("Waterfall: final loss of each start, sorted", "start (sorted by loss)", "final loss");
        chart.getStyler().setYAxisLogarithmic(positive);
        XYSeries s = chart.addSeries("starts", rank, sorted);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(BLUE);
        s.setMarkerColor(BLUE);
        save(chart, png);
    }

    /**
     * A profile likelihood: the loss with {@code parameter} held at each grid value and the others
     * refitted, the optimum, and the 95 % threshold L̂ + Δ whose crossings bound the interval.
     */
    static void profile(Path png, String parameter, double[] values, double[] losses, double optimumValue,
                        double optimumLoss, double threshold) throws IOException {
        XYChart chart = xy("Profile likelihood of " + parameter, parameter, "loss (others refitted)");
        chart.getStyler().setXAxisDecimalPattern("0.###E0");
        XYSeries p = chart.addSeries("profile", values, losses);
        p.setMarker(SeriesMarkers.CIRCLE);
        p.setLineColor(BLUE);
        p.setMarkerColor(BLUE);
        p.setLineStyle(new BasicStroke(2f));
        double lo = Arrays.stream(values).min().orElse(optimumValue);
        double hi = Arrays.stream(values).max().orElse(optimumValue);
        XYSeries t = chart.addSeries("95 % threshold", new double[] {lo, hi},
                new double[] {optimumLoss + threshold, optimumLoss + threshold});
        t.setMarker(SeriesMarkers.NONE);
        t.setLineColor(RED);
        t.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        XYSeries o = chart.addSeries("optimum", new double[] {optimumValue}, new double[] {optimumLoss});
        o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        o.setMarker(SeriesMarkers.DIAMOND);
        o.setMarkerColor(RED);
        save(chart, png);
    }

    /** A histogram of {@code values} (non-finite ones left out) with about sqrt(n) bins, at most 40. */
    static void histogram(Path png, String title, String xLabel, double[] values) throws IOException {
        List<Double> finite = Arrays.stream(values).filter(Double::isFinite).boxed().toList();
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle("count").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.98);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisDecimalPattern("#.####E0");
        chart.getStyler().setXAxisLabelRotation(45);
        int bins = Math.max(1, Math.min(40, (int) Math.ceil(Math.sqrt(finite.size()))));
        if (finite.isEmpty()) {
            chart.addSeries(xLabel, new double[] {0}, new double[] {0});
        } else {
            Histogram h = new Histogram(finite, bins);
            chart.addSeries(xLabel, h.getxAxisData(), h.getyAxisData()).setFillColor(BLUE);
        }
        save(chart, png);
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        String name = png.toString();
        BitmapEncoder.saveBitmap(chart, name.substring(0, name.length() - 4), BitmapEncoder.BitmapFormat.PNG);
    }
}
