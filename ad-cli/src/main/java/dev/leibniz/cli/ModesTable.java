package dev.leibniz.cli;

import dev.leibniz.cli.JacobianStrategies.Result;
import dev.leibniz.cli.JacobianStrategies.Strategy;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** How {@code modes} shows its measurements: the strategy table, the one recommendation, the size sweep. */
final class ModesTable {
    private ModesTable() {
    }

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd)};

    /** One row per strategy: sweeps, counted operations, best measured time, memory. */
    static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-16s %9s %16s %12s %14s %14s%n",
                "strategy", "sweeps", "operations", "time", "prepared", "per Jacobian"));
        for (Result r : results) {
            if (r.measured()) {
                sb.append(String.format(Locale.ROOT, "  %-16s %9s %16s %12s %14s %14s%n", r.strategy().label,
                        sweeps(r), count(r.operations()), duration(r.nanos()), bytes(r.preparedBytes()),
                        bytes(r.bytesPerJacobian())));
            } else {
                sb.append(String.format(Locale.ROOT, "  %-16s %9s %16s   %s%n", r.strategy().label,
                        r.sweeps() < 0 ? "-" : count(r.sweeps()), Double.isNaN(r.operations()) ? "-" : count(r.operations()),
                        r.skipped()));
            }
        }
        sb.append("  (sweeps: JVP or VJP directions, bidirectional: JVPs+VJPs; operations: counted; time: best measured full Jacobian;"
                + " memory: bytes allocated to prepare it, and per evaluation)\n");
        return sb.toString();
    }

    /** The single recommendation line: the fastest strategy and how it compares with the best of the other family. */
    static String recommendation(List<Result> results) {
        Optional<Result> best = JacobianStrategies.recommended(results);
        if (best.isEmpty()) {
            return "recommended: none (no strategy could be measured)";
        }
        Result b = best.get();
        boolean colored = b.colored();
        Optional<Result> other = results.stream().filter(Result::measured)
                .filter(r -> r.colored() != colored)
                .min((p, q) -> Double.compare(p.nanos(), q.nanos()));
        String versus = other.map(o -> String.format(Locale.ROOT, " (measured %.1fx faster than %s, the fastest %s strategy)",
                o.nanos() / b.nanos(), o.strategy().label, colored ? "dense" : "colored")).orElse("");
        return "recommended: " + b.strategy().label + versus;
    }

    /** Seconds per strategy per grid size. */
    static String sweepTable(List<Integer> sizes, List<List<Result>> perSize) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %6s %8s", "N", "states"));
        for (Strategy s : Strategy.values()) {
            sb.append(String.format(Locale.ROOT, " %16s", s.label));
        }
        sb.append(String.format(Locale.ROOT, "  %s%n", "fastest"));
        for (int k = 0; k < sizes.size(); k++) {
            int n = sizes.get(k);
            sb.append(String.format(Locale.ROOT, "  %6d %8d", n, 2 * n * n));
            for (Result r : perSize.get(k)) {
                sb.append(String.format(Locale.ROOT, " %16s", r.measured() ? duration(r.nanos()) : "-"));
            }
            sb.append("  ").append(JacobianStrategies.recommended(perSize.get(k)).map(r -> r.strategy().label).orElse("-"));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Log–log plot: time of one full Jacobian against the number of states, one line per strategy. */
    static void sweepPlot(Path png, List<Integer> sizes, List<List<Result>> perSize) throws IOException {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Full Jacobian of the 2-D Brusselator: time per strategy")
                .xAxisTitle("states (2N²)").yAxisTitle("milliseconds per Jacobian").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (Strategy s : Strategy.values()) {
            int count = 0;
            for (List<Result> rs : perSize) {
                count += rs.get(s.ordinal()).measured() ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            for (int k = 0, j = 0; k < sizes.size(); k++) {
                Result r = perSize.get(k).get(s.ordinal());
                if (r.measured()) {
                    x[j] = 2.0 * sizes.get(k) * sizes.get(k);
                    y[j++] = r.nanos() / 1e6;
                }
            }
            XYSeries series = chart.addSeries(s.label, x, y);
            Color c = COLORS[s.ordinal() % COLORS.length];
            series.setLineColor(c);
            series.setMarkerColor(c);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineStyle(new BasicStroke(2f));
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = png.toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The sweep count; for bidirectional, JVPs + VJPs (e.g. "2+1"). */
    static String sweeps(Result r) {
        if (r.strategy() == Strategy.BIDIRECTIONAL) {
            return count(r.sweeps() - r.reverseSweeps()) + "+" + count(r.reverseSweeps());
        }
        return count(r.sweeps());
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    static String duration(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
    }
}
