package dev.leibniz.forward;

import dev.leibniz.core.ForwardMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.core.passes.InputOrderSchedule;
import dev.leibniz.core.passes.Passes;

/**
 * Hessian–vector products compiled to bytecode: forward-over-reverse as graph transformations,
 * the JVP graph of the gradient graph,
 * <pre>  (x, v) ↦ (f(x), ∇f(x), ∇f(x)·v, H(x)·v),</pre>
 * evaluated by one forward sweep of a {@link CompiledGraph}. Where {@link HessianProgram} pushes
 * k tangent lanes through an interpreted gradient graph (best for full Hessians of small n), this
 * is the one-direction product for large n, the inner step of truncated-Newton and
 * Newton–CG methods.
 *
 * <p>Before compiling, the gradient graph is reordered by {@link InputOrderSchedule} (each input's
 * reverse nodes next to its forward nodes, so that a separable function's JVP graph is one
 * repeated block the compiler rolls into a loop) and the JVP graph is simplified by
 * {@link Passes#optimize} (the two transformations build many subexpressions twice). Both keep
 * every value bit for bit: the products equal those of the unscheduled, unoptimized graph
 * evaluated by the interpreter. The price is paid once, at {@link #of}: building and compiling
 * the graph costs about as much as a few thousand products of a small function.
 *
 * <p>Two graphs, because the gradient is optional: a product without it ({@code gradient} null)
 * runs a graph whose only outputs are f and H·v, from which dead-code elimination has removed
 * the gradient's and the directional derivative's nodes — on extended Rosenbrock a quarter of the
 * nodes, and with them the 2n outputs a sweep stores a cache line apart, so that the product
 * alone takes about 60 % of the time of the full sweep. Every output node of the pruned graph is
 * the full graph's node computed by the same operations, so the products agree bit for bit. The
 * full graph is compiled on the first call that asks for the gradient.
 *
 * <p>Scalar inputs only (the compiler's contract); a graph with matrix nodes is refused with a
 * {@link ShapeException} naming the node. One instance is safe for concurrent use with one
 * {@link Workspace} per thread.
 */
public final class CompiledHessianVector {
    /** f and H·v only (outputs 0 and 1 … n). */
    private final CompiledGraph product;
    /** f, ∇f, ∇f·v and H·v, compiled on first use. */
    private volatile CompiledGraph full;
    private final Graph graph;
    private final int n;

    private CompiledHessianVector(Graph graph, Graph productGraph, int n) {
        this.graph = graph;
        this.product = GraphCompiler.compile(productGraph);
        this.n = n;
    }

    /** The compiled H·v of the first output of {@code f}. */
    public static CompiledHessianVector of(Graph f) {
        return of(f, 0);
    }

    /** The compiled H·v of output {@code outputIndex} of {@code f}. */
    public static CompiledHessianVector of(Graph f, int outputIndex) {
        if (f == null) {
            throw new GraphException("cannot take the Hessian of a null graph");
        }
        f.requireScalar("compiled Hessian-vector products (CompiledHessianVector)");
        Graph gradient = InputOrderSchedule.apply(ReverseMode.gradientGraph(f, outputIndex)).graph();
        Graph jvp = ForwardMode.jvpGraph(gradient);
        int n = f.inputCount();
        String[] kept = new String[n + 1];         // f, then H·v: the outputs after ∇f and ∇f·v
        kept[0] = jvp.outputName(0);
        for (int i = 0; i < n; i++) {
            kept[1 + i] = jvp.outputName(n + 2 + i);
        }
        Graph pruned = jvp.withOutputs(kept);
        boolean same = pruned.outputNode(0) == jvp.outputNode(0);
        for (int i = 0; i < n && same; i++) {
            same = pruned.outputNode(1 + i) == jvp.outputNode(n + 2 + i);   // names are unique
        }
        if (!same) {
            throw new IllegalStateException("the JVP graph's output names are not unique: " + jvp.outputNames());
        }
        return new CompiledHessianVector(Passes.optimize(jvp).graph(), Passes.optimize(pruned).graph(), n);
    }

    /** The full graph, compiled once (double-checked: concurrent first calls compile it once). */
    private CompiledGraph full() {
        CompiledGraph c = full;
        if (c == null) {
            synchronized (this) {
                c = full;
                if (c == null) {
                    c = GraphCompiler.compile(graph);
                    full = c;
                }
            }
        }
        return c;
    }

    /** The number of inputs n (x and v have n entries each). */
    public int inputCount() {
        return n;
    }

    /**
     * The optimized JVP-of-gradient graph: inputs x then v; outputs f, ∇f, ∇f·v, H·v (what a call
     * with a gradient array evaluates; without one, a pruned copy with outputs f and H·v runs).
     */
    public Graph graph() {
        return graph;
    }

    /** Working arrays for one thread. */
    public Workspace newWorkspace() {
        return new Workspace(this, product.newWorkspace(), new double[2 * n], new double[n + 1]);
    }

    /**
     * Writes H(x)·v into {@code hv} and {@code ∇f(x)} into {@code gradient} (when it is not null);
     * returns f(x). No allocation, but for the full graph's workspace on the first call with a
     * gradient array.
     */
    public double hvp(double[] x, double[] v, double[] hv, double[] gradient, Workspace ws) {
        check(x, "x");
        check(v, "v");
        check(hv, "hv");
        if (gradient != null) {
            check(gradient, "gradient");
        }
        if (ws == null || ws.owner != this) {
            throw new GraphException("this workspace was not made by this CompiledHessianVector (use its newWorkspace())");
        }
        System.arraycopy(x, 0, ws.inputs, 0, n);
        System.arraycopy(v, 0, ws.inputs, n, n);
        if (gradient == null) {
            product.evaluate(ws.inputs, ws.outputs, ws.compiled);
            System.arraycopy(ws.outputs, 1, hv, 0, n);
            return ws.outputs[0];
        }
        if (ws.full == null) {
            CompiledGraph c = full();
            ws.full = c.newWorkspace();
            ws.fullOutputs = new double[graph.outputCount()];
        }
        full().evaluate(ws.inputs, ws.fullOutputs, ws.full);
        System.arraycopy(ws.fullOutputs, n + 2, hv, 0, n);
        System.arraycopy(ws.fullOutputs, 1, gradient, 0, n);
        return ws.fullOutputs[0];
    }

    /** H(x)·v in a new array (allocates a workspace: use the other form in loops). */
    public double[] hvp(double[] x, double[] v) {
        double[] hv = new double[n];
        hvp(x, v, hv, null, newWorkspace());
        return hv;
    }

    private void check(double[] a, String name) {
        if (a == null || a.length != n) {
            throw new ShapeException(name + " has " + (a == null ? "no entries (null)" : a.length + " entries")
                    + "; the function has " + n + " inputs");
        }
    }

    /**
     * One thread's working arrays: the product graph's registers, its inputs (x, v) and outputs;
     * the full graph's registers and outputs once a gradient has been asked for.
     */
    public static final class Workspace {
        private final CompiledHessianVector owner;
        private final CompiledGraph.Workspace compiled;
        private final double[] inputs;
        private final double[] outputs;
        private CompiledGraph.Workspace full;
        private double[] fullOutputs;

        private Workspace(CompiledHessianVector owner, CompiledGraph.Workspace compiled, double[] inputs,
                          double[] outputs) {
            this.owner = owner;
            this.compiled = compiled;
            this.inputs = inputs;
            this.outputs = outputs;
        }
    }
}
