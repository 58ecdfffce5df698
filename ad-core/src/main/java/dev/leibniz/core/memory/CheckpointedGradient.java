package dev.leibniz.core.memory;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import java.util.Arrays;

/**
 * Reverse mode with checkpointing: trade recomputation for memory.
 *
 * <p>The node list is cut into {@code k} contiguous segments of length {@code L = ⌈n/k⌉}. The
 * forward pass keeps only the <em>checkpoints</em> — values produced in one segment and used in
 * a later one — and works through each segment in one buffer of {@code L} values. The backward
 * pass goes through the segments from the last to the first: it recomputes the segment's
 * forward values from the checkpoints into the buffer, then backpropagates through the segment.
 * The last segment is still in the buffer after the forward pass and is not recomputed.
 *
 * <p>Cost, for a chain of {@code n} operations: peak storage {@code k + n/k} values instead of
 * {@code n}, smallest at {@code k = √n} (the default), i.e. {@code 2√n}; extra work one more
 * forward pass, {@code n − n/k} operations. (Recursive, multi-level checkpointing — Griewank's
 * binomial schedule — reaches {@code O(log n)} memory for {@code O(n log n)} work; one level is
 * the simple middle ground.) On graphs with long-range edges every value used across a boundary
 * is a checkpoint, so a value used in every segment costs one cell, not {@code k}.
 *
 * <p>Recomputation runs the same primitive code on the same arguments, so the gradients are bit
 * for bit those of {@code Program.gradient}. A plan is immutable; each call works in its own
 * arrays.
 */
public final class CheckpointedGradient {
    private final Tape t;
    private final int segmentLength;
    private final int segments;
    /** Checkpoint cell of each value used in a later segment, else -1. */
    private final int[] checkpoint;
    private final int checkpointCount;

    private CheckpointedGradient(Tape t, int requestedSegments) {
        this.t = t;
        int n = t.size;
        int k = Math.min(requestedSegments, n);
        this.segmentLength = (n + k - 1) / k;
        this.segments = (n + segmentLength - 1) / segmentLength;
        this.checkpoint = new int[n];
        Arrays.fill(checkpoint, -1);
        int cells = 0;
        for (int i = 0; i < n; i++) {
            if (!t.live[i]) {
                continue;
            }
            for (int j = 0, m = t.arity(i); j < m; j++) {
                int a = t.arg(i, j);
                if (!t.isConst[a] && segment(a) < segment(i) && checkpoint[a] < 0) {
                    checkpoint[a] = cells++;
                }
            }
        }
        this.checkpointCount = cells;
    }

    /** Plans with the default ⌈√n⌉ segments. */
    public static CheckpointedGradient plan(Graph g, int outputIndex) {
        Tape.requireScalar(g, "checkpointed gradients (CheckpointedGradient)");
        Tape t = Tape.of(g, outputIndex);
        return new CheckpointedGradient(t, (int) Math.ceil(Math.sqrt(t.size)));
    }

    /** Plans with (at most) the given number of segments; more segments than nodes are merged. */
    public static CheckpointedGradient plan(Graph g, int outputIndex, int segments) {
        if (segments < 1) {
            throw new GraphException("checkpointing needs at least 1 segment, got " + segments);
        }
        Tape.requireScalar(g, "checkpointed gradients (CheckpointedGradient)");
        return new CheckpointedGradient(Tape.of(g, outputIndex), segments);
    }

    /** Number of segments actually used. */
    public int segments() {
        return segments;
    }

    /** Number of values stored as checkpoints by the forward pass. */
    public int checkpointCount() {
        return checkpointCount;
    }

    private int segment(int node) {
        return node / segmentLength;
    }

    /** Value and gradient at {@code inputs} with the default subgradient policy. */
    public Gradient gradient(double... inputs) {
        return run(Subgradients.DEFAULT, inputs).gradient();
    }

    /** Value, gradient and memory report at {@code inputs}. */
    public MeteredGradient run(Subgradients policy, double... inputs) {
        Tape.checkPolicy(policy);
        t.checkInputs(inputs);
        double[] cp = new double[checkpointCount];
        double[] buf = new double[segmentLength];
        double[] x = new double[t.maxArity];
        double[] out = {t.isConst[t.output] ? t.param[t.output] : Double.NaN};
        long forwardOps = 0;
        for (int s = 0; s < segments; s++) {
            forwardOps += computeSegment(s, inputs, cp, buf, x, out, policy);
        }
        long recomputed = 0;
        double[] g = new double[t.size];
        g[t.output] = 1.0;
        for (int s = segments - 1; s >= 0; s--) {
            if (s < segments - 1) {
                recomputed += computeSegment(s, inputs, cp, buf, x, out, policy);
            }
            int start = s * segmentLength;
            for (int i = Math.min(t.size, start + segmentLength) - 1; i >= start; i--) {
                if (!t.swept[i]) {
                    continue;
                }
                for (int k = 0, m = t.arity(i); k < m; k++) {
                    x[k] = read(t.arg(i, k), start, cp, buf);
                }
                t.backwardStep(i, x, buf[i - start], g, policy);
            }
        }
        MemoryReport report = new MemoryReport("checkpointed", (long) checkpointCount + segmentLength,
                forwardOps, recomputed, segments);
        return new MeteredGradient(t.gradient(out[0], g), report);
    }

    /** Evaluates the live nodes of segment {@code s} into the buffer; returns the operations run. */
    private long computeSegment(int s, double[] inputs, double[] cp, double[] buf, double[] x, double[] out,
                                Subgradients policy) {
        int start = s * segmentLength;
        int end = Math.min(t.size, start + segmentLength);
        long ops = 0;
        for (int i = start; i < end; i++) {
            if (!t.live[i] || t.isConst[i]) {
                continue;
            }
            for (int k = 0, m = t.arity(i); k < m; k++) {
                x[k] = read(t.arg(i, k), start, cp, buf);
            }
            double y = t.apply(i, x, inputs, policy);
            ops += t.isOperation(i) ? 1 : 0;
            buf[i - start] = y;
            if (checkpoint[i] >= 0) {
                cp[checkpoint[i]] = y;
            }
            if (i == t.output) {
                out[0] = y;
            }
        }
        return ops;
    }

    /** A value inside segment {@code [start, …)}: a constant, from the buffer, or a checkpoint. */
    private double read(int a, int start, double[] cp, double[] buf) {
        return t.isConst[a] ? t.param[a] : a >= start ? buf[a - start] : cp[checkpoint[a]];
    }
}
