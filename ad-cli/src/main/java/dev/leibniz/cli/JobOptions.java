package dev.leibniz.cli;

import dev.leibniz.models.batch.FitJob;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The calibration problem of the batch commands, as {@code fit} takes it: model, data and fit options. */
final class JobOptions {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path model;

    @Option(names = "--fit", paramLabel = "p1,p2,...", split = ",",
            description = "The parameters to fit (default: all); the others stay at their values in the model file.")
    List<String> fit;

    @Option(names = "--loss", paramLabel = "sse|logsse|poisson", defaultValue = "sse",
            description = "The loss, as for fit. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "lbfgs|adam|lm", description = "As for fit (default: lm for sse/logsse).")
    String optimizer;

    @Option(names = "--sensitivity", paramLabel = "auto|forward|adjoint|discrete", defaultValue = "auto",
            description = "As for fit. Default: ${DEFAULT-VALUE}.")
    String sensitivity;

    @Option(names = "--method", paramLabel = "METHOD", description = "The ODE solver, as for fit (default: dopri5).")
    String method;

    @Option(names = "--max-iter", paramLabel = "N", description = "Iteration limit of the optimizer, per fit.")
    Integer maxIter;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ./leibniz-out/<model name>).")
    Path out;

    /** The job against {@code data} (null: none, each task brings its own). */
    FitJob job(Path data) {
        return BatchRuns.job(model, data, loss, optimizer, maxIter, fit, method, FitCommand.sensitivity(sensitivity));
    }

    Path outDir() {
        return BatchRuns.outDir(out, model);
    }
}
