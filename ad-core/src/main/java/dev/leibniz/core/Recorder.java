package dev.leibniz.core;

import dev.leibniz.core.compile.internal.TapeSweep;
import dev.leibniz.core.prim.TensorArgs;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

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
        return List.copyOf(tape.inputNames());
    }

    /** Forgets the recording but keeps the arrays, so the next recording allocates nothing. */
    public void clear() {
        tape.clear();
    }

    /**
     * Gradient of {@code loss} (a scalar, or a 1×1 matrix) with respect to every parameter,
     * scalar or matrix, by one backward sweep over the tape. Parameters with no recorded path to
     * {@code loss} are absent.
     */
    public Gradient gradient(Var loss) {
        if (loss == null || loss.graph != tape) {
            throw new GraphException("the loss was not recorded by this recorder");
        }
        if (tape.hasMatrices()) {
            return sweepsCompactTensors() ? tensorGradient(loss) : matrixGradient(loss);
        }
        sweep(loss);
        int n = tape.size();
        String[] names = tape.inputNames().toArray(new String[0]);
        double[] g = new double[tape.inputCount()];
        boolean[] present = new boolean[g.length];
        for (int k = 0; k < g.length; k++) {
            int node = tape.inputNode(k);
            present[k] = node < n && reach[node];
            g[k] = present[k] ? adjoints[node] : 0.0;
        }
        return new Gradient(loss.value(), names, g, present);
    }

    /**
     * Value of {@code loss} and its gradient written into {@code gradient}, allocating nothing once
     * the recorder's arrays have grown: the fast path for training loops and benchmarks. The array
     * holds every parameter's elements in declaration order (one entry for a scalar parameter, the
     * row-major elements of a matrix or vector parameter); parameters with no recorded path to the
     * loss are absent and their entries 0 (use {@link #gradient} to tell absent from zero).
     */
    public double valueAndGradient(Var loss, double[] gradient) {
        if (loss == null || loss.graph != tape) {
            throw new GraphException("the loss was not recorded by this recorder");
        }
        if (tape.hasMatrices()) {
            return tensorValueAndGradient(loss, gradient);
        }
        int inputs = tape.inputCount();
        if (gradient == null || gradient.length != inputs) {
            throw new GraphException("the gradient array needs one entry per parameter (" + inputs + "), got "
                    + (gradient == null ? "null" : gradient.length));
        }
        sweep(loss);
        int n = tape.size();
        for (int k = 0; k < gradient.length; k++) {
            int node = tape.inputNode(k);
            gradient[k] = node < n && reach[node] ? adjoints[node] : 0.0;
        }
        return tape.values[loss.id];
    }

    /** One backward sweep from {@code loss} over the tape, into the recorder's own arrays. */
    private void sweep(Var loss) {
        int n = tape.size();
        if (adjoints.length < n) {
            adjoints = new double[tape.capacity()];
            reach = new boolean[tape.capacity()];
        } else {
            java.util.Arrays.fill(adjoints, 0, n, 0.0);
            java.util.Arrays.fill(reach, 0, n, false);
        }
        adjoints[loss.id] = 1.0;
        reach[loss.id] = true;
        if (options.detectAnomalies()) {
            tape.expand();       // the reference sweeps read the general layout
        }
        if (tape.compact) {
            TapeSweep.INSTANCE.backward(n, tape.slotEnd, tape.ops8, tape.argPool, tape.constPool, tape.values,
                    adjoints, reach, options.policy(), scratch);
            return;
        }
        Engine.Nodes nodes = new Engine.Nodes(n, tape.op, tape.argStart, tape.argPool, tape.constPool);
        if (options.detectAnomalies()) {
            // the forward pass ran while recording; find its first non-finite value now
            Engine.checkForwardValues(nodes, tape.values);
        }
        Engine.backward(nodes, tape.values, adjoints, reach, options, scratch);
    }

    /** The recorded operations as an immutable graph with the given output. */
    public Graph toGraph(String outputName, Var output) {
        return tape.build(outputName, output);
    }

    // ---------------------------------------------------------------- matrices

    private double[][] tensorAdjoints = new double[0][];

    /**
     * A block of {@code values.length} differentiable parameters declared at once, as one n×1
     * column vector (one tape entry, one array copy): the form vectorized code is written against
     * ({@code x.sliceRows(1, n)}, {@code x.square().sumAll()}). Its gradient is one array
     * ({@link Gradient#array(String)}, or its span of {@link #valueAndGradient}).
     */
    public Var parameter(String name, double[] values) {
        if (values == null) {
            throw new GraphException("parameter '" + name + "' needs values");
        }
        if (values.length == 0) {
            throw new GraphException("parameter '" + name + "' needs at least one value");
        }
        return tape.input(name, values, new Shape(values.length, 1));
    }

    /** A differentiable matrix parameter with its current row-major values. */
    public Var parameter(String name, double[] values, Shape shape) {
        return tape.input(name, values, shape);
    }

    /** A differentiable matrix parameter with the values of an EJML matrix (copied). */
    public Var parameter(String name, DMatrixRMaj value) {
        return tape.input(name, java.util.Arrays.copyOf(value.data, value.getNumElements()),
                new Shape(value.numRows, value.numCols));
    }

    /** A constant matrix (data): no gradient flows to it. */
    public Var constant(double[] values, Shape shape) {
        return tape.constant(values, shape);
    }

    /** A constant matrix with the values of an EJML matrix (copied). */
    public Var constant(DMatrixRMaj value) {
        return tape.constant(java.util.Arrays.copyOf(value.data, value.getNumElements()),
                new Shape(value.numRows, value.numCols));
    }

    // ---------------------------------------------------------------- matrices on the compact tape

    private final TensorTapeSweep tensorSweep = new TensorTapeSweep();

    /** Whether a recording with matrices is swept on its compact tape (else: the general layout, for anomaly detection). */
    private boolean sweepsCompactTensors() {
        return tape.compact && !options.detectAnomalies();
    }

    /** One sweep of a compact recording with matrices from the scalar {@code loss}. */
    private void tensorSweep(Var loss) {
        Shape ls = tape.shapeOf(loss.id);
        if (!ls.isScalar()) {
            throw new GraphException("the loss is a " + ls + " matrix; a gradient needs a scalar loss (sum or average it)");
        }
        int n = tape.size();
        tape.shapes.flush();
        if (adjoints.length < n) {
            adjoints = new double[tape.capacity()];
            reach = new boolean[tape.capacity()];
        } else {
            java.util.Arrays.fill(adjoints, 0, n, 0.0);
            java.util.Arrays.fill(reach, 0, n, false);
        }
        tensorSweep.backward(tape, loss.id, adjoints, reach, options.policy());
    }

    private Gradient tensorGradient(Var loss) {
        tensorSweep(loss);
        String[] names = tape.inputNames().toArray(new String[0]);
        Shape[] inShapes = new Shape[names.length];
        double[][] g = new double[names.length][];
        boolean[] present = new boolean[names.length];
        for (int k = 0; k < g.length; k++) {
            int node = tape.inputNode(k);
            inShapes[k] = tape.shapeOf(node);
            present[k] = reach[node];
            int size = inShapes[k].size();
            g[k] = new double[size];
            if (present[k]) {
                System.arraycopy(tensorSweep.adjointOf(tape, node, adjoints), tape.offsetOf(node), g[k], 0, size);
            }
        }
        return new Gradient(tape.values[loss.id], names, inShapes, g, present);
    }

    private double tensorValueAndGradient(Var loss, double[] gradient) {
        int inputs = tape.inputCount();
        int total = 0;
        for (int k = 0; k < inputs; k++) {
            total += tape.shapeOf(tape.inputNode(k)).size();
        }
        if (gradient == null || gradient.length != total) {
            throw new GraphException("the gradient array needs one entry per parameter element (" + total + "), got "
                    + (gradient == null ? "null" : gradient.length));
        }
        if (!sweepsCompactTensors()) {
            Gradient g = matrixGradient(loss);
            for (int k = 0, at = 0; k < g.size(); k++) {
                double[] a = g.array(k);
                System.arraycopy(a, 0, gradient, at, a.length);
                at += a.length;
            }
            return g.value();
        }
        tensorSweep(loss);
        for (int k = 0, at = 0; k < inputs; k++) {
            int node = tape.inputNode(k);
            int size = tape.shapeOf(node).size();
            if (reach[node]) {
                System.arraycopy(tensorSweep.adjointOf(tape, node, adjoints), tape.offsetOf(node), gradient, at, size);
            } else {
                java.util.Arrays.fill(gradient, at, at + size, 0.0);
            }
            at += size;
        }
        return tape.values[loss.id];
    }

    /** {@link #gradient(Var)} of a recording with matrix nodes, by the {@link TensorEngine} sweep. */
    private Gradient matrixGradient(Var loss) {
        Shape ls = tape.shapeOf(loss.id);
        if (!ls.isScalar()) {
            throw new GraphException("the loss is a " + ls + " matrix; a gradient needs a scalar loss (sum or average it)");
        }
        tape.expand();           // the tensor sweep reads the general layout
        int n = tape.size();
        prepareTensorAdjoints(n);
        TensorEngine.Blocks b = blocks(n);
        Engine.Nodes nodes = new Engine.Nodes(n, tape.op, tape.argStart, tape.argPool, tape.constPool);
        boolean[] active = active(nodes, n);
        adjoints[loss.id] = 1.0;
        reach[loss.id] = true;
        TensorEngine.backward(nodes, b, reach, active, options, new TensorArgs(3));
        return collect(loss, b);
    }

    /**
     * Makes the recorder's arrays cover the {@code n} recorded nodes, growing them to the tape's
     * capacity (so later recordings of the same size allocate nothing) or clearing the reached
     * flags of the ones kept.
     */
    private void prepareTensorAdjoints(int n) {
        if (adjoints.length < n) {
            adjoints = new double[tape.capacity()];
            reach = new boolean[tape.capacity()];
        } else {
            java.util.Arrays.fill(reach, 0, n, false);
        }
        if (tensorAdjoints.length < n) {
            tensorAdjoints = java.util.Arrays.copyOf(tensorAdjoints, tape.op.length);
        }
    }

    /**
     * Every node's value block (the tape's data and offset) and adjoint block: scalar nodes share
     * the flat {@code adjoints} array at their own index, a matrix node has its own array, kept
     * from the last sweep when its size still fits.
     */
    private TensorEngine.Blocks blocks(int n) {
        Shape[] shapes = new Shape[n];
        double[][] va = new double[n][];
        int[] vo = new int[n];
        double[][] ga = new double[n][];
        for (int i = 0; i < n; i++) {
            shapes[i] = tape.shapeOf(i);
            va[i] = tape.dataOf(i);
            vo[i] = tape.offsetOf(i);
            if (shapes[i].isScalar()) {
                ga[i] = adjoints;
            } else {
                double[] g = tensorAdjoints[i];
                ga[i] = g != null && g.length == shapes[i].size() ? g : (tensorAdjoints[i] = new double[shapes[i].size()]);
            }
        }
        return new TensorEngine.Blocks(shapes, va, vo, ga, vo);
    }

    /** The nodes that depend on a parameter; the sweep skips the adjoints of every other node. */
    private boolean[] active(Engine.Nodes nodes, int n) {
        boolean[] active = new boolean[n];
        for (int k = 0; k < tape.inputCount(); k++) {
            active[tape.inputNode(k)] = true;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0, m = nodes.arity(i); k < m && !active[i]; k++) {
                active[i] = active[tape.argPool[tape.argStart[i] + k]];
            }
        }
        return active;
    }

    /** Each parameter's gradient, copied out of its adjoint block; absent (and all zero) where the sweep did not reach it. */
    private Gradient collect(Var loss, TensorEngine.Blocks b) {
        String[] names = tape.inputNames().toArray(new String[0]);
        Shape[] inShapes = new Shape[tape.inputCount()];
        double[][] g = new double[inShapes.length][];
        boolean[] present = new boolean[inShapes.length];
        for (int k = 0; k < g.length; k++) {
            int node = tape.inputNode(k);
            Shape shape = b.shapes()[node];
            inShapes[k] = shape;
            present[k] = reach[node];
            g[k] = present[k] ? java.util.Arrays.copyOfRange(b.ga()[node], b.vo()[node], b.vo()[node] + shape.size())
                    : new double[shape.size()];
        }
        return new Gradient(tape.valueOf(loss), names, inShapes, g, present);
    }
}
