package dev.leibniz.cli;

import dev.leibniz.models.calibration.AlgebraicSimulator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * fit.png, loss.png and fitted.csv of an algebraic model, plotted against its first input. With
 * one input the fitted curve is drawn on a grid of {@link FitReport#CURVE_POINTS} + 1 values
 * from the smallest to the largest input in the data; with several, a curve in one input alone
 * means nothing, so the fitted values are drawn at the data rows.
 */
final class AlgebraicPlots {
    private AlgebraicPlots() {
    }

    static void write(Path dir, ModelSpec m, DataSet d, FitResult r) throws IOException {
        List<String> inputs = m.inputNames();
        List<String> outputs = m.outputNames();
        double[][] rows = new double[d.rowCount()][inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            double[] col = d.column(d.columnIndex(inputs.get(i)));
            for (int k = 0; k < rows.length; k++) {
                rows[k][i] = col[k];
            }
        }
        double[][] grid = inputs.size() == 1 ? grid(rows) : rows;
        int[] all = new int[outputs.size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        double[][] values = new double[grid.length][all.length];
        AlgebraicSimulator.of(m, grid).evaluate(r.values(), grid, all, values, null);
        writeCsv(dir.resolve("fitted.csv"), inputs, grid, outputs, values);

        double[] x = SimulateCommand.column(grid, 0);
        double[] xData = d.column(d.columnIndex(inputs.get(0)));
        List<Plots.Series> series = new ArrayList<>();
        for (int c = 0; c < outputs.size(); c++) {
            int col = d.columnIndex(outputs.get(c));
            if (col < 0) {
                continue;
            }
            series.add(new Plots.Series(outputs.get(c) + " (fit)", x, SimulateCommand.column(values, c), inputs.size() > 1));
            series.add(new Plots.Series(outputs.get(c) + " (data)", xData, d.column(col), true));
        }
        Plots.trajectories(dir.resolve("fit.png"), m.name() + " fitted to " + d.name(), inputs.get(0), series);
        Plots.loss(dir.resolve("loss.png"), r.lossHistory());
    }

    /** One input: its range in the data, on an even grid. */
    private static double[][] grid(double[][] rows) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
            lo = Math.min(lo, row[0]);
            hi = Math.max(hi, row[0]);
        }
        double[][] g = new double[FitReport.CURVE_POINTS + 1][1];
        for (int k = 0; k <= FitReport.CURVE_POINTS; k++) {
            g[k][0] = lo + (hi - lo) * k / FitReport.CURVE_POINTS;
        }
        return g;
    }

    private static void writeCsv(Path file, List<String> inputs, double[][] x, List<String> outputs, double[][] values)
            throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", inputs));
        outputs.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (int k = 0; k < x.length; k++) {
            for (int i = 0; i < x[k].length; i++) {
                sb.append(i == 0 ? "" : ",").append(x[k][i]);
            }
            for (double v : values[k]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
