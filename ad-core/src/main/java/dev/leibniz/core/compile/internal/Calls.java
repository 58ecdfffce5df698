package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;

/**
 * Run-time helpers that generated code calls for nodes it does not spell out in bytecode: the
 * variadic primitives ({@code logsumexp}, {@code softmax_xent}), whose arguments are gathered
 * into the workspace's scratch array, and primitives not declared in a static field.
 *
 * <p>The loops are those of the interpreter's general case ({@code Engine}), operation for
 * operation, so the results are the same bits.
 */
final class Calls {
    private Calls() {
    }

    /** {@code v[node] = p(args)} for a node of any arity. */
    static double applyGeneral(Graph graph, int node, KernelState w) {
        int k = graph.arity(node);
        double[] x = gather(graph, node, k, w);
        return graph.primitive(node).apply(x, k, graph.param(node), w.policy);
    }

    /** {@code g[arg_j] += Flow.times(g[node], ∂y/∂x_j)} for every argument j with an edge, in order. */
    static void backwardGeneral(Graph graph, int node, KernelState w) {
        int k = graph.arity(node);
        double[] x = gather(graph, node, k, w);
        Primitive p = graph.primitive(node);
        double param = graph.param(node);
        double[] v = w.values;
        double[] g = w.adjoints;
        double gi = g[node];
        int code = p.code();
        for (int j = 0; j < k; j++) {
            if (Flow.flows(code, j)) {
                int a = graph.arg(node, j);
                g[a] = g[a] + Flow.times(gi, p.partial(j, x, k, v[node], param, w.policy));
            }
        }
    }

    /** The primitive with this op code (for primitives no static field declares). */
    static Primitive primitive(int code) {
        return Primitives.byCode(code);
    }

    private static double[] gather(Graph graph, int node, int k, KernelState w) {
        double[] x = k <= w.scratch.length ? w.scratch : new double[k];
        for (int j = 0; j < k; j++) {
            x[j] = w.values[graph.arg(node, j)];
        }
        return x;
    }
}
