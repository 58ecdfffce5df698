package dev.leibniz.benchmarks;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.Optimizers;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole lynx–hare calibration of issue 7 — Lotka–Volterra, six parameters, sum of squares
 * of logs, from the model file's initial guesses to the optimum — as a user runs it: by
 * Levenberg–Marquardt with exact Jacobians from forward sensitivities, and by L-BFGS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LynxHareFitBenchmark {
    private ModelSpec model;
    private DataSet data;

    @Setup
    public void setUp() {
        Path examples = examples();
        model = ModelParser.parse(examples.resolve("lotka-volterra.model"));
        data = new DataReader().knownColumns(model.observableNames()).read(examples.resolve("hudson-bay-lynx-hare.csv"));
        FitResult r = levenbergMarquardt();
        if (Math.abs(r.loss() - 2.01866) > 2e-3 || Math.abs(r.value("alpha") - 0.5402) > 5e-4) {
            throw new IllegalStateException("the fit did not reach the reference optimum: " + r);
        }
    }

    @Benchmark
    public FitResult levenbergMarquardt() {
        return Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS).fit();
    }

    @Benchmark
    public FitResult lbfgs() {
        return Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS)
                .optimizer(Optimizers.byName("lbfgs", 1000)).fit();
    }

    /** The repository's examples/ folder, from the repository root or a module directory. */
    public static Path examples() {
        for (Path p : new Path[] {Path.of("examples"), Path.of("..", "examples")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("run the benchmarks from the repository root (examples/ not found)");
    }
}
