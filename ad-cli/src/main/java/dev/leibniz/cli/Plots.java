package dev.leibniz.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots with XChart: trajectories with data points, and loss per iteration. */
final class Plots {
    private Plots() {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
    };

    /** One named curve (a line), or one named set of observations (markers only). */
    record Series(String name, double[] x, double[] y, boolean points) {
    }

    /** Lines for trajectories and markers for data, one color per quantity. */
    static void trajectories(Path png, String title, String xLabel, List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle("value").build();
        style(chart);
        List<String> seen = new ArrayList<>();
        for (Series s : series) {
            String key = s.name().replace(" (data)", "").replace(" (fit)", "");
            int idx = seen.indexOf(key);
            if (idx < 0) {
                seen.add(key);
                idx = seen.size() - 1;
            }
            Color c = PALETTE[idx % PALETTE.length];
            XYSeries xy = chart.addSeries(s.name(), finiteOnly(s.x(), s.y())[0], finiteOnly(s.x(), s.y())[1]);
            xy.setLineColor(c);
            xy.setMarkerColor(c);
            if (s.points()) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xy.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xy.setMarker(SeriesMarkers.NONE);
                xy.setLineStyle(new BasicStroke(2f));
            }
        }
        save(chart, png);
    }

    /** Loss per iteration on a logarithmic axis (when all values are positive). */
    static void loss(Path png, double[] history) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Loss per iteration")
                .xAxisTitle("iteration").yAxisTitle("loss").build();
        style(chart);
        double[] it = new double[history.length];
        boolean positive = history.length > 0;
        for (int i = 0; i < it.length; i++) {
            it[i] = i;
            positive &= history[i] > 0;
        }
        chart.getStyler().setYAxisLogarithmic(positive);
        double[][] xy = history.length == 0 ? new double[][] {{0}, {0}} : finiteOnly(it, history);
        XYSeries s = chart.addSeries("loss", xy[0], xy[1]);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(PALETTE[0]);
        s.setMarkerColor(PALETTE[0]);
        save(chart, png);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setAntiAlias(true);
    }

    /** XChart cannot draw NaN; missing observations are simply left out. */
    private static double[][] finiteOnly(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        if (n == 0) {
            return new double[][] {{0}, {0}};
        }
        double[] fx = new double[n];
        double[] fy = new double[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[j] = x[i];
                fy[j++] = y[i];
            }
        }
        return new double[][] {fx, fy};
    }

    private static void save(XYChart chart, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = png.toString();
        String base = name.toLowerCase().endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
}
