package dev.leibniz.core;

import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.prim.TensorArgs;
import java.util.Arrays;

/**
 * The reusable arrays of one {@link Program}'s evaluations and gradients, made by
 * {@link Program#newWorkspace(String...)}: with a workspace per thread, repeated gradients
 * ({@link Program#valueAndGradient}) allocate nothing. Not thread-safe.
 *
 * <p>The arrays are those of the engine that runs the program. A scalar graph gets one value and
 * one adjoint per node (and the generated code's own arrays when the program is compiled). A
 * graph with matrix nodes gets a value array and an adjoint array per matrix node, of its size
 * (EJML kernels run on views of them), with the scalar nodes sharing one array of each; the
 * reverse pass skips the adjoints of every node that does not depend on the inputs the workspace
 * differentiates ({@code wrt}), so data inputs cost no gradient. The same workspace serves both
 * forms of the program's methods (one value per input, or one row-major array per input).
 */
public final class Workspace {
    final Graph graph;
    /** Which inputs the gradients are asked for (every input when none were named). */
    final boolean[] wrt;
    /** Per node: whether the reverse sweep has reached it. */
    final boolean[] reach;

    // ---- a scalar graph (null for a graph with matrix nodes)
    final double[] values;
    final double[] adjoints;
    final double[] scratch;
    /** The generated code's arrays, or null when the program is interpreted. */
    final CompiledGraph.Workspace compiled;
    /** Input-sized arrays: copies for the compiled reverse sweep, and the scalars of the array forms. */
    final double[] inputCopy;
    final double[] gradientCopy;

    // ---- a graph with matrix nodes (null for a scalar graph)
    final TensorProgram program;
    final TensorEngine.Blocks blocks;
    final boolean[] active;
    final TensorArgs args;

    /** Arrays for a scalar graph run by {@link Engine} (or by {@code compiled}, when not null). */
    Workspace(Graph graph, boolean[] wrt, int maxArity, CompiledGraph.Workspace compiled) {
        int n = graph.size();
        this.graph = graph;
        this.wrt = wrt;
        this.reach = new boolean[n];
        this.values = new double[n];
        this.adjoints = new double[n];
        this.scratch = new double[maxArity];
        this.compiled = compiled;
        this.inputCopy = new double[graph.inputCount()];
        this.gradientCopy = new double[graph.inputCount()];
        this.program = null;
        this.blocks = null;
        this.active = null;
        this.args = null;
    }

    /** Blocks for a graph with matrix nodes, run by {@link TensorEngine}. */
    Workspace(TensorProgram program, boolean[] wrt) {
        Graph g = program.graph;
        int n = g.size();
        this.graph = g;
        this.wrt = wrt;
        this.reach = new boolean[n];
        this.values = null;
        this.adjoints = null;
        this.scratch = null;
        this.compiled = null;
        this.inputCopy = null;
        this.gradientCopy = null;
        this.program = program;
        Shape[] shapes = program.shapes;
        double[][] va = new double[n][];
        double[][] ga = new double[n][];
        int[] vo = new int[n];
        double[] scalars = new double[n];
        double[] scalarAdjoints = new double[n];
        for (int i = 0; i < n; i++) {
            if (shapes[i].isScalar()) {
                va[i] = scalars;
                ga[i] = scalarAdjoints;
                vo[i] = i;
            } else {
                va[i] = new double[shapes[i].size()];
                ga[i] = new double[shapes[i].size()];
            }
        }
        this.blocks = new TensorEngine.Blocks(shapes, va, vo, ga, vo.clone());
        this.active = new boolean[n];
        for (int j = 0; j < g.inputCount(); j++) {
            active[g.inputNode(j)] = wrt[j];
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0, m = g.arity(i); k < m && !active[i]; k++) {
                active[i] = active[g.arg(i, k)];
            }
        }
        this.args = new TensorArgs(program.maxArity);
    }

    /** Whether this workspace holds the blocks of a graph with matrix nodes. */
    boolean isTensor() {
        return program != null;
    }

    /**
     * A copy of output {@code j}'s values after the last {@link Program#evaluate(Workspace, double[][],
     * EvalOptions)}, row-major (one element for a scalar output).
     */
    public double[] output(int j) {
        if (j < 0 || j >= graph.outputCount()) {
            throw new GraphException("output index " + j + " is out of range; the graph has outputs " + graph.outputNames());
        }
        return value(graph.outputNode(j));
    }

    /** A copy of the named output's values after the last evaluation. */
    public double[] output(String name) {
        return output(graph.outputIndex(name));
    }

    /**
     * A copy of any node's values after the last {@link Program#evaluate(Workspace, double[][],
     * EvalOptions)}, row-major (one element for a scalar node): for analyses that read intermediate
     * values, such as local sparsity patterns.
     */
    public double[] value(int node) {
        if (node < 0 || node >= graph.size()) {
            throw new GraphException("node %" + node + " does not exist (the graph has " + graph.size() + " nodes)");
        }
        if (!isTensor()) {
            return new double[] {values[node]};
        }
        return Arrays.copyOfRange(blocks.va()[node], blocks.vo()[node], blocks.vo()[node] + program.shapes[node].size());
    }
}
