package dev.leibniz.forward;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Program;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Forward vs reverse mode for one graph at one point, counted and measured: the sweeps each
 * mode needs for the full Jacobian, the operations of one sweep ({@link CostModel}), and the
 * measured time of a full Jacobian by {@link Jacobians#jacobianForward} and
 * {@link Jacobians#jacobianReverse}. {@link #recommended()} is the mode that was measured
 * faster — counts predict, the measurement decides.
 *
 * <pre>{@code
 * ModeCost cost = ModeCost.measure(graph, x);
 * System.out.println(cost);            // a table
 * Mode mode = cost.recommended();
 * }</pre>
 *
 * <p>The timing is a quick, honest estimate for a user deciding between modes: programs are
 * prepared outside the timed region, a few untimed warm-up batches run first, batches are long
 * enough for the clock's resolution, the two modes alternate so that drift hits both, and the
 * best batch counts. It is not a benchmark; the JMH benchmarks measure precisely.
 */
public final class ModeCost {
    /**
     * How to time: untimed warm-up batches, timed batches (the best one counts) and the least
     * duration of a batch (a batch repeats the Jacobian until it lasts that long).
     */
    public record Timing(int warmups, int repetitions, long minBatchNanos) {
        /** 5 warm-ups, best of 7 batches of at least 2 ms. */
        public static final Timing DEFAULT = new Timing(5, 7, 2_000_000L);

        public Timing {
            if (warmups < 0 || repetitions < 1 || minBatchNanos < 0) {
                throw new LeibnizException("timing needs warmups >= 0, repetitions >= 1 and minBatchNanos >= 0, got "
                        + warmups + ", " + repetitions + ", " + minBatchNanos);
            }
        }
    }

    private final CostModel counts;
    private final double forwardNanos;
    private final double reverseNanos;

    private ModeCost(CostModel counts, double forwardNanos, double reverseNanos) {
        this.counts = counts;
        this.forwardNanos = forwardNanos;
        this.reverseNanos = reverseNanos;
    }

    /** Classic scalar forward mode (one lane), default timing. */
    public static ModeCost measure(Graph g, double[] x) {
        return measure(g, x, 1, Timing.DEFAULT);
    }

    /** Forward mode with k = {@code lanes} directions per sweep. */
    public static ModeCost measure(Graph g, double[] x, int lanes, Timing timing) {
        if (g == null) {
            throw new GraphException("cannot measure the cost of a null graph");
        }
        if (timing == null) {
            throw new LeibnizException("timing must not be null");
        }
        CostModel counts = CostModel.of(g, lanes);
        ForwardProgram fp = ForwardProgram.prepare(g, lanes);
        TangentLanes ws = fp.newWorkspace();
        Program rp = g.compile();
        DMatrixRMaj outF = new DMatrixRMaj(g.outputCount(), g.inputCount());
        DMatrixRMaj outR = new DMatrixRMaj(g.outputCount(), g.inputCount());
        Runnable forward = () -> Jacobians.jacobianForward(fp, ws, x, outF);
        Runnable reverse = () -> Jacobians.jacobianReverse(rp, x, EvalOptions.DEFAULT, outR);
        forward.run(); // fails fast on a bad point, before any timing
        reverse.run();
        int batchF = batchSize(forward, timing.minBatchNanos());
        int batchR = batchSize(reverse, timing.minBatchNanos());
        for (int w = 0; w < timing.warmups(); w++) {
            time(forward, batchF);
            time(reverse, batchR);
        }
        double bestF = Double.POSITIVE_INFINITY;
        double bestR = Double.POSITIVE_INFINITY;
        for (int r = 0; r < timing.repetitions(); r++) {
            bestF = Math.min(bestF, time(forward, batchF) / batchF);
            bestR = Math.min(bestR, time(reverse, batchR) / batchR);
        }
        return new ModeCost(counts, bestF, bestR);
    }

    /** Repetitions of {@code r} that last at least {@code minNanos}, doubling from 1. */
    private static int batchSize(Runnable r, long minNanos) {
        int batch = 1;
        while (batch < (1 << 24) && time(r, batch) < minNanos) {
            batch *= 2;
        }
        return batch;
    }

    private static double time(Runnable r, int batch) {
        long t0 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            r.run();
        }
        return System.nanoTime() - t0;
    }

    /** The operation counts behind the report. */
    public CostModel counts() {
        return counts;
    }

    public long forwardSweeps() {
        return counts.forwardSweeps();
    }

    public long reverseSweeps() {
        return counts.reverseSweeps();
    }

    /** Best measured time of one full Jacobian by forward mode, in nanoseconds. */
    public double forwardNanos() {
        return forwardNanos;
    }

    /** Best measured time of one full Jacobian by reverse mode, in nanoseconds. */
    public double reverseNanos() {
        return reverseNanos;
    }

    /** The mode measured faster; on an exact tie, the one the operation counts predict. */
    public Mode recommended() {
        if (forwardNanos != reverseNanos) {
            return forwardNanos < reverseNanos ? Mode.FORWARD : Mode.REVERSE;
        }
        return counts.predicted();
    }

    /** The readable table: sweeps, operations per sweep and in total, measured times, recommendation. */
    @Override
    public String toString() {
        CostModel c = counts;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "forward vs reverse mode: n = %d input%s, m = %d output%s, %d nodes%n",
                c.inputs(), c.inputs() == 1 ? "" : "s", c.outputs(), c.outputs() == 1 ? "" : "s", c.nodes()));
        String fwd = "forward (k = " + c.lanes() + ")";
        row(sb, "", fwd, "reverse");
        row(sb, "sweeps for the Jacobian", count(c.forwardSweeps()), count(c.reverseSweeps()));
        row(sb, "nodes scanned per sweep", count(c.nodes()), count(c.nodes()));
        row(sb, "nodes differentiated per sweep", count(c.forwardNodesPerSweep()), count(c.reverseNodesPerSweep()));
        row(sb, "partials per sweep", count(c.forwardPartialsPerSweep()), count(c.reversePartialsPerSweep()));
        row(sb, "multiply-adds per sweep", count((long) c.forwardPartialsPerSweep() * c.lanes()),
                count(c.reversePartialsPerSweep()));
        row(sb, "operations per sweep", count(c.forwardOpsPerSweep()), count(c.reverseOpsPerSweep()));
        row(sb, "operations, full Jacobian", count(c.forwardOpsTotal()), count(c.reverseOpsTotal()));
        row(sb, "measured time, full Jacobian", duration(forwardNanos), duration(reverseNanos));
        Mode rec = recommended();
        double measured = rec == Mode.FORWARD ? reverseNanos / forwardNanos : forwardNanos / reverseNanos;
        double predicted = rec == Mode.FORWARD ? (double) c.reverseOpsTotal() / c.forwardOpsTotal()
                : (double) c.forwardOpsTotal() / c.reverseOpsTotal();
        sb.append(String.format(Locale.ROOT, "recommended: %s (measured %.1fx faster; operation counts predict %.1fx)%n",
                rec, measured, predicted));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, String forward, String reverse) {
        sb.append(String.format(Locale.ROOT, "  %-30s %16s %16s%n", label, forward, reverse));
    }

    private static String count(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String duration(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
