package dev.leibniz.core.compile;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.compile.internal.Kernel;
import dev.leibniz.core.compile.internal.KernelState;
import dev.leibniz.core.compile.internal.StraightLine;
import dev.leibniz.core.compile.internal.StraightLineReverse;
import java.util.Arrays;
import java.util.List;

/**
 * A graph compiled to JVM bytecode by {@link GraphCompiler}: the forward sweep and the reverse
 * (adjoint) sweep as generated straight-line code and loops over a {@code double[]} of node values.
 *
 * <p>It computes exactly what the interpreter ({@code Program} without anomaly detection)
 * computes, bit for bit: the same formulas, and every adjoint receives its contributions in the
 * same order. Like the interpreter, a node whose adjoint is exactly zero sends nothing to its
 * arguments, so an untaken {@code select} branch gets 0, not 0·∞. One difference, invisible in
 * gradients: adjoints of nodes that depend on no input are not accumulated (see {@link #backward}).
 *
 * <p>The gradient does not pay twice: one forward sweep that keeps the values private to a loop
 * iteration in registers, and one reverse sweep that recomputes them ({@code internal.CopyLocals}), with
 * the adjoint array left zero for the next call.
 *
 * <p>Thread safety: a compiled graph is immutable and may be shared; each thread needs its own
 * {@link Workspace}. With a workspace, {@link #valueAndGradient} and {@link #evaluate} allocate
 * nothing.
 */
public final class CompiledGraph {
    private final Graph graph;
    private final Kernel[] kernels;
    private final int maxArity;
    /** The node of input 0 when input k is node {@code firstInput + k} for every k (the usual case), else −1. */
    private final int firstInput;
    private final CompileStatistics statistics;
    /**
     * Whether the reverse sweep reads input values from {@code KernelState.inputs} and adds input
     * adjoints into {@code KernelState.gradient} (see {@code internal.CopyLocals.inputsReadDirectly}).
     */
    private final boolean directInputs;
    /** {@link #evaluateOutputs}'s generated method, made on first use; null when the graph gets none. */
    private volatile StraightLine straight;
    private volatile boolean straightTried;
    /** {@link #vjp}'s generated method, made on first use; null when the graph gets none. */
    private volatile StraightLineReverse reverse;
    private volatile boolean reverseTried;
    /** The places and the result (possibly null) of the last {@link #inPlaceOutputs}, or null. */
    private volatile LastInPlace inPlace;

    private record LastInPlace(int[] place, InPlaceOutputs made) {
    }

    /**
     * Where node i's value and adjoint are kept in the node arrays, when the compiler reordered
     * the nodes ({@code internal.ReductionSchedule}); null when node i is at i.
     */
    private final int[] slot;

    /**
     * {@code slot}: each node's index in the kernels' node arrays (null: the graph's order);
     * {@code firstInput}: the slot of input 0 when the inputs' slots are consecutive, else −1.
     */
    CompiledGraph(Graph graph, List<Kernel> kernels, CompileStatistics statistics, boolean directInputs, int[] slot,
                  int firstInput) {
        this.directInputs = directInputs;
        this.slot = slot;
        this.graph = graph;
        this.kernels = kernels.toArray(new Kernel[0]);
        this.statistics = statistics;
        int m = 2;
        for (int i = 0; i < graph.size(); i++) {
            m = Math.max(m, graph.arity(i));
        }
        this.maxArity = m;
        this.firstInput = firstInput;
    }

    /** The index of node {@code node}'s value and adjoint in the node arrays of the kernels. */
    private int slot(int node) {
        return slot == null ? node : slot[node];
    }

    public Graph graph() {
        return graph;
    }

    public CompileStatistics statistics() {
        return statistics;
    }

    /** The arrays one evaluation works in; not to be shared between threads. */
    public static final class Workspace {
        final CompiledGraph owner;
        /** The arrays and flags the generated kernels read and write (public in a package not exported). */
        final KernelState state;

        Workspace(CompiledGraph owner, double[] values, double[] adjoints, Subgradients policy) {
            this.owner = owner;
            this.state = new KernelState(owner.graph, values, adjoints, owner.maxArity, policy);
        }

        /** The subgradient policy at kinks used by the next evaluations (default {@link Subgradients#DEFAULT}). */
        public void setPolicy(Subgradients policy) {
            if (policy == null) {
                throw new LeibnizException("subgradient policy must not be null");
            }
            state.policy = policy;
        }

