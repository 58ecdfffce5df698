package dev.leibniz.core;

import java.util.List;

/**
 * Dynamic (define-by-run) differentiation: ordinary Java code runs on {@link Var}s that carry
 * real values, and every operation is recorded on a compact tape as it happens. A Java
 * {@code if} on {@link Var#value()} takes one branch, and only that branch is recorded, so a
 * parameter used only in the other branch gets <em>no</em> gradient (absent), not a zero one.
 *
 * <pre>{@code
 * Recorder rec = new Recorder();
 * Var w = rec.parameter("w", 0.5);
 * Var loss = w.mul(3.0).sub(1.0).square();
 * Gradient g = rec.gradient(loss);   // g.get("w") = 2·(3w − 1)·3
 * }</pre>
 *
 * A recorder is not thread-safe; use one per thread. {@link #clear()} reuses its arrays.
 */
public final class Recorder {
    private final GraphBuilder tape;
    private final EvalOptions options;
    private double[] adjoints = new double[0];
    private boolean[] reach = new boolean[0];
    private final double[] scratch = new double[16];

    public Recorder() {
        this(EvalOptions.DEFAULT);
    }

    public Recorder(EvalOptions options) {
        if (options == null) {
            throw new LeibnizException("evaluation options must not be null");
        }
        this.options = options;
        this.tape = GraphBuilder.recording(options.policy());
    }

    /** A differentiable parameter with its current value. */
    public Var parameter(String name, double value) {
        return tape.input(name, value);
    }

    /** A constant: no gradient flows to it. */
    public Var constant(double value) {
        return tape.constant(value);
    }

    /** Number of operations recorded. */
    public int size() {
        return tape.size();
    }

    /** Bytes of tape in use for the recorded operations (op codes, arguments, constants, values). */
    public long tapeBytes() {
        return tape.tapeBytes();
    }

    /** Names of the parameters, in declaration order. */
    public List<String> parameterNames() {
        return tape.inputs().nameList();
    }

    /** Forgets the recording but keeps the arrays, so the next recording allocates nothing. */
    public void clear() {
        tape.clear();
    }

    /**
     * Gradient of {@code loss} with respect to every parameter, by one backward sweep over the
     * tape. Parameters with no recorded path to {@code loss} are absent.
     */
    public Gradient gradient(Var loss) {
        int n = backwardFrom(loss);
        InputNames in = tape.inputs();
        String[] names = in.names();
        double[] g = new double[in.count()];
        boolean[] present = new boolean[in.count()];
        for (int k = 0; k < g.length; k++) {
            int node = in.node(k);
            present[k] = node < n && reach[node];
            g[k] = present[k] ? adjoints[node] : 0.0;
        }
        return new Gradient(loss.value(), names, g, present);
    }

    /** The recorded operations as an immutable graph with the given output. */
    public Graph toGraph(String outputName, Var output) {
        return tape.build(outputName, output);
    }

    /**
     * Value of {@code loss}, with its gradient written into {@code gradient} (one entry per
     * parameter, in declaration order; 0 for a parameter with no path to the loss). The
     * allocation-free form of {@link #gradient(Var)} for training loops; it cannot tell absent
     * from zero, so use {@link #gradient(Var)} where that matters.
     */
    public double valueAndGradient(Var loss, double[] gradient) {
        InputNames in = tape.inputs();
        if (gradient == null || gradient.length != in.count()) {
            throw new GraphException("gradient array has length " + (gradient == null ? "null" : gradient.length)
                    + ", the recording has " + in.count() + " parameters");
        }
        int n = backwardFrom(loss);
        for (int k = 0; k < gradient.length; k++) {
            int node = in.node(k);
            gradient[k] = node < n && reach[node] ? adjoints[node] : 0.0;
        }
        return loss.value();
    }

    /** One backward sweep from {@code loss} into {@link #adjoints}; returns the tape size. */
    private int backwardFrom(Var loss) {
        if (loss == null || loss.graph != tape) {
            throw new GraphException("the loss was not recorded by this recorder");
        }
        int n = tape.size();
        if (adjoints.length < n) {
            adjoints = new double[Math.max(n, 2 * adjoints.length)];
            reach = new boolean[adjoints.length];
        } else {
            java.util.Arrays.fill(adjoints, 0, n, 0.0);
            java.util.Arrays.fill(reach, 0, n, false);
        }
        adjoints[loss.id] = 1.0;
        reach[loss.id] = true;
        RecordingTape recording = tape.recordingTape();
        if (options.detectAnomalies()) {
            // the forward pass ran while recording: find its first non-finite value, then run the
            // reference loops, which check every adjoint
            Engine.Nodes nodes = recording.toNodes();
            Engine.checkForwardValues(nodes, recording.values);
            Engine.backward(nodes, recording.values, adjoints, reach, options, scratch);
        } else {
            FastEngine.backward(recording, adjoints, reach, options.policy(), scratch);
        }
        return n;
    }
}
