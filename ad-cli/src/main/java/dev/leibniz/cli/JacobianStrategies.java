package dev.leibniz.cli;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Program;
import dev.leibniz.forward.CostModel;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.Jacobians;
import dev.leibniz.forward.ModeCost;
import dev.leibniz.forward.TangentLanes;
import dev.leibniz.sparse.BidirectionalColoring;
import dev.leibniz.sparse.BidirectionalJacobian;
import dev.leibniz.sparse.Coloring;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.GreedyColoring;
import dev.leibniz.sparse.SparseJacobian;
import dev.leibniz.sparse.SparsityDetector;
import dev.leibniz.sparse.SparsityPattern;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The four ways to compute a full Jacobian J (m outputs × n inputs), measured side by side on one
 * graph at one point:
 *
 * <ul>
 *   <li><b>dense forward</b>: n JVPs, one per input (16 tangent lanes per sweep);</li>
 *   <li><b>dense reverse</b>: m VJPs, one per output;</li>
 *   <li><b>colored forward</b>: one JVP per color of a column coloring (columns that share no row
 *       are seeded together, J·S, then decompressed);</li>
 *   <li><b>colored reverse</b>: one VJP per color of a row coloring (Sᵀ·J);</li>
 *   <li><b>bidirectional</b>: column colors for a forward sweep and row colors for a reverse
 *       sweep, each nonzero read from one of them (ad-sparse {@link BidirectionalColoring}); it
 *       pays when the pattern has dense rows and dense columns (an arrow-head: 3 sweeps where
 *       either side alone needs n).</li>
 * </ul>
 *
 * <p>For each: the sweeps (JVP or VJP directions), the counted operations (directions × the
 * operations of one direction, {@link CostModel}), the best measured time of one full Jacobian,
 * and the memory it takes: bytes allocated while preparing it (program, workspaces, result
 * matrix) and per evaluation, read from the JVM's per-thread allocation counter. The
 * recommendation is the strategy measured fastest; counts predict, the clock decides.
 *
 * <p>Dense strategies are skipped when the dense result would
 * exceed {@link #DENSE_LIMIT} entries (32 MB), colored ones when the graph has matrix nodes.
 */
final class JacobianStrategies {
    private JacobianStrategies() {
    }

    /** Largest dense Jacobian (entries) that is measured: 4 Mi doubles = 32 MB. */
    static final long DENSE_LIMIT = 1L << 22;

    /** Tangent lanes per forward sweep of the dense forward strategy (as in SparseJacobian). */
    static final int LANES = 16;

    /** A way to compute the Jacobian. */
    enum Strategy {
        DENSE_FORWARD("dense forward"), DENSE_REVERSE("dense reverse"),
        COLORED_FORWARD("colored forward"), COLORED_REVERSE("colored reverse"), BIDIRECTIONAL("bidirectional");

        final String label;

        Strategy(String label) {
            this.label = label;
        }
    }

    /**
     * One strategy's figures; {@code skipped} says why it was not measured (then the numbers are
     * NaN or -1). {@code reverseSweeps}: of the sweeps, how many are VJPs (the rest JVPs).
     */
    record Result(Strategy strategy, long sweeps, double operations, double nanos, long preparedBytes,
                  long bytesPerJacobian, String skipped, long reverseSweeps) {
        boolean measured() {
            return skipped == null;
        }

        /** Whether it works from a coloring (not one sweep per input or output). */
        boolean colored() {
            return strategy == Strategy.COLORED_FORWARD || strategy == Strategy.COLORED_REVERSE
                    || strategy == Strategy.BIDIRECTIONAL;
        }
    }

    /** Measures every strategy that applies to {@code g} at {@code x}. */
    static List<Result> measure(Graph g, double[] x, ModeCost.Timing timing) {
        CostModel c = CostModel.of(g, 1);
        int n = g.inputCount();
        int m = g.outputCount();
        List<Result> results = new ArrayList<>();
        boolean denseFits = (long) n * m <= DENSE_LIMIT;
        String tooBig = String.format(Locale.ROOT, "skipped: the dense %d × %d Jacobian exceeds %d entries", m, n, DENSE_LIMIT);
        if (denseFits) {
            long a0 = allocated();
            ForwardProgram fp = ForwardProgram.prepare(g, LANES);
            TangentLanes ws = fp.newWorkspace();
            DMatrixRMaj outF = new DMatrixRMaj(m, n);
            long prepared = allocated() - a0;
            results.add(time(Strategy.DENSE_FORWARD, n, (double) n * c.forwardOpsPerSweep(), prepared,
                    () -> Jacobians.jacobianForward(fp, ws, x, outF), timing));
            a0 = allocated();
            Program rp = g.compile();
            DMatrixRMaj outR = new DMatrixRMaj(m, n);
            prepared = allocated() - a0;
            results.add(time(Strategy.DENSE_REVERSE, m, m * c.reverseOpsPerSweep(), prepared,
                    () -> Jacobians.jacobianReverse(rp, x, EvalOptions.DEFAULT, outR), timing));
        } else {
            results.add(skipped(Strategy.DENSE_FORWARD, n, (double) n * c.forwardOpsPerSweep(), tooBig));
            results.add(skipped(Strategy.DENSE_REVERSE, m, m * c.reverseOpsPerSweep(), tooBig));
        }
        SparsityPattern pattern;
        try {
            pattern = SparsityDetector.jacobian(g);
        } catch (LeibnizException e) {
            results.add(skipped(Strategy.COLORED_FORWARD, -1, Double.NaN, "skipped: " + e.getMessage()));
            results.add(skipped(Strategy.COLORED_REVERSE, -1, Double.NaN, "skipped: " + e.getMessage()));
            results.add(skipped(Strategy.BIDIRECTIONAL, -1, Double.NaN, "skipped: " + e.getMessage()));
            return results;
        }
        results.add(colored(Strategy.COLORED_FORWARD, g, pattern, Direction.COLUMNS, c.forwardOpsPerSweep(), x, timing));
        results.add(colored(Strategy.COLORED_REVERSE, g, pattern, Direction.ROWS, c.reverseOpsPerSweep(), x, timing));
        results.add(bidirectional(g, pattern, c, x, timing));
        return results;
    }

    /** The strategy measured fastest. */
    static Optional<Result> recommended(List<Result> results) {
        return results.stream().filter(Result::measured).min(Comparator.comparingDouble(Result::nanos));
    }

    private static Result colored(Strategy s, Graph g, SparsityPattern pattern, Direction d, double opsPerSweep,
                                  double[] x, ModeCost.Timing timing) {
        try {
            long a0 = allocated();
            Coloring coloring = GreedyColoring.best(pattern, d);
            SparseJacobian jac = SparseJacobian.prepare(g, pattern, coloring);
            DMatrixSparseCSC out = jac.evaluate(x);
            long prepared = allocated() - a0;
            return time(s, jac.sweeps(), jac.sweeps() * opsPerSweep, prepared, () -> jac.evaluate(x, out), timing);
        } catch (LeibnizException e) {
            return skipped(s, -1, Double.NaN, "skipped: " + e.getMessage());
        }
    }

    /** Forward sweeps over the column colors, reverse over the row colors of a bicoloring. */
    private static Result bidirectional(Graph g, SparsityPattern pattern, CostModel c, double[] x, ModeCost.Timing timing) {
        try {
            long a0 = allocated();
            BidirectionalColoring coloring = BidirectionalColoring.of(pattern);
            BidirectionalJacobian jac = BidirectionalJacobian.prepare(g, coloring);
            DMatrixSparseCSC out = jac.evaluate(x);
            long prepared = allocated() - a0;
            double ops = coloring.forwardSweeps() * c.forwardOpsPerSweep() + coloring.reverseSweeps() * c.reverseOpsPerSweep();
            Result r = time(Strategy.BIDIRECTIONAL, jac.sweeps(), ops, prepared, () -> jac.evaluate(x, out), timing);
            return new Result(r.strategy(), r.sweeps(), r.operations(), r.nanos(), r.preparedBytes(), r.bytesPerJacobian(),
                    null, coloring.reverseSweeps());
        } catch (LeibnizException e) {
            return skipped(Strategy.BIDIRECTIONAL, -1, Double.NaN, "skipped: " + e.getMessage());
        }
    }

    private static Result skipped(Strategy s, long sweeps, double ops, String why) {
        return new Result(s, sweeps, ops, Double.NaN, -1, -1, why, s == Strategy.DENSE_REVERSE || s == Strategy.COLORED_REVERSE ? sweeps : 0);
    }

    /**
     * Times {@code r} as {@link ModeCost} does: a first run that fails fast, batches long enough
     * for the clock, untimed warm-ups, then the best of the timed batches.
     */
    private static Result time(Strategy s, long sweeps, double ops, long prepared, Runnable r, ModeCost.Timing timing) {
        r.run();
        long a0 = allocated();
        long overhead = allocated() - a0; // what reading the counter itself allocates
        a0 = allocated();
        r.run();
        long perRun = Math.max(0, allocated() - a0 - overhead);
        int batch = 1;
        while (batch < (1 << 24) && batchNanos(r, batch) < timing.minBatchNanos()) {
            batch *= 2;
        }
        for (int w = 0; w < timing.warmups(); w++) {
            batchNanos(r, batch);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < timing.repetitions(); k++) {
            best = Math.min(best, batchNanos(r, batch) / batch);
        }
        boolean reverse = s == Strategy.DENSE_REVERSE || s == Strategy.COLORED_REVERSE;
        return new Result(s, sweeps, ops, best, prepared, perRun, null, reverse ? sweeps : 0);
    }

    private static double batchNanos(Runnable r, int batch) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            r.run();
        }
        return System.nanoTime() - t0;
    }

    /** Bytes this thread has allocated so far (HotSpot's counter; 0 where it is unavailable). */
    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }
}