        /**
         * A node value of the last forward sweep ({@link CompiledGraph#evaluate} or
         * {@link CompiledGraph#valueAndGradient}): current for the outputs and the nodes read
         * outside their loop copy; the others were kept in registers ({@code internal.CopyLocals}). Every
         * value: {@link CompiledGraph#forward(double[], double[], Subgradients)}.
         */
        public double value(int node) {
            return state.values[owner.slot(node)];
        }
    }

    /** A workspace for this graph with the default subgradient policy. */
    public Workspace newWorkspace() {
        return new Workspace(this, new double[graph.size()], new double[graph.size()], Subgradients.DEFAULT);
    }

    /** All outputs at {@code inputs}, written into {@code outputs}. */
    public void evaluate(double[] inputs, double[] outputs, Workspace w) {
        check(w);
        KernelState s = w.state;
        checkInputs(inputs);
        if (outputs == null || outputs.length != graph.outputCount()) {
            throw new GraphException("output array has length " + (outputs == null ? "null" : outputs.length)
                    + ", the graph has " + graph.outputCount() + " outputs " + graph.outputNames());
        }
        // only the outputs are read: the gradient's forward sweep, which stores no value private
        // to a loop copy (a Hessian-vector product graph is 90% such values)
        s.inputs = inputs;
        s.fuse = false;                     // (after a gradient that threw) every loop runs forward
        for (Kernel k : kernels) {
            k.forwardLean(s);
        }
        s.inputs = null;
        for (int j = 0; j < outputs.length; j++) {
            outputs[j] = s.values[slot(graph.outputNode(j))];
        }
    }

    /**
     * All outputs at {@code inputs}, like {@link #evaluate}, but no node value is stored: the
     * workspace's node values ({@link Workspace#value}) are left as they were. A small scalar graph
     * runs one generated method that keeps every value in a register
     * ({@code internal.StraightLine}, made on the first call); others run {@link #evaluate}. The
     * same bits either way. For callers that want only the outputs, many times (an ODE solver's
     * right-hand side): Lotka–Volterra's 6-lane sensitivity graph takes about 18 ns instead of 40.
     */
    public void evaluateOutputs(double[] inputs, double[] outputs, Workspace w) {
        StraightLine code = straightLine();
        if (code == null) {
            evaluate(inputs, outputs, w);
            return;
        }
        check(w);
        checkInputs(inputs);
        if (outputs == null || outputs.length != graph.outputCount()) {
            throw new GraphException("output array has length " + (outputs == null ? "null" : outputs.length)
                    + ", the graph has " + graph.outputCount() + " outputs " + graph.outputNames());
        }
        code.evaluate(inputs, outputs, w.state.policy);
    }

    /**
     * {@link #evaluateOutputs}'s generated method reading input k in place, at {@code place[k]}
     * ({@code first[place[k]]} when {@code place[k] >= 0}, else {@code second[-1 - place[k]]}; see
     * {@link InPlaceOutputs}); null when the graph gets no such method (too large, not scalar,
     * a variadic or matrix node: gather the inputs and call {@link #evaluateOutputs}). The last
     * one made is kept, so a caller asking again with the same places gets it without generating code.
     *
     * @throws GraphException when {@code place} does not have one entry per input
     */
    public InPlaceOutputs inPlaceOutputs(int[] place) {
        if (place == null || place.length != graph.inputCount()) {
            throw new GraphException("input places: the graph takes " + graph.inputCount() + " inputs "
                    + graph.inputNames() + ", got " + (place == null ? "null" : place.length + " places"));
        }
        LastInPlace last = inPlace;
        if (last != null && Arrays.equals(last.place(), place)) {
            return last.made();
        }
        StraightLine code = StraightLine.of(graph, place);
        InPlaceOutputs made = code == null ? null : new InPlaceOutputs(this, code, place, graph.outputCount());
        inPlace = new LastInPlace(place.clone(), made);
        return made;
    }

