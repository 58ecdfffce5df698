package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.Optimizers;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import dev.leibniz.ode.SensitivityMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            "Writes fit.png, loss.png, report.json and fitted.csv into --out (not with --json).",
            "Ctrl-C stops the fit and still writes the best parameters found so far.",
            "Example: leibniz fit examples/lotka-volterra.model --data examples/hudson-bay-lynx-hare.csv --loss logsse"})
final class FitCommand implements Callable<Integer> {
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

    @Option(names = "--fit", paramLabel = "p1,p2,...", split = ",",
            description = "The parameters to fit (default: all); the others stay at their values in the model file.")
    List<String> fit;

    @Option(names = "--loss", paramLabel = "sse|logsse|poisson", defaultValue = "sse",
            description = "sse: sum of squares (additive noise); logsse: sum of squares of logs (multiplicative noise,"
                    + " positive data); poisson: Poisson deviance (counts). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "lbfgs|adam|lm",
            description = "Default: lm (Levenberg-Marquardt) for sse/logsse, lbfgs otherwise.")
    String optimizer;

    @Option(names = "--sensitivity", paramLabel = "auto|forward|adjoint|discrete", defaultValue = "auto",
            description = "How derivatives through the solver are computed. Default: ${DEFAULT-VALUE}"
                    + " (forward for few parameters, adjoint for many).")
    String sensitivity;

    @Option(names = "--method", paramLabel = "METHOD", completionCandidates = ModelRun.MethodNames.class,
            description = "The ODE solver, any of ${COMPLETION-CANDIDATES} (case-insensitive)."
                    + " Default: dopri5; rosenbrock for stiff problems. An unknown name lists what each method is.")
    String method;

    @Option(names = "--max-iter", paramLabel = "N", description = "Iteration limit of the optimizer.")
    Integer maxIter;

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
        ModelSpec m = ModelParser.parse(model);
        DataSet d = new DataReader().knownColumns(m.observableNames()).read(data);
        Calibrator c = calibrator(m, d);
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = common.progress || (System.console() != null && !common.json);
        FitProgress progress = showProgress ? new FitProgress(err, maxIter) : null;
        if (progress != null) {
            c.onIteration(progress);
        }
        return fitUntilDoneOrInterrupted(m, d, c, progress);
    }

    /**
     * The calibration the options ask for. They are checked in this order, so the first mistake
     * is the one reported: --method, --loss, --sensitivity, --max-iter, --optimizer, --fit.
     */
    private Calibrator calibrator(ModelSpec m, DataSet d) {
        Calibrator c = Calibrator.of(ModelRun.simulator(m, ModelRun.method(method)), d).loss(Losses.byName(loss)).sensitivity(sensitivity(sensitivity));
        if (maxIter != null && maxIter < 1) {
            throw new LeibnizException("--max-iter must be at least 1, got " + maxIter);
        }
        if (optimizer != null) {
            c.optimizer(Optimizers.byName(optimizer, maxIter != null ? maxIter : DEFAULT_MAX_ITERATIONS));
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

    /**
     * Runs the fit and reports it. Ctrl-C asks the optimizer to stop; a shutdown hook then waits
     * (up to a minute) until this thread has written the best point so far, and the exit status
     * is 130 as for any interrupted command. A non-finite final loss is a failed computation.
     */
    private int fitUntilDoneOrInterrupted(ModelSpec m, DataSet d, Calibrator c, FitProgress progress) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        c.stopWhen(stop::get);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                written.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leibniz-fit-interrupt");
        boolean hooked = installHook(hook);
        try {
            FitResult r = c.fit();
            if (progress != null) {
                progress.close();
            }
            if (!Double.isFinite(r.loss())) {
                throw new ComputationFailedException("the fit ended with a non-finite loss (" + r.loss() + ")");
            }
            report(m, d, r);
            return stop.get() ? 130 : ExitCode.OK;
        } finally {
            written.countDown();
            if (hooked && !stop.get()) {
                removeHook(hook);
            }
        }
    }

    private void report(ModelSpec m, DataSet d, FitResult r) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        ObjectNode doc = FitReport.json(r);
        if (common.json) {
            Json.print(o, doc);
            return;
        }
        Path dir = out != null ? out : Path.of("leibniz-out", FitReport.baseName(m.name()));
        FitReport.write(dir, m, d, r, doc, model, data, ModelRun.method(method));
        o.println("fitted " + m.name() + " to " + d.name() + " (" + r.observations() + " observations):");
        o.print(r.summary());
        o.println("wrote " + dir.resolve("fit.png") + ", loss.png, report.json, fitted.csv");
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

    private static boolean installHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false; // the JVM is already shutting down
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running and waits for the files
        }
    }
}
