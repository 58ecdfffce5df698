package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code fit} reports: the JSON document, and the files it writes into --out. */
final class FitReport {
    private FitReport() {
    }

    /** Points per fitted trajectory in fit.png and fitted.csv. */
    static final int CURVE_POINTS = 400;

    /** The JSON contract: parameters (all), loss, iterations, converged, gradientNorm, standardErrors, and more. */
    static ObjectNode json(FitResult r) {
        ObjectNode doc = Json.object();
        ObjectNode params = doc.putObject("parameters");
        ObjectNode se = doc.putObject("standardErrors");
        ArrayNode fitted = Json.MAPPER.createArrayNode();
        for (int i = 0; i < r.parameterNames().size(); i++) {
            String name = r.parameterNames().get(i);
            params.put(name, Json.finite(r.values()[i]));
            double s = r.standardErrors()[i];
            if (r.fitted()[i] && Double.isFinite(s)) {
                se.put(name, s);
            } else {
                se.putNull(name); // fixed, or not identifiable from these data
            }
            if (r.fitted()[i]) {
                fitted.add(name);
            }
        }
        doc.put("loss", Json.finite(r.loss()));
        doc.put("iterations", r.iterations());
        doc.put("converged", r.converged());
        doc.put("reason", r.reason());
        doc.put("gradientNorm", r.gradientNorm());
        doc.set("fitted", fitted);
        doc.put("lossFunction", r.lossName());
        doc.put("optimizer", r.optimizer());
        doc.put("sensitivity", r.sensitivity().name().toLowerCase(Locale.ROOT));
        doc.put("observations", r.observations());
        ArrayNode atBound = doc.putArray("atBound");
        for (int i = 0; i < r.parameterNames().size(); i++) {
            if (r.atBound()[i]) {
                atBound.add(r.parameterNames().get(i));
            }
        }
        if (Double.isFinite(r.conditionNumber())) {
            doc.put("conditionNumber", r.conditionNumber());
            doc.put("reliableDigits", r.reliableDigits());
        }
        putMatrix(doc, "covariance", r, r.covariance());
        putMatrix(doc, "correlation", r, r.correlation());
        doc.put("simulations", r.simulations());
        ArrayNode history = doc.putArray("lossHistory");
        for (double v : r.lossHistory()) {
            history.add(v);
        }
        return doc;
    }

    /**
     * {@code name: {names: [fitted parameters], matrix: [[...]]}} over the fitted parameters, null
     * where undefined (a parameter at a bound); left out when no entry is defined, so that a
     * reader can tell "no covariance" from a covariance of NaNs.
     */
    private static void putMatrix(ObjectNode doc, String name, FitResult r, double[][] all) {
        List<Integer> fitted = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < r.parameterNames().size(); i++) {
            if (r.fitted()[i]) {
                fitted.add(i);
                any |= Double.isFinite(all[i][i]);
            }
        }
        if (!any) {
            return;
        }
        ObjectNode m = doc.putObject(name);
        ArrayNode names = m.putArray("names");
        ArrayNode rows = m.putArray("matrix");
        for (int i : fitted) {
            names.add(r.parameterNames().get(i));
            ArrayNode row = rows.addArray();
            for (int j : fitted) {
                if (Double.isFinite(all[i][j])) {
                    row.add(all[i][j]);
                } else {
                    row.addNull();
                }
            }
        }
    }

    static String baseName(String modelName) {
        int dot = modelName.lastIndexOf('.');
        return dot > 0 ? modelName.substring(0, dot) : modelName;
    }

    /** fit.png, loss.png, report.json and fitted.csv. */
    static void write(Path dir, ModelSpec m, DataSet d, FitResult r, ObjectNode doc, Path modelFile, Path dataFile,
                      dev.leibniz.ode.Method method)
            throws IOException {
        Files.createDirectories(dir);
        ObjectNode report = doc.deepCopy();
        report.put("model", modelFile.toString());
        report.put("data", dataFile.toString());
        Json.write(dir.resolve("report.json"), report);
        if (m.isAlgebraic()) {
            AlgebraicPlots.write(dir, m, d, r);
            return;
        }

        double t0 = Math.min(m.t0(), d.time(0));
        double t1 = d.time(d.rowCount() - 1);
        double[] times = new double[CURVE_POINTS + 1];
        for (int k = 0; k <= CURVE_POINTS; k++) {
            times[k] = t0 + (t1 - t0) * k / CURVE_POINTS;
        }
        times[0] = m.t0();
        double[][] values = ModelRun.observables(m, r.values(), times, method);
        List<String> names = m.observableNames();
        SimulateCommand.writeCsv(dir.resolve("fitted.csv"), times, names, values);

        String xLabel = d.timeOrigin() != 0
                ? String.format(Locale.ROOT, "%s − %s", d.timeColumn(), trim(d.timeOrigin()))
                : d.timeColumn();
        List<Plots.Series> series = new ArrayList<>();
        for (String col : d.columns()) {
            int c = names.indexOf(col);
            series.add(new Plots.Series(col + " (fit)", times, SimulateCommand.column(values, c), false));
            series.add(new Plots.Series(col + " (data)", d.times(), d.column(d.columnIndex(col)), true));
        }
        Plots.trajectories(dir.resolve("fit.png"), m.name() + " fitted to " + d.name(), xLabel, series);
        Plots.loss(dir.resolve("loss.png"), r.lossHistory());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