    /**
     * The vector–Jacobian product at the point whose node values {@code values} holds (a full
     * forward sweep's, {@link #forward(double[], double[], Subgradients)}): {@code inputAdjoints[k]}
     * = Σ_j {@code cotangents[offset + j]}·∂f_j/∂x_k, written, not added — the numbers of
     * {@link #backward(double[], double[], Subgradients)} seeded with {@code cotangents} added to
     * zero adjoints at the output nodes, bit for bit. A small scalar graph runs one generated method
     * with every adjoint in a register ({@code internal.StraightLineReverse}, made on the first call);
     * others sweep the workspace's adjoint array, which they leave all zero.
     */
    public void vjp(double[] values, double[] cotangents, int offset, double[] inputAdjoints, Workspace w) {
        check(w);
        checkNodeArray(values, "values");
        int m = graph.outputCount();
        if (cotangents == null || offset < 0 || offset + m > cotangents.length) {
            throw new GraphException("cotangent array " + (cotangents == null ? "null" : "of length "
                    + cotangents.length) + " has no " + m + " entries from offset " + offset);
        }
        if (inputAdjoints == null || inputAdjoints.length != graph.inputCount()) {
            throw new GraphException("input adjoint array has length " + (inputAdjoints == null ? "null"
                    : inputAdjoints.length) + ", the graph has " + graph.inputCount() + " inputs");
        }
        StraightLineReverse code = straightLineReverse();
        if (code != null) {
            code.reverse(values, cotangents, offset, inputAdjoints, w.state.policy);
            return;
        }
        double[] g = w.state.adjoints;
        Arrays.fill(g, 0.0);
        for (int j = 0; j < m; j++) {
            g[graph.outputNode(j)] += cotangents[offset + j];
        }
        backward(values, g, w.state.policy);
        for (int k = 0; k < inputAdjoints.length; k++) {
            inputAdjoints[k] = g[graph.inputNode(k)];
        }
        Arrays.fill(g, 0.0);    // as a completed gradient leaves it (Workspace's dirty flag stays false)
    }

    private StraightLineReverse straightLineReverse() {
        if (!reverseTried) {
            synchronized (this) {
                if (!reverseTried) {
                    reverse = StraightLineReverse.of(graph);
                    reverseTried = true;
                }
            }
        }
        return reverse;
    }

    /** The straight-line evaluator, generated on first use (null when the graph does not get one). */
    private StraightLine straightLine() {
        if (!straightTried) {
            synchronized (this) {
                if (!straightTried) {
                    straight = StraightLine.of(graph);
                    straightTried = true;
                }
            }
        }
        return straight;
    }

    /**
     * Value of output 0, with its gradient with respect to every input written into
     * {@code gradient} (0 for inputs with no path to the output).
     */
    public double valueAndGradient(double[] inputs, double[] gradient, Workspace w) {
        check(w);
        KernelState s = w.state;
        checkInputs(inputs);
        if (gradient == null || gradient.length != graph.inputCount()) {
            throw new GraphException("gradient array has length " + (gradient == null ? "null" : gradient.length)
                    + ", the graph has " + graph.inputCount() + " inputs");
        }
        if (s.dirty) {
            Arrays.fill(s.adjoints, 0.0);   // an earlier call did not complete
        }
        s.dirty = true;
        // the reverse sweep reads the inputs (when read directly) and recomputes from them
        s.inputs = gradient == inputs ? inputs.clone() : inputs;
        s.fuse = true;
        for (Kernel k : kernels) {
            k.forwardLean(s);
        }
        int out = slot(graph.outputNode(0));
        double[] g = s.adjoints;
        g[out] = 1.0;
        if (directInputs) {
            Arrays.fill(gradient, 0.0);     // the sweep adds the input adjoints straight into it
            s.gradient = gradient;
        }
        s.zeroGuard = 0.0;                  // every adjoint starts at +0 but the seed 1
        backward(s);
        s.fuse = false;
        s.inputs = null;
        s.gradient = null;
        if (!directInputs && firstInput >= 0) {
            System.arraycopy(g, firstInput, gradient, 0, gradient.length);
            Arrays.fill(g, firstInput, firstInput + gradient.length, 0.0);
        } else if (!directInputs) {
            for (int k = 0; k < gradient.length; k++) {
                int node = slot(graph.inputNode(k));
                gradient[k] = g[node];
                g[node] = 0.0;
            }
        }
        g[out] = 0.0;                       // the seed, when the output depends on no input
        s.dirty = false;
        return s.values[out];
    }

    /**
     * The forward sweep into a caller's array of node values (length {@code graph().size()}).
     * Allocates a small workspace; for repeated calls use {@link #evaluate}.
     */
    public void forward(double[] inputs, double[] values, Subgradients policy) {
        checkInputs(inputs);
        checkNodeArray(values, "values");
        if (slot == null) {
            forward(inputs, new KernelState(graph, values, null, maxArity, policy));
            return;
        }
        double[] v = new double[values.length];     // in the kernels' order, then the caller's
        forward(inputs, new KernelState(graph, v, null, maxArity, policy));
        for (int i = 0; i < values.length; i++) {
            values[i] = v[slot[i]];
        }
    }

