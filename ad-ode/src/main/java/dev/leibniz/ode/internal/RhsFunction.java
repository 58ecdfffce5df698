package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.JacobianStrategy;

/**
 * The right-hand side f(t, y, p) of one solve, compiled once: values, JVPs (sensitivities),
 * VJPs (adjoints) and ∂f/∂y, all into caller-owned arrays at fixed parameters, allocating nothing
 * per call. Not thread-safe: every solve makes its own.
 *
 * <p>{@code source[j]} says what graph input j is: −1 for t, {@code i < n} for state i,
 * {@code n + q} for parameter q.
 */
public final class RhsFunction {
    private final Graph graph;
    private final Tape tape;
    private final int[] source;
    private final int n;
    private final int p;
    private final double[] params;
    private final Counters counters;
    private final double[] in;
    private final double[] v;
    private final double[] g;
    private final double[] inAdj;
    private final double[] scratch;
    private final double[] outBuf;
    private final int[] stateInputs;
    private final JacobianStrategy jacobianStrategy;
    private JacobianStrategy.Evaluator jacobian;
    private double[] inDot = new double[0];
    private double[] dot = new double[0];
    private double[] outDot = new double[0];

    public RhsFunction(Graph graph, int[] source, int n, int p, double[] params, JacobianStrategy jacobian,
                       Counters counters) {
        this.graph = graph;
        this.tape = new Tape(graph);
        this.source = source.clone();
        this.n = n;
        this.p = p;
        this.params = params.clone();
        this.counters = counters;
        this.jacobianStrategy = jacobian;
        in = new double[source.length];
        v = new double[tape.size()];
        g = new double[tape.size()];
        inAdj = new double[source.length];
        scratch = tape.newScratch();
        outBuf = new double[n];
        stateInputs = new int[n];
        java.util.Arrays.fill(stateInputs, -1);
        for (int j = 0; j < source.length; j++) {
            if (source[j] >= 0 && source[j] < n) {
                stateInputs[source[j]] = j;
            } else if (source[j] >= n) {
                in[j] = params[source[j] - n];
            }
        }
    }

    public int stateCount() {
        return n;
    }

    public int parameterCount() {
        return p;
    }

    public Counters counters() {
        return counters;
    }

    private void load(double t, double[] y, int yOff) {
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            if (s < 0) {
                in[j] = t;
            } else if (s < n) {
                in[j] = y[yOff + s];
            }
        }
    }

    /** dy[dyOff..] = f(t, y[yOff..]). */
    public void eval(double t, double[] y, int yOff, double[] dy, int dyOff) {
        counters.rhsEvaluations++;
        load(t, y, yOff);
        tape.forward(in, v, scratch);
        tape.outputs(v, outBuf);
        System.arraycopy(outBuf, 0, dy, dyOff, n);
    }

    private void ensureLanes(int lanes) {
        if (inDot.length < source.length * lanes) {
            inDot = new double[source.length * lanes];
            dot = new double[tape.size() * lanes];
            outDot = new double[n * lanes];
        }
    }

    /**
     * Value and sensitivity right-hand side of the augmented state {@code u = [y, S]} with S
     * row-major n × lanes: {@code du = [f, ∂f/∂y · S + ∂f/∂p · E]}, where E puts parameter q in lane
     * q for {@code q < paramLanes} (later lanes have no explicit parameter dependence). One
     * evaluation of f plus one tangent sweep with {@code lanes} lanes.
     */
    public void sensitivity(double t, double[] u, double[] du, int lanes, int paramLanes) {
        counters.rhsEvaluations++;
        counters.jvpEvaluations++;
        ensureLanes(lanes);
        load(t, u, 0);
        tape.forward(in, v, scratch);
        tape.outputs(v, outBuf);
        System.arraycopy(outBuf, 0, du, 0, n);
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            int o = j * lanes;
            if (s < 0) {
                java.util.Arrays.fill(inDot, o, o + lanes, 0.0);
            } else if (s < n) {
                System.arraycopy(u, n + s * lanes, inDot, o, lanes);
            } else {
                java.util.Arrays.fill(inDot, o, o + lanes, 0.0);
                int q = s - n;
                if (q < paramLanes) {
                    inDot[o + q] = 1.0;
                }
            }
        }
        Tangents.jvp(tape, v, inDot, lanes, dot, scratch);
        Tangents.outputs(tape, dot, lanes, outDot);
        System.arraycopy(outDot, 0, du, n, n * lanes);
    }

    /**
     * Vector–Jacobian product at (t, y): {@code yBar += (∂f/∂y)ᵀ w}, {@code pBar += (∂f/∂p)ᵀ w}
     * ({@code pBar} may be null). One evaluation of f plus one reverse sweep.
     */
    public void vjp(double t, double[] y, int yOff, double[] w, int wOff, double[] yBar, int yBarOff, double[] pBar,
                    int pBarOff) {
        counters.vjpEvaluations++;
        load(t, y, yOff);
        tape.forward(in, v, scratch);
        System.arraycopy(w, wOff, outBuf, 0, n);
        tape.backward(v, outBuf, g, inAdj, scratch);
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            if (s >= 0 && s < n) {
                yBar[yBarOff + s] += inAdj[j];
            } else if (s >= n && pBar != null) {
                pBar[pBarOff + s - n] += inAdj[j];
            }
        }
    }

    /** Row-major ∂f/∂y at (t, y) by the configured {@link JacobianStrategy}. */
    public void jacobian(double t, double[] y, int yOff, double[] jac) {
        if (jacobian == null) {
            jacobian = jacobianStrategy.prepare(graph, stateInputs);
        }
        counters.jacobianEvaluations++;
        load(t, y, yOff);
        jacobian.jacobian(in, jac);
    }

    /** ∂f/∂t at (t, y): one tangent sweep with the single lane on t (zero when f does not read t). */
    public void timeDerivative(double t, double[] y, int yOff, double[] out, int outOff) {
        counters.jvpEvaluations++;
        ensureLanes(1);
        load(t, y, yOff);
        tape.forward(in, v, scratch);
        for (int j = 0; j < source.length; j++) {
            inDot[j] = source[j] < 0 ? 1.0 : 0.0;
        }
        Tangents.jvp(tape, v, inDot, 1, dot, scratch);
        Tangents.outputs(tape, dot, 1, outDot);
        System.arraycopy(outDot, 0, out, outOff, n);
    }
}
