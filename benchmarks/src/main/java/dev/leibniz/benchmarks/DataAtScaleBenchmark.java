package dev.leibniz.benchmarks;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Objective;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Data at scale (issue 16, item 1): reading a large CSV, and a fit on a large data set with its
 * time split into reading, simulation and optimizer.
 *
 * <ul>
 *   <li>{@code readCsv}: a {@code rows} × 3 CSV ({@code t,x,y}) read and validated by
 *       {@link DataReader} from a file; target ≤ 2 s at 10⁶ rows. The values are random doubles
 *       in full (17 significant digits, the slow path of number reading);
 *       {@code readCsvSixDigits} the same values with six significant digits.</li>
 *   <li>{@code lossAndJacobian}: one evaluation of the residuals and their Jacobian (one
 *       simulation with forward sensitivities, which is what Levenberg–Marquardt asks per
 *       iteration) of the logistic model over {@code rows} observation times: linear in rows.</li>
 *   <li>{@code fit}: the whole fit of examples/logistic.model (r, K, N0) to {@code rows}
 *       observations of logistic growth N(t) = K / (1 + (K/N0 − 1) e^{−rt}) with 5%
 *       multiplicative noise (seeded), from r = 0.5, K = 70, N0 = 8.</li>
 * </ul>
 *
 * The split reported in docs/benchmarks.md: reading = {@code readLogisticCsv}; simulation =
 * the fit's simulation count × {@code lossAndJacobian}; optimizer = the rest of {@code fit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DataAtScaleBenchmark {
    @Param({"100000", "1000000"})
    public int rows;

    private Path dir;
    private Path wide;
    private Path sixDigits;
    private Path logistic;
    private ModelSpec model;
    private DataSet data;
    private Objective objective;
    private double[] u0;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("leibniz-bench");
        wide = dir.resolve("wide.csv");
        logistic = dir.resolve("logistic.csv");
        Random rnd = new Random(16);
        sixDigits = dir.resolve("six.csv");
        try (BufferedWriter w = Files.newBufferedWriter(wide, StandardCharsets.UTF_8);
             BufferedWriter six = Files.newBufferedWriter(sixDigits, StandardCharsets.UTF_8)) {
            w.write("t,x,y\n");
            six.write("t,x,y\n");
            for (int k = 0; k < rows; k++) {
                double x = rnd.nextGaussian();
                double y = 1 + rnd.nextDouble();
                w.write(k + "," + x + "," + y + "\n");
                six.write(String.format(java.util.Locale.ROOT, "%d,%.6g,%.6g%n", k, x, y));
            }
        }
        double r = 0.8;
        double capacity = 100;
        double n0 = 5;
        try (BufferedWriter w = Files.newBufferedWriter(logistic, StandardCharsets.UTF_8)) {
            w.write("t,N\n");
            for (int k = 1; k <= rows; k++) {
                double t = 20.0 * k / rows;
                double n = capacity / (1 + (capacity / n0 - 1) * Math.exp(-r * t));
                w.write(t + "," + n * Math.exp(0.05 * rnd.nextGaussian()) + "\n");
            }
        }
        model = ModelParser.parse(LynxHareFitBenchmark.examples().resolve("logistic.model"));
        data = new DataReader().knownColumns(model.observableNames()).read(logistic);
        objective = calibrator().objective();
        u0 = objective.free(new double[] {0.5, 70, 8});
    }

    /** The fit recovers the truth (checked once, before the fit is timed). */
    private void checkFit() {
        FitResult check = calibrator().fit();
        if (Math.abs(check.value("r") - 0.8) > 0.01 || Math.abs(check.value("K") - 100) > 0.5) {
            throw new IllegalStateException("the fit did not recover r = 0.8, K = 100: " + check);
        }
    }

    private boolean checked;

    private Calibrator calibrator() {
        return Calibrator.of(model, data).start("r", 0.5).start("K", 70).start("N0", 8);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(wide);
        Files.deleteIfExists(sixDigits);
        Files.deleteIfExists(logistic);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public DataSet readCsv() {
        return new DataReader().read(wide);
    }

    /** The same values written with six significant digits, as instruments and spreadsheets write them. */
    @Benchmark
    public DataSet readCsvSixDigits() {
        return new DataReader().read(sixDigits);
    }

    @Benchmark
    public DataSet readLogisticCsv() {
        return new DataReader().knownColumns(model.observableNames()).read(logistic);
    }

    @Benchmark
    public Objective.Residuals lossAndJacobian() {
        return objective.residuals(u0);
    }

    @Benchmark
    public FitResult fit() {
        if (!checked) {
            checkFit();
            checked = true;
        }
        return calibrator().fit();
    }

    /**
     * The split of docs/benchmarks.md, with the fitting thread's CPU time beside the wall time
     * (on a shared machine the wall time also counts the waits for a core): for {@code rows}
     * (first argument, default 10⁵), the best of five runs of reading each file, one loss and
     * Jacobian, setting up the calibration, and the whole fit with its iteration and simulation
     * counts. Run: {@code java -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.DataAtScaleBenchmark 100000}.
     */
    public static void main(String[] args) throws IOException {
        DataAtScaleBenchmark b = new DataAtScaleBenchmark();
        b.rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        b.setUp();
        b.checkFit();
        FitResult r = b.fit();
        System.out.println(b.rows + " rows: " + r.iterations() + " iterations, " + r.simulations() + " simulations, "
                + r.optimizer() + ", r = " + r.value("r") + ", K = " + r.value("K") + ", N0 = " + r.value("N0"));
        time("read " + b.rows + " x 3, 17 digits", b::readCsv);
        time("read " + b.rows + " x 3, 6 digits", b::readCsvSixDigits);
        time("read " + b.rows + " x 2, logistic", b::readLogisticCsv);
        time("one loss and Jacobian", b::lossAndJacobian);
        time("set up the calibration", () -> b.calibrator().objective());
        time("whole fit", b::fit);
        b.tearDown();
    }

    private static void time(String what, java.util.function.Supplier<?> run) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run.get();
            bestWall = Math.min(bestWall, System.nanoTime() - t0);
            bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
        }
        System.out.printf(java.util.Locale.ROOT, "%-32s wall %8.1f ms   thread CPU %8.1f ms%n", what, bestWall / 1e6,
                bestCpu / 1e6);
    }
}
