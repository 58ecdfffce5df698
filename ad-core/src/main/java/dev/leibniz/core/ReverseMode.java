package dev.leibniz.core;

import dev.leibniz.core.internal.TensorRules;
import dev.leibniz.core.prim.Primitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode as a graph transformation. The derivative of a graph is built from the
 * primitives' symbolic partials with the graph's own operations, so it is again a graph: it
 * can be printed, optimized, compiled, and differentiated once more (Hessians by
 * reverse-over-reverse).
 *
 * <p>For nodes in reverse order, each argument k of node i receives the contribution
 * {@code ȳ_i · ∂y_i/∂x_k}, and contributions to the same node are summed — the fan-out sum that
 * makes shared subexpressions and tied weights work. For the numeric (non-symbolic) reverse
 * sweep see {@link Program#gradient}.
 */
public final class ReverseMode {
    private ReverseMode() {
    }

    /**
     * The graph of {@code (f, ∂f/∂x₁, …, ∂f/∂xₙ)} for output {@code outputIndex} of {@code f}.
     * Outputs are named {@code f} and {@code df/dx} after the original names. An input with no
     * path to the output gets the constant 0 here (a graph output needs a value); the numeric
     * {@link Program#gradient} reports it as absent.
     */
    public static Graph gradientGraph(Graph f, int outputIndex) {
        checkGraph(f);
        if (outputIndex < 0 || outputIndex >= f.outputCount()) {
            throw new GraphException("output index " + outputIndex + " is out of range; the graph has outputs "
                    + f.outputNames());
        }
        GraphBuilder b = GraphBuilder.tracing();
        Var[] m = replay(f, b);
        Var[] ct = new Var[f.size()];
        int out = f.outputNode(outputIndex);
        if (!f.shape(out).isScalar()) {
            throw new ShapeException("output '" + f.outputName(outputIndex) + "' is a " + f.shape(out)
                    + " matrix; a gradient graph needs a scalar output (sum it, or use vjpGraph)");
        }
        ct[out] = b.constant(1.0);
        backward(f, m, ct);
        String name = f.outputName(outputIndex);
        List<String> names = new ArrayList<>();
        List<Var> outs = new ArrayList<>();
        names.add(name);
        outs.add(m[out]);
        for (int j = 0; j < f.inputCount(); j++) {
            Var g = ct[f.inputNode(j)];
            names.add("d" + name + "/d" + f.inputName(j));
            outs.add(g != null ? g : zeros(b, f.inputShape(j)));
        }
        return build(b, names, outs);
    }

    /** {@link #gradientGraph(Graph, int)} of the first output. */
    public static Graph gradientGraph(Graph f) {
        return gradientGraph(f, 0);
    }

    /**
     * The graph of the vector–Jacobian product: inputs are f's inputs followed by one cotangent
     * {@code ct_<output>} per output; outputs are {@code vjp_<input>} = Σ_j ct_j ∂f_j/∂input.
     */
    public static Graph vjpGraph(Graph f) {
        checkGraph(f);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] m = replay(f, b);
        Var[] ct = new Var[f.size()];
        for (int j = 0; j < f.outputCount(); j++) {
            Var c = b.input("ct_" + f.outputName(j), f.outputShape(j));
            int node = f.outputNode(j);
            ct[node] = ct[node] == null ? c : ct[node].add(c);
        }
        backward(f, m, ct);
        List<String> names = new ArrayList<>();
        List<Var> outs = new ArrayList<>();
        for (int j = 0; j < f.inputCount(); j++) {
            Var g = ct[f.inputNode(j)];
            names.add("vjp_" + f.inputName(j));
            outs.add(g != null ? g : zeros(b, f.inputShape(j)));
        }
        return build(b, names, outs);
    }

    /**
     * The Hessian ∇²f at {@code x} by reverse-over-reverse: the gradient graph is built once,
     * and the gradient of each of its components is taken by a numeric reverse sweep.
     */
    public static double[][] hessian(Graph f, double[] x) {
        checkGraph(f);
        Program g = gradientGraph(f).compile();
        int n = f.inputCount();
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            h[i] = g.gradient(i + 1, EvalOptions.DEFAULT, x).toArray();
        }
        return h;
    }

    /**
     * Copies every node of {@code f} into {@code b}; returns the new variable of each old node.
     * Inputs are declared first, in order, with their original names.
     */
    static Var[] replay(Graph f, GraphBuilder b) {
        Var[] m = new Var[f.size()];
        for (int j = 0; j < f.inputCount(); j++) {
            m[f.inputNode(j)] = b.input(f.inputName(j), f.inputShape(j));
        }
        for (int i = 0; i < f.size(); i++) {
            if (f.primitive(i).kind() != Primitive.Kind.INPUT) {
                m[i] = b.replay(f, i, m);
            }
        }
        return m;
    }

    /** Accumulates cotangents backward through {@code f}, building the contributions in m's graph. */
    static void backward(Graph f, Var[] m, Var[] ct) {
        for (int i = f.size() - 1; i >= 0; i--) {
            if (ct[i] == null) {
                continue;
            }
            Primitive p = f.primitive(i);
            int n = f.arity(i);
            if (n == 0) {
                continue;
            }
            Var[] xs = new Var[n];
            for (int k = 0; k < n; k++) {
                xs[k] = m[f.arg(i, k)];
            }
            for (int k = 0; k < n; k++) {
                Var contribution = TensorRules.vjp(p, k, xs, m[i], ct[i], f.param(i));
                if (contribution == null) {
                    continue;
                }
                int a = f.arg(i, k);
                ct[a] = ct[a] == null ? contribution : ct[a].add(contribution);
            }
        }
    }

    private static void checkGraph(Graph f) {
        if (f == null) {
            throw new GraphException("the graph to differentiate must not be null");
        }
    }

    private static Graph build(GraphBuilder b, List<String> names, List<Var> outs) {
        int[] nodes = new int[outs.size()];
        for (int j = 0; j < nodes.length; j++) {
            nodes[j] = outs.get(j).node();
        }
        return b.build(names.toArray(new String[0]), nodes);
    }

    /** Zeros of a shape: the constant 0, broadcast when the shape is a matrix. */
    static Var zeros(GraphBuilder b, Shape shape) {
        Var z = b.constant(0.0);
        return shape.isScalar() ? z : z.broadcastTo(shape);
    }
}
