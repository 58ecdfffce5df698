package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.ProgressListener;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelSpec;
import dev.leibniz.ode.SensitivityMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code leibniz fit MODEL --data CSV}: calibrates a model's parameters against measured data by
 * gradient-based optimization with exact derivatives, and writes plots and a report.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit a model's parameters to data: the optimizer minimizes the loss between the data and the"
                + " simulated model, with exact derivatives through the ODE solver.",
            "Writes fit.png, loss.png, report.json, report.html and fitted.csv into --out (not with --json).",
            "Ctrl-C stops the fit and still writes the best parameters found so far.",
            "Example: leibniz fit examples/lotka-volterra.model --data examples/hudson-bay-lynx-hare.csv --loss logsse"})
final class FitCommand implements Callable<Integer> {
    /** Also told of every iteration, after the progress bar (tests drive an interruption from here); null for none. */
    static volatile ProgressListener observer;

    /** Iteration limit when --optimizer is given without --max-iter. */
    static final int DEFAULT_MAX_ITERATIONS = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "Measurements: a time column (t, time or year) and columns named after states or outputs.")
    Path data;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "The cell separator of the CSV: ',' (default), ';' (then decimal commas are read), 'tab' or"
                    + " another single character.")
    String delimiter;

    @Option(names = "--fit", paramLabel = "p1,p2,...", split = ",",
            description = "The parameters to fit (default: all); the others stay at their values in the model file.")
    List<String> fit;

    @Option(names = "--loss", paramLabel = "sse|logsse|poisson", defaultValue = "sse",
            description = "sse: sum of squares (additive noise); logsse: sum of squares of logs (multiplicative noise,"
                    + " positive data); poisson: Poisson deviance (counts). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "lbfgs|adam|lm",
            description = "Default: lm (Levenberg-Marquardt) for sse/logsse, lbfgs otherwise; for a model without"
                    + " states geodesic (Levenberg-Marquardt with geodesic acceleration, to full double precision),"
                    + " which --optimizer geodesic also gives an ODE model.")
    String optimizer;

    @Option(names = "--sensitivity", paramLabel = "auto|forward|adjoint|discrete", defaultValue = "auto",
            description = "How derivatives through the solver are computed. Default: ${DEFAULT-VALUE}"
                    + " (forward for few parameters, adjoint for many).")
    String sensitivity;

    @Option(names = "--method", paramLabel = "METHOD", completionCandidates = ModelRun.MethodNames.class,
            description = "The ODE solver, any of ${COMPLETION-CANDIDATES} (case-insensitive)."
                    + " Default: dopri5; rosenbrock for stiff problems. An unknown name lists what each method is.")
    String method;

    @Mixin
    SolverFlags solver;

    @Option(names = "--max-iter", paramLabel = "N",
            description = "Iteration limit of the optimizer (default 1000; 200 for the Levenberg-Marquardt chosen when"
                    + " --optimizer is not given).")
    Integer maxIter;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Optimizer settings (need --optimizer):%n")
    OptimizerSettings settings;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ./leibniz-out/<model name>).")
    Path out;

    /** --starts, --design, --engine, --master, --seed: a multi-start batch (see MultiStartFit). */
    @Mixin
    MultiStartOptions multiStart;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (multiStart.requested()) {
            return new MultiStartFit(this).run();
        }
        ModelSpec m = Limits.model(model);
        DataSet d = readData(m);
        Calibrator c = calibrator(m, d);
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = common.progress || (System.console() != null && !common.json);
        FitProgress progress = showProgress ? new FitProgress(err, maxIter) : null;
        ProgressListener seen = observer;
        if (progress != null || seen != null) {
            c.onIteration(p -> {
                if (progress != null) {
                    progress.onIteration(p);
                }
                if (seen != null) {
                    seen.onIteration(p);
                }
            });
        }
        return fitUntilDoneOrInterrupted(m, d, c, progress);
    }

    /**
     * The data file: an ODE model's has a time column (t, time, year or the one its 'time' line
     * names) and columns named after states or outputs; an algebraic model's has no time, only
     * its input and output columns.
     */
    private DataSet readData(ModelSpec m) {
        return m.dataReader().delimiter(delimiterChar(delimiter)).read(data);
    }

    /**
     * The calibration the options ask for. They are checked in this order, so the first mistake
     * is the one reported: --method, --loss, --sensitivity, --max-iter, --optimizer and its settings, --fit.
     */
    private Calibrator calibrator(ModelSpec m, DataSet d) {
        Calibrator c = (m.isAlgebraic() ? Calibrator.of(m, d) : Calibrator.of(ModelRun.simulator(m, ModelRun.method(method), solver), d))
                .loss(Losses.byName(loss)).sensitivity(sensitivity(sensitivity));
        if (maxIter != null && maxIter < 1) {
            throw new LeibnizException("--max-iter must be at least 1, got " + maxIter);
        }
        if (optimizer == null && settings != null && settings.any()) {
            throw new LeibnizException("--learning-rate, --gradient-tolerance and --tolerance need --optimizer (the"
                    + " default optimizer depends on the loss): name the optimizer they are for");
        }
        if (optimizer != null) {
            OptimizerSettings s = settings != null ? settings : new OptimizerSettings();
            c.optimizer(s.build(optimizer, maxIter != null ? maxIter : DEFAULT_MAX_ITERATIONS));
        }
        if (maxIter != null) {
            c.maxIterations(maxIter);
        }
        if (fit != null) {
            c.fix(fixedParameters(m));
        }
        return c;
    }

    /** The model's parameters not named by --fit (names are stripped); a name the model lacks is an error. */
    private String[] fixedParameters(ModelSpec m) {
        for (String name : fit) {
            if (!m.parameterNames().contains(name.strip())) {
                throw new LeibnizException("--fit: the model " + m.name() + " has no parameter '" + name.strip()
                        + "'; its parameters are " + m.parameterNames());
            }
        }
        List<String> fixed = new ArrayList<>(m.parameterNames());
        fit.forEach(n -> fixed.remove(n.strip()));
        return fixed.toArray(new String[0]);
    }

    /** Exit status after Ctrl-C or SIGTERM (128 + SIGINT's number, as shells report it). */
    static final int INTERRUPTED = 130;

    /**
     * Runs the fit and reports it. Ctrl-C or SIGTERM asks the optimizer to stop
     * ({@link FitInterrupt}); the best point so far is then reported like a finished fit, marked
     * interrupted, and the exit status is 130 with one line saying where the parameters are. A
     * non-finite final loss is a failed computation.
     */
    private int fitUntilDoneOrInterrupted(ModelSpec m, DataSet d, Calibrator c, FitProgress progress) throws IOException {
        try (FitInterrupt interrupt = FitInterrupt.install()) {
            c.stopWhen(interrupt::requested);
            FitResult r = c.fit();
            if (progress != null) {
                progress.close();
            }
            if (!Double.isFinite(r.loss())) {
                throw new ComputationFailedException("the fit ended with a non-finite loss (" + r.loss() + ")");
            }
            String where = report(m, d, r, interrupt.signal());
            if (interrupt.requested()) {
                spec.commandLine().getErr().println("error: interrupted by " + interrupt.signal() + " after "
                        + r.iterations() + " iteration" + (r.iterations() == 1 ? "" : "s")
                        + "; the best parameters so far are in " + where + " (marked interrupted)");
                return INTERRUPTED;
            }
            return ExitCode.OK;
        }
    }

    /**
     * Prints the JSON document, or writes the output directory and prints the summary; returns
     * where the parameters are (a report.json, or standard output).
     */
    private String report(ModelSpec m, DataSet d, FitResult r, String signal) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        ObjectNode doc = FitReport.json(r);
        doc.put("interrupted", signal != null);
        if (signal != null) {
            doc.put("signal", signal);
        }
        if (common.json) {
            Json.print(o, doc);
            return "the JSON document on standard output";
        }
        Path dir = out != null ? out : Path.of("leibniz-out", FitReport.baseName(m.name()));
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        OutputDirectory.write(dir, tmp -> {
            // report.html; its data go into report.json, so write it first
            FitReportData.addAndRender(tmp, doc, m, d, r, model, data, ModelRun.method(method), loss, args);
            FitReport.write(tmp, m, d, r, doc, model, data, ModelRun.method(method));
        });
        o.println((signal != null ? "interrupted fit of " : "fitted ") + m.name() + " to " + d.name() + " ("
                + r.observations() + " observations):");
        o.print(r.summary());
        if (m.isAlgebraic()) {
            o.println("  " + r.conditioning());
        }
        o.println("wrote " + dir.resolve("fit.png") + ", loss.png, report.json, report.html, fitted.csv");
        return dir.resolve("report.json").toString();
    }

    /** The --delimiter value: one character, or the word {@code tab}. */
    static char delimiterChar(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t") || text.equals("\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new LeibnizException("--delimiter: expected one character (such as ';') or 'tab', got '" + text + "'");
        }
        return text.charAt(0);
    }

    static SensitivityMethod sensitivity(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SensitivityMethod.AUTO;
            case "forward" -> SensitivityMethod.FORWARD;
            case "adjoint" -> SensitivityMethod.CONTINUOUS_ADJOINT;
            case "discrete" -> SensitivityMethod.DISCRETE_ADJOINT;
            default -> throw new LeibnizException("--sensitivity: unknown method '" + name
                    + "'; valid: auto, forward, adjoint, discrete");
        };
    }
}
