package dev.leibniz.benchmarks.report;

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
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A log–log line chart written as PNG with XChart: one line with markers per measured series,
 * dashed lines for reference slopes. Points that are missing (NaN) or not positive are left out,
 * as a log axis cannot show them; a series with no point left is not drawn.
 */
public final class LogLogPlot {
    public static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
    };

    private record Line(String name, double[] x, double[] y, boolean reference) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Line> lines = new ArrayList<>();

    public LogLogPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A measured series. */
    public LogLogPlot series(String name, double[] x, double[] y) {
        lines.add(new Line(name, x, y, false));
        return this;
    }

    /** A dashed reference line y = c·x^exponent through the first point (x0, y0). */
    public LogLogPlot reference(String name, double[] x, double x0, double y0, double exponent) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = y0 * Math.pow(x[i] / x0, exponent);
        }
        lines.add(new Line(name, x, y, true));
        return this;
    }

    /** Whether any series has a point that can be drawn. */
    public boolean hasData() {
        return lines.stream().anyMatch(l -> !l.reference() && positive(l.x(), l.y())[0].length > 0);
    }

    /** Writes the PNG (the parent directory is created when missing). */
    public void save(Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE); // beside the plot, never over a line
        s.setMarkerSize(8);
        s.setAntiAlias(true);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        int color = 0;
        for (Line l : lines) {
            double[][] xy = positive(l.x(), l.y());
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(l.name(), xy[0], xy[1]);
            if (l.reference()) {
                series.setLineColor(Color.GRAY);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 6f}, 0f));
            } else {
                Color c = PALETTE[color++ % PALETTE.length];
                series.setLineColor(c);
                series.setMarkerColor(c);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setLineStyle(new BasicStroke(2f));
            }
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = png.toString();
        String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[][] positive(double[] x, double[] y) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pts.add(new double[] {x[i], y[i]});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }
}
