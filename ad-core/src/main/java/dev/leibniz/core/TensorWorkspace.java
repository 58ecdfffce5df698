package dev.leibniz.core;

import dev.leibniz.core.prim.TensorArgs;
import java.util.Arrays;

/**
 * The buffers of one evaluation of a matrix graph, allocated once and reused by
 * {@link Program#valueAndGradient(TensorWorkspace, double[][], double[][], EvalOptions)}: every
 * matrix node owns a value array and an adjoint array of its size (EJML kernels run on views of
 * them), and the scalar nodes share one array of each. With a workspace per thread, training
 * steps allocate nothing but what EJML's kernels allocate internally.
 *
 * <p>A workspace is created for a set of inputs to differentiate ({@code wrt}); the reverse pass
 * skips the adjoints of everything that does not depend on them, so data inputs cost no
 * gradient. Not thread-safe.
 */
public final class TensorWorkspace {
    final TensorProgram program;
    final TensorEngine.Blocks blocks;
    final boolean[] reach;
    final boolean[] active;
    final boolean[] wrt;
    final TensorArgs args;

    TensorWorkspace(TensorProgram program, boolean[] wrt) {
        this.program = program;
        this.wrt = wrt;
        Graph g = program.graph;
        int n = g.size();
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
        this.reach = new boolean[n];
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

    /** A copy of output {@code j}'s values after the last evaluation, row-major. */
    public double[] output(int j) {
        return value(program.graph.outputNode(j));
    }

    /**
     * A copy of any node's values after the last evaluation, row-major (one element for a scalar
     * node): for analyses that read intermediate values, such as local sparsity patterns.
     */
    public double[] value(int node) {
        if (node < 0 || node >= program.shapes.length) {
            throw new GraphException("node %" + node + " does not exist (the graph has " + program.shapes.length
                    + " nodes)");
        }
        return Arrays.copyOfRange(blocks.va()[node], blocks.vo()[node], blocks.vo()[node] + program.shapes[node].size());
    }

    /** A copy of the named output's values after the last evaluation. */
    public double[] output(String name) {
        return output(program.graph.outputIndex(name));
    }
}