    /**
     * The reverse sweep over a caller's node values and adjoints: {@code adjoints} holds the
     * seeds (e.g. cotangents at the output nodes, zero elsewhere) and receives the adjoint of
     * every input node. Every other node that depends on an input is left with adjoint 0 (the
     * sweep clears an adjoint once it has passed it on); nodes that depend on no input (constants
     * and expressions of constants) keep their seeds: their adjoints reach no input, so the
     * compiled sweep does not compute them.
     */
    public void backward(double[] values, double[] adjoints, Subgradients policy) {
        backward(values, adjoints, policy, null, null);
    }

    /**
     * {@link #backward(double[], double[], Subgradients)} with the caller's two arrays of one
     * entry per input (null: allocate them) for the copies the sweep makes when it reads inputs
     * directly: a caller sweeping many cotangents then allocates only a small workspace per sweep,
     * and, when compiling reordered the nodes (a reduction moved into its loop), the two node
     * arrays the caller's values and adjoints are permuted into.
     */
    public void backward(double[] values, double[] adjoints, Subgradients policy, double[] inputBuffer,
                         double[] gradientBuffer) {
        checkNodeArray(values, "values");
        checkNodeArray(adjoints, "adjoints");
        if (slot != null) {                         // the caller's arrays in the kernels' order, and back
            double[] v = new double[values.length];
            double[] a = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                v[slot[i]] = values[i];
                a[slot[i]] = adjoints[i];
            }
            sweep(v, a, policy, inputBuffer, gradientBuffer);
            for (int i = 0; i < values.length; i++) {
                adjoints[i] = a[slot[i]];
            }
            return;
        }
        sweep(values, adjoints, policy, inputBuffer, gradientBuffer);
    }

    /** The reverse sweep over node arrays in the kernels' order. */
    private void sweep(double[] values, double[] adjoints, Subgradients policy, double[] inputBuffer,
                       double[] gradientBuffer) {
        KernelState s = new KernelState(graph, values, adjoints, maxArity, policy);
        s.zeroGuard = hasNegativeZero(adjoints) ? Double.NaN : 0.0;
        if (!directInputs) {
            backward(s);
            return;
        }
        int n = graph.inputCount();
        s.inputs = inputBuffer != null && inputBuffer.length == n ? inputBuffer : new double[n];
        s.gradient = gradientBuffer != null && gradientBuffer.length == n ? gradientBuffer : new double[n];
        for (int k = 0; k < n; k++) {
            s.inputs[k] = values[firstInput + k];
            s.gradient[k] = adjoints[firstInput + k];   // the seeds; the sweep adds to them
        }
        backward(s);
        System.arraycopy(s.gradient, 0, adjoints, firstInput, n);
    }

    private static boolean hasNegativeZero(double[] a) {
        for (double x : a) {
            if (Double.doubleToRawLongBits(x) == Long.MIN_VALUE) {
                return true;
            }
        }
        return false;
    }

    // the sweeps take the kernels' state itself: the per-call forward and backward above build
    // only that, no Workspace around it (one object fewer per call on an ODE solver's hot path)
    private void forward(double[] inputs, KernelState s) {
        s.inputs = inputs;
        for (Kernel k : kernels) {
            k.forward(s);
        }
        s.inputs = null;
    }

    private void backward(KernelState s) {
        for (int i = kernels.length - 1; i >= 0; i--) {
            kernels[i].backward(s);
        }
    }

    /** {@link #check(Workspace)} for {@link InPlaceOutputs}. */
    void checkWorkspace(Workspace w) {
        check(w);
    }

    private void check(Workspace w) {
        if (w == null || w.owner != this) {
            throw new LeibnizException("the workspace " + (w == null ? "is null" : "belongs to another compiled graph")
                    + "; use newWorkspace() of this one");
        }
    }

    private void checkInputs(double[] inputs) {
        if (inputs == null || inputs.length != graph.inputCount()) {
            throw new GraphException("the graph takes " + graph.inputCount() + " inputs " + graph.inputNames()
                    + ", got " + (inputs == null ? "null" : inputs.length + " values"));
        }
    }

    private void checkNodeArray(double[] a, String what) {
        if (a == null || a.length != graph.size()) {
            throw new GraphException(what + " array has length " + (a == null ? "null" : a.length)
                    + ", the graph has " + graph.size() + " nodes");
        }
    }
}
