package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.models.spec.ModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz simulate MODEL}: solve a model file and print, save or plot its trajectories. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Solve a model's differential equations from t0 to --t1 and report the states and outputs.",
            "Example: leibniz simulate examples/lotka-volterra.model --t1 20 --plot lv.png"})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path model;

    @Option(names = "--set", paramLabel = "p=v,...", description = "Parameter values instead of the model's initial guesses.")
    String set;

    @Option(names = "--t1", paramLabel = "T", description = "End time (default: t0 + 10).")
    Double t1;

    @Option(names = "--dt", paramLabel = "D", description = "Output interval (default: 1/200 of the time span).")
    Double dt;

    @Option(names = "--method", paramLabel = "METHOD", completionCandidates = ModelRun.MethodNames.class,
            description = "The solver, any of ${COMPLETION-CANDIDATES} (case-insensitive)."
                    + " Default: dopri5; rosenbrock for stiff problems. An unknown name lists what each method is.")
    String method;

    @Mixin
    SolverFlags solver;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the trajectories as CSV.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Plot the trajectories as PNG.")
    Path plot;

    @Override
    public Integer call() throws IOException {
        ModelSpec m = Limits.model(model);
        double[] theta = ModelRun.parameters(m, Assignments.parse("--set", set), "--set");
        double end = t1 != null ? t1 : m.t0() + 10;
        double step = dt != null ? dt : (end - m.t0()) / 200;
        ModelRun.Trajectory run = ModelRun.trajectory(m, theta, ModelRun.grid(m.t0(), end, step),
                ModelRun.method(method), solver);
        double[] times = run.times();
        double[][] values = run.values();
        List<String> names = m.observableNames();
        if (csv != null) {
            writeCsv(csv, times, names, values);
        }
        if (plot != null) {
            List<Plots.Series> series = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                series.add(new Plots.Series(names.get(c), times, column(values, c), false));
            }
            Plots.trajectories(plot, m.name(), "t", series);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Json.print(out, json(m, run));
            return ExitCode.OK;
        }
        out.println(m.name() + ": " + times.length + " times from " + m.t0() + " to "
                + (run.stop() != null ? num(run.stop().time()) : String.valueOf(end)));
        printTable(out, names, times, values);
        if (run.events().size() > (run.stop() != null ? 1 : 0)) {
            var firstEvent = run.events().get(0);
            out.println(run.events().size() + (run.events().size() == 1 ? " event" : " events") + "; the first at t = "
                    + num(firstEvent.time()) + ": " + firstEvent.label());
        }
        if (run.stop() != null) {
            out.println("stopped at t = " + num(run.stop().time()) + " by "
                    + run.stop().label());
        }
        if (csv != null) {
            out.println("wrote " + csv);
        }
        if (plot != null) {
            out.println("wrote " + plot);
        }
        return ExitCode.OK;
    }

    /** The JSON document: t, the states and outputs by name, and for a hybrid model its events. */
    private static ObjectNode json(ModelSpec m, ModelRun.Trajectory run) {
        double[][] values = run.values();
        List<String> names = m.observableNames();
        ObjectNode doc = Json.object();
        doc.set("t", Json.array(run.times()));
        ObjectNode states = doc.putObject("states");
        ObjectNode outputs = doc.putObject("outputs");
        for (int c = 0; c < names.size(); c++) {
            (c < m.stateCount() ? states : outputs).set(names.get(c), Json.array(column(values, c)));
        }
        if (m.isHybrid()) {
            ArrayNode events = doc.putArray("events");
            for (var e : run.events()) {
                events.addObject().put("t", e.time()).put("event", e.label());
            }
            doc.put("stopped", run.stop() != null);
        }
        return doc;
    }

    /** About ten rows of the trajectory, evenly strided, and always the last time. */
    private static void printTable(PrintWriter out, List<String> names, double[] times, double[][] values) {
        int stride = Math.max(1, (times.length - 1) / 10);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%12s", "t"));
        names.forEach(n -> header.append(String.format(Locale.ROOT, " %14s", n)));
        out.println(header);
        for (int k = 0; k < times.length; k += stride) {
            printRow(out, times[k], values[k]);
        }
        if ((times.length - 1) % stride != 0) {
            printRow(out, times[times.length - 1], values[times.length - 1]);
        }
    }

    /** Nine significant digits, without trailing zeros (0, 12, 1.76603503). */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.9g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static void printRow(PrintWriter out, double t, double[] row) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%12.6g", t));
        for (double v : row) {
            sb.append(String.format(Locale.ROOT, " %14.6g", v));
        }
        out.println(sb);
    }

    static double[] column(double[][] values, int c) {
        double[] col = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            col[k] = values[k][c];
        }
        return col;
    }

    static void writeCsv(Path file, double[] times, List<String> names, double[][] values) throws IOException {
        StringBuilder sb = new StringBuilder("t");
        names.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (int k = 0; k < times.length; k++) {
            sb.append(times[k]);
            for (double v : values[k]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
