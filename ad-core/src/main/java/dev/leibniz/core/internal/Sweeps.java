package dev.leibniz.core.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.compile.internal.Interpreter;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;

/**
 * The numeric sweeps over the nodes of one scalar graph, for every back end that runs a graph
 * node by node: values, adjoints, and the <em>linearization</em> — one partial derivative per
 * edge. They are the generated {@link Interpreter}'s loops (each primitive's declared rules,
 * inlined), over the graph's own arrays; the ODE solver's right-hand side, forward-mode lanes,
 * sparse Jacobians and the memory-planned gradients are strategies over these sweeps, not copies
 * of them.
 *
 * <p>Edges: node i's arguments occupy edge slots {@code [edgeStart(i), edgeStart(i) + arity(i))};
 * {@link #partials} writes ∂f_i/∂x_k into slot {@code edgeStart(i) + k}. With the partials at hand,
 * {@link #tangents} (Jacobian–vector products, any number of lanes) and {@link #adjoints}
 * (vector–Jacobian products) are loops over edges that know nothing of primitives, with the
 * {@link Flow} contract: an exact zero on either side contributes nothing.
 *
 * <p>Immutable and shareable between threads; every method works in the caller's arrays.
 */
public final class Sweeps {
    private final Graph graph;
    private final int size;
    private final int[] op;
    private final int[] as;
    private final int[] ap;
    private final double[] cp;
    private final int maxArity;
    /** Arguments per node; 0 for inputs and constants (whose one slot holds a constant-pool index). */
    private final int[] arity;

    /**
     * @throws ShapeException when the graph has a matrix node (these sweeps are scalar)
     */
    public Sweeps(Graph graph) {
        this(graph, "node-by-node sweeps (Sweeps)");
    }

    /**
     * @param transform what runs on these sweeps, named in the error for a matrix graph
     * @throws ShapeException when the graph has a matrix node, naming it and the transform
     */
    public Sweeps(Graph graph, String transform) {
        if (graph == null) {
            throw new GraphException("graph must not be null");
        }
        graph.requireScalar(transform);
        this.graph = graph;
        this.size = graph.size();
        GraphArrays arrays = GraphArrays.of(graph);
        this.op = arrays.op();
        this.as = arrays.argStart();
        this.ap = arrays.argPool();
        this.cp = arrays.constPool();
        this.arity = new int[size];
        int m = 2;
        for (int i = 0; i < size; i++) {
            Primitive.Kind kind = graph.primitive(i).kind();
            arity[i] = kind == Primitive.Kind.INPUT || kind == Primitive.Kind.CONSTANT ? 0 : graph.arity(i);
            m = Math.max(m, arity[i]);
        }
        this.maxArity = m;
    }

    public Graph graph() {
        return graph;
    }

    /** Number of nodes. */
    public int size() {
        return size;
    }

    /** Length of an edge-indexed array (such as the partials): one slot per argument, plus parameter slots. */
    public int edgeSlots() {
        return ap.length;
    }

    /** First edge slot of node i. */
    public int edgeStart(int i) {
        return as[i];
    }

    /** The node at the far end of edge slot e (an argument of the node that owns the slot). */
    public int edgeSource(int e) {
        return ap[e];
    }

    /** Number of arguments of node i (0 for inputs and constants). */
    public int arity(int i) {
        return arity[i];
    }

    /** A scratch array long enough to gather the arguments of any node. */
    public double[] newScratch() {
        return new double[maxArity];
    }

    /** Values of every node; {@code inputs} by input position. */
    public void forward(double[] inputs, double[] v, Subgradients policy, double[] scratch) {
        forward(0, size, inputs, v, policy, scratch);
    }

    /** Values of nodes {@code [from, to)} (their arguments' values must be in {@code v}). */
    public void forward(int from, int to, double[] inputs, double[] v, Subgradients policy, double[] scratch) {
        Interpreter.INSTANCE.forward(from, to, op, as, ap, cp, inputs, v, policy, scratch);
    }

    /**
     * Reverse sweep of every node from the adjoints seeded in {@code g}: nodes marked in
     * {@code reach} (seed it where {@code g} is seeded) pass {@code Flow.times(g[i], ∂f_i/∂x_k)}
     * to their arguments and mark them.
     */
    public void backward(double[] v, double[] g, boolean[] reach, Subgradients policy, double[] scratch) {
        backward(0, size, v, g, reach, policy, scratch);
    }

    /** Reverse sweep of nodes {@code [from, to)}, last to first. */
    public void backward(int from, int to, double[] v, double[] g, boolean[] reach, Subgradients policy,
                         double[] scratch) {
        Interpreter.INSTANCE.backward(from, to, op, as, ap, cp, v, g, reach, policy, scratch);
    }

    /** Edge partials of every node at the values {@code v}, into {@code out} of length {@link #edgeSlots()}. */
    public void partials(double[] v, double[] out, Subgradients policy, double[] scratch) {
        Interpreter.INSTANCE.partials(0, size, op, as, ap, cp, v, out, policy, scratch);
    }

    /**
     * Forward tangents in {@code lanes} lanes: {@code t[i·lanes + l] = Σ_k Flow.times(P_ik,
     * t[arg_k·lanes + l])} for every node that is not a leaf, in node order. The caller seeds the
     * tangents of the input nodes (and zeroes the constants') beforehand.
     */
    public void tangents(double[] partials, double[] t, int lanes) {
        for (int i = 0; i < size; i++) {
            int s = as[i];
            int k = arity[i];
            if (k == 0) {
                continue;
            }
            int row = i * lanes;
            for (int l = 0; l < lanes; l++) {
                t[row + l] = 0.0;
            }
            for (int j = 0; j < k; j++) {
                double p = partials[s + j];
                if (p == 0) {
                    continue;                           // no edge, or an exact-zero partial
                }
                int src = ap[s + j] * lanes;
                for (int l = 0; l < lanes; l++) {
                    t[row + l] += Flow.times(t[src + l], p);
                }
            }
        }
    }

    /**
     * Reverse adjoints in {@code lanes} lanes from the seeds in {@code g}: for nodes from last to
     * first, {@code g[arg_k·lanes + l] += Flow.times(g[i·lanes + l], P_ik)}.
     */
    public void adjoints(double[] partials, double[] g, int lanes) {
        for (int i = size - 1; i >= 0; i--) {
            int s = as[i];
            int k = arity[i];
            if (k == 0) {
                continue;
            }
            int row = i * lanes;
            for (int j = 0; j < k; j++) {
                double p = partials[s + j];
                if (p == 0) {
                    continue;
                }
                int dst = ap[s + j] * lanes;
                for (int l = 0; l < lanes; l++) {
                    g[dst + l] += Flow.times(g[row + l], p);
                }
            }
        }
    }
}
