package dev.leibniz.forward;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;

/**
 * Forward mode as a graph transformation: from {@code f} with inputs x₁…xₙ and outputs f₁…fₘ,
 * the graph with inputs x₁…xₙ, t_x₁…t_xₙ (the tangent direction) and outputs f₁…fₘ,
 * jvp_f₁…jvp_fₘ, where {@code jvp_f = J_f(x)·t}. Each node's tangent is
 * <pre>  ẏ = Σ_k ∂y/∂x_k · ẋ_k</pre>
 * built from the primitives' symbolic partials with the graph's own operations, so the result
 * is an ordinary graph: print it, optimize it, compile it, differentiate it again. A partial
 * that is identically zero ({@code null}) adds nothing, multiplications by the constants ±1 of
 * linear rules are not built, and nodes that depend on no input get no tangent at all.
 *
 * <p>At kinks the tangent graph contains {@code step}, {@code sign} and {@code tiestep} nodes
 * whose value at 0 is read from the policy of the evaluation that runs it, so a JVP graph picks
 * the same subgradient as the numeric forward and reverse sweeps under the same options.
 *
 * <p>Graph arithmetic has no strong zeros: where an untaken {@code select} branch has an
 * infinite tangent (√x at 0), the JVP graph computes 0·∞ = NaN, exactly as ad-core's symbolic
 * {@code ReverseMode.gradientGraph} does, while the numeric sweeps ({@link ForwardProgram} and
 * {@code Program.gradient}) both give the exact zero.
 *
 * <p>For one direction at a time this is the graph to compile; for many directions at once the
 * numeric {@link ForwardProgram} with k lanes evaluates each partial once per k directions.
 */
public final class JvpGraph {
    private JvpGraph() {
    }

    /** The name of the tangent input of an input named {@code x}: {@code t_x}. */
    public static String tangentName(String input) {
        return "t_" + input;
    }

    /** The name of the JVP output of an output named {@code f}: {@code jvp_f}. */
    public static String jvpName(String output) {
        return "jvp_" + output;
    }

    /** The JVP graph of {@code f}; see the class documentation for its inputs and outputs. */
    public static Graph of(Graph f) {
        return of(f, "t_", "jvp_");
    }

    /**
     * The JVP graph with other name prefixes for the tangent inputs and the JVP outputs, e.g.
     * for the JVP of a JVP graph, whose inputs already include {@code t_x}.
     */
    public static Graph of(Graph f, String tangentPrefix, String outputPrefix) {
        if (f == null) {
            throw new GraphException("cannot build the JVP graph of a null graph");
        }
        if (tangentPrefix == null || tangentPrefix.isEmpty() || outputPrefix == null || outputPrefix.isEmpty()) {
            throw new GraphException("the tangent and output name prefixes must not be empty");
        }
        for (int j = 0; j < f.outputCount(); j++) {
            String name = outputPrefix + f.outputName(j);
            if (f.outputNames().contains(name)) {
                throw new GraphException("cannot name the JVP of output '" + f.outputName(j) + "' '" + name
                        + "': the graph already has an output of that name; choose another prefix");
            }
        }
        GraphBuilder b = GraphBuilder.tracing();
        int size = f.size();
        Var[] m = new Var[size];
        Var[] tan = new Var[size];
        for (int j = 0; j < f.inputCount(); j++) {
            m[f.inputNode(j)] = b.input(f.inputName(j));
        }
        for (int j = 0; j < f.inputCount(); j++) {
            String name = tangentPrefix + f.inputName(j);
            if (f.inputNames().contains(name)) {
                throw new GraphException("cannot name the tangent of input '" + f.inputName(j) + "' '" + name
                        + "': the graph already has an input of that name; choose another prefix");
            }
            tan[f.inputNode(j)] = b.input(name);
        }
        int[] ids = new int[8];
        for (int i = 0; i < size; i++) {
            Primitive p = f.primitive(i);
            switch (p.kind()) {
                case INPUT -> {
                }
                case CONSTANT -> m[i] = b.constant(f.param(i));
                default -> {
                    int n = f.arity(i);
                    if (ids.length < n) {
                        ids = new int[n];
                    }
                    for (int k = 0; k < n; k++) {
                        ids[k] = m[f.arg(i, k)].node();
                    }
                    m[i] = b.variable(b.copyNode(f, i, ids)); // the same copy as ReverseMode's replay
                    tan[i] = tangent(f, i, p, n, m, tan);
                }
            }
        }
        int mOut = f.outputCount();
        String[] names = new String[2 * mOut];
        int[] nodes = new int[2 * mOut];
        for (int j = 0; j < mOut; j++) {
            int node = f.outputNode(j);
            names[j] = f.outputName(j);
            nodes[j] = m[node].node();
            names[mOut + j] = outputPrefix + f.outputName(j);
            Var t = tan[node] != null ? tan[node] : b.constant(0.0);
            nodes[mOut + j] = t.node();
        }
        return b.build(names, nodes);
    }

    /** Σ_k ∂y/∂x_k · ẋ_k of node i, or null when no argument carries a tangent. */
    private static Var tangent(Graph f, int i, Primitive p, int n, Var[] m, Var[] tan) {
        boolean any = false;
        for (int k = 0; k < n; k++) {
            any |= tan[f.arg(i, k)] != null;
        }
        if (!any) {
            return null;
        }
        Var[] argVars = new Var[n];
        for (int k = 0; k < n; k++) {
            argVars[k] = m[f.arg(i, k)];
        }
        Var sum = null;
        for (int k = 0; k < n; k++) {
            Var tk = tan[f.arg(i, k)];
            if (tk == null) {
                continue;
            }
            Var d = p.partial(k, argVars, m[i], f.param(i));
            if (d == null) {
                continue;
            }
            Var term = scale(tk, d);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /** d·ẋ, without building multiplications by the constants ±1 that linear rules produce. */
    private static Var scale(Var tangent, Var d) {
        GraphBuilder b = d.graph();
        if (b.isConstantNode(d, 1.0)) {
            return tangent;
        }
        if (b.isConstantNode(d, -1.0)) {
            return tangent.neg();
        }
        return d.mulStrongZero(tangent); // an exact-zero tangent contributes exactly zero, as in the numeric sweep
    }
}
