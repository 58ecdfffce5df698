package dev.leibniz.core;

import dev.leibniz.core.internal.TensorRules;
import dev.leibniz.core.prim.Primitive;

/**
 * Forward mode as a graph transformation, the counterpart of {@link ReverseMode}: from {@code f}
 * with inputs x₁…xₙ and outputs f₁…fₘ, the graph with inputs x₁…xₙ, t_x₁…t_xₙ (the tangent
 * direction, each of its input's shape) and outputs f₁…fₘ, jvp_f₁…jvp_fₘ (each of its output's
 * shape), where {@code jvp_f = J_f(x)·t}. Node by node, in the graph's order, the tangent is
 * <pre>  ẏ = Σ_k ∂y/∂x_k · ẋ_k</pre>
 * built by {@link TensorRules#jvp} from the primitive's declaration with the graph's own
 * operations, so the result is an ordinary graph: print it, optimize it, compile it,
 * differentiate it again (a JVP of a JVP gives second directional derivatives).
 *
 * <ul>
 *   <li><b>Shapes.</b> A matrix primitive states its own JVP ({@code matmul}: Ȧ·B + A·Ḃ); a scalar
 *       primitive applied elementwise keeps its scalar partials, multiplied elementwise and
 *       broadcast to the node's shape. For a scalar graph both reduce to the scalar rule.</li>
 *   <li><b>Strong zeros.</b> Each term ∂y/∂x_k · ẋ_k is the strong-zero product {@code mulz}
 *       (0·∞ = 0, as {@code prim.Flow.times}): where an untaken {@code select} branch has an
 *       infinite partial (√x at 0) and a zero tangent, it contributes exactly 0. The JVP graph
 *       therefore agrees with the numeric sweeps (ad-forward's {@code ForwardProgram},
 *       {@link Program#gradient}) and with {@link ReverseMode}'s graphs, which use the same
 *       product.</li>
 *   <li><b>Economy.</b> A partial that is identically zero ({@code null}) adds nothing,
 *       multiplications by the constants ±1 of linear rules are not built, and nodes that depend
 *       on no input get no tangent at all; an output with none gets a constant zero of its shape.</li>
 *   <li><b>Kinks.</b> The tangent graph contains {@code step}, {@code sign} and {@code tiestep}
 *       nodes whose value at 0 is read from the policy of the evaluation that runs it, so a JVP
 *       graph picks the same subgradient as the numeric sweeps under the same options.</li>
 * </ul>
 *
 * Trade-off: one direction per evaluation. For many directions at once, ad-forward's numeric
 * {@code ForwardProgram} with k lanes evaluates each partial once per k directions (scalar graphs).
 */
public final class ForwardMode {
    /** Default prefix of the tangent inputs: {@code t_x}. */
    public static final String TANGENT_PREFIX = "t_";
    /** Default prefix of the JVP outputs: {@code jvp_f}. */
    public static final String JVP_PREFIX = "jvp_";

    private ForwardMode() {
    }

    /** The name of the tangent input of an input named {@code x}: {@code t_x}. */
    public static String tangentName(String input) {
        return TANGENT_PREFIX + input;
    }

    /** The name of the JVP output of an output named {@code f}: {@code jvp_f}. */
    public static String jvpName(String output) {
        return JVP_PREFIX + output;
    }

    /** The JVP graph of {@code f}; see the class documentation for its inputs and outputs. */
    public static Graph jvpGraph(Graph f) {
        return jvpGraph(f, TANGENT_PREFIX, JVP_PREFIX);
    }

    /**
     * The JVP graph with other name prefixes for the tangent inputs and the JVP outputs, e.g.
     * for the JVP of a JVP graph, whose inputs already include {@code t_x}.
     */
    public static Graph jvpGraph(Graph f, String tangentPrefix, String outputPrefix) {
        checkNames(f, tangentPrefix, outputPrefix);
        GraphBuilder b = GraphBuilder.tracing();
        int size = f.size();
        Var[] m = new Var[size];
        Var[] tan = new Var[size];
        for (int j = 0; j < f.inputCount(); j++) {
            m[f.inputNode(j)] = b.input(f.inputName(j), f.inputShape(j));
        }
        for (int j = 0; j < f.inputCount(); j++) {
            tan[f.inputNode(j)] = b.input(tangentPrefix + f.inputName(j), f.inputShape(j));
        }
        for (int i = 0; i < size; i++) {
            Primitive p = f.primitive(i);
            if (p.kind() == Primitive.Kind.INPUT) {
                continue;
            }
            m[i] = b.replay(f, i, m);
            tan[i] = tangent(f, i, p, f.arity(i), m, tan);
        }
        int outputs = f.outputCount();
        String[] names = new String[2 * outputs];
        int[] nodes = new int[2 * outputs];
        for (int j = 0; j < outputs; j++) {
            int node = f.outputNode(j);
            names[j] = f.outputName(j);
            nodes[j] = m[node].node();
            names[outputs + j] = outputPrefix + f.outputName(j);
            Var t = tan[node] != null ? tan[node] : ReverseMode.zeros(b, f.shape(node));
            nodes[outputs + j] = t.node();
        }
        return b.build(names, nodes);
    }

    /** The tangent of node i by its primitive's JVP rule, or null when no argument carries one. */
    private static Var tangent(Graph f, int i, Primitive p, int n, Var[] m, Var[] tan) {
        boolean any = false;
        for (int k = 0; k < n && !any; k++) {
            any = tan[f.arg(i, k)] != null;
        }
        if (!any) {
            return null; // constants and matrix constants (n = 0) included
        }
        Var[] xs = new Var[n];
        Var[] ts = new Var[n];
        for (int k = 0; k < n; k++) {
            xs[k] = m[f.arg(i, k)];
            ts[k] = tan[f.arg(i, k)];
        }
        return TensorRules.jvp(p, xs, m[i], ts, f.param(i));
    }

    /** Null graph, empty prefixes, and tangent or JVP names that clash with existing ones. */
    private static void checkNames(Graph f, String tangentPrefix, String outputPrefix) {
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
        for (int j = 0; j < f.inputCount(); j++) {
            String name = tangentPrefix + f.inputName(j);
            if (f.inputNames().contains(name)) {
                throw new GraphException("cannot name the tangent of input '" + f.inputName(j) + "' '" + name
                        + "': the graph already has an input of that name; choose another prefix");
            }
        }
    }
}
