package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.models.calibration.AlgebraicSimulator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelSpec;
import dev.leibniz.ode.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code report.html} shows beyond the fit's numbers, added to the report document so that
 * {@code report.json} alone re-renders it ({@code leibniz report DIR}): the model text, the data,
 * the fitted trajectories, the residuals at the data times, and how to reproduce the run.
 *
 * <p>Residuals follow the loss: data − model for {@code sse}, log data − log model for
 * {@code logsse} (the quantity it squares), and Pearson residuals (data − model)/√model for
 * {@code poisson}.
 */
final class FitReportData {
    private FitReportData() {
    }

    /** Points per fitted trajectory in the report (fewer than fit.png: the SVG stays small). */
    static final int CURVE_POINTS = 200;

    /**
     * Adds model, data, curves, residuals and the reproduction block to {@code doc}, then writes
     * {@code dir/report.html} from it.
     */
    static void addAndRender(Path dir, ObjectNode doc, ModelSpec m, DataSet d, FitResult r, Path modelFile,
                             Path dataFile, Method method, String lossName, List<String> args) throws IOException {
        doc.put("model", modelFile.toString());
        doc.put("data", dataFile.toString());
        ObjectNode rep = doc.putObject("report");
        rep.put("modelName", m.name());
        rep.put("modelText", Files.exists(modelFile) ? Files.readString(modelFile) : "");
        rep.put("dataName", d.name());
        double origin = d.timeOrigin(); // the data's times are counted from it (year - 1900)
        rep.put("timeColumn", origin == 0 ? d.timeColumn() : d.timeColumn() + " − "
                + (origin == Math.rint(origin) ? Long.toString((long) origin) : Double.toString(origin)));
        rep.put("method", method == null ? "default" : method.toString());
        rep.put("residuals", residualKind(lossName));
        ObjectNode repro = rep.putObject("reproduce");
        repro.put("command", "leibniz " + String.join(" ", args.stream().map(FitReportData::quote).toList()));
        repro.put("leibniz", Leibniz.class.getAnnotation(picocli.CommandLine.Command.class).version()[0]);
        repro.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        repro.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        repro.put("seed", "none: the fit is deterministic (no random starts)");

        Curves cv = m.isAlgebraic() ? algebraic(m, d, r) : trajectories(m, d, r, method);
        double[] times = cv.x();
        double[][] curve = cv.curve();
        double[][] atData = cv.atData();
        int shift = cv.shift();
        if (m.isAlgebraic()) {
            rep.put("timeColumn", m.inputNames().get(0)); // the plots' x axis: the first input
        }
        List<String> names = m.isAlgebraic() ? m.outputNames() : m.observableNames();
        rep.set("curveTimes", Json.array(times));
        rep.set("dataTimes", Json.array(cv.dataX()));
        ArrayNode series = rep.putArray("observables");
        for (String col : d.columns()) {
            int c = names.indexOf(col);
            if (c < 0) {
                continue; // an algebraic model's input column: not a fitted series
            }
            int dc = d.columnIndex(col);
            ObjectNode s = series.addObject();
            s.put("name", col);
            double[] fitted = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                fitted[k] = curve[k][c];
            }
            double[] observed = new double[d.rowCount()];
            double[] residual = new double[d.rowCount()];
            for (int i = 0; i < d.rowCount(); i++) {
                observed[i] = d.isObserved(i, dc) ? d.value(i, dc) : Double.NaN;
                residual[i] = residual(lossName, observed[i], atData[i + shift][c]);
            }
            s.set("fitted", nullable(fitted));
            s.set("observed", nullable(observed));
            s.set("residual", nullable(residual));
        }
        HtmlReport.write(dir.resolve("report.html"), doc);
    }

    /**
     * What the report plots: the fitted curve at {@code x}, the model at the data rows
     * ({@code atData}, row i at i + shift) and the data's own x values.
     */
    private record Curves(double[] x, double[][] curve, double[] dataX, double[][] atData, int shift) {
    }

    /** An ODE model: the trajectories on an even time grid, and at the data times (preceded by t₀). */
    private static Curves trajectories(ModelSpec m, DataSet d, FitResult r, Method method) {
        double t0 = Math.min(m.t0(), d.time(0));
        double t1 = d.time(d.rowCount() - 1);
        double[] times = new double[CURVE_POINTS + 1];
        for (int k = 0; k <= CURVE_POINTS; k++) {
            times[k] = t0 + (t1 - t0) * k / CURVE_POINTS;
        }
        times[0] = m.t0();
        double[][] curve = ModelRun.observables(m, r.values(), times, method);
        double[] dataTimes = withStart(m.t0(), d.times());
        double[][] atData = ModelRun.observables(m, r.values(), dataTimes, method);
        return new Curves(times, curve, d.times(), atData, dataTimes.length - d.rowCount());
    }

    /**
     * An algebraic model, plotted against its first input: the outputs on an even grid over that
     * input's range (with one input; with several, at the data rows, in the data's order), and at
     * the data rows.
     */
    private static Curves algebraic(ModelSpec m, DataSet d, FitResult r) {
        List<String> inputs = m.inputNames();
        double[][] rows = new double[d.rowCount()][inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            double[] col = d.column(d.columnIndex(inputs.get(i)));
            for (int k = 0; k < rows.length; k++) {
                rows[k][i] = col[k];
            }
        }
        double[][] grid = rows;
        if (inputs.size() == 1) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : rows) {
                lo = Math.min(lo, row[0]);
                hi = Math.max(hi, row[0]);
            }
            grid = new double[CURVE_POINTS + 1][1];
            for (int k = 0; k <= CURVE_POINTS; k++) {
                grid[k][0] = lo + (hi - lo) * k / CURVE_POINTS;
            }
        }
        int[] all = new int[m.outputNames().size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        double[][] curve = new double[grid.length][all.length];
        AlgebraicSimulator.of(m, grid).evaluate(r.values(), grid, all, curve, null);
        double[][] atData = new double[rows.length][all.length];
        AlgebraicSimulator.of(m, rows).evaluate(r.values(), rows, all, atData, null);
        return new Curves(SimulateCommand.column(grid, 0), curve, SimulateCommand.column(rows, 0), atData, 0);
    }

    static String residualKind(String loss) {
        return switch (loss.toLowerCase(Locale.ROOT)) {
            case "logsse" -> "log data - log model";
            case "poisson" -> "Pearson: (data - model) / sqrt(model)";
            default -> "data - model";
        };
    }

    static double residual(String loss, double data, double model) {
        return switch (loss.toLowerCase(Locale.ROOT)) {
            case "logsse" -> Math.log(data) - Math.log(model);
            case "poisson" -> (data - model) / Math.sqrt(model);
            default -> data - model;
        };
    }

    /** The data times, preceded by t₀ when the data start later (the solver starts at t₀). */
    private static double[] withStart(double t0, double[] times) {
        if (times.length > 0 && times[0] == t0) {
            return times;
        }
        double[] all = new double[times.length + 1];
        all[0] = t0;
        System.arraycopy(times, 0, all, 1, times.length);
        return all;
    }

    private static ArrayNode nullable(double[] v) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (double x : v) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./=,:+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
