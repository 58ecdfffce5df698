package dev.leibniz.core;

import dev.leibniz.core.internal.TensorRules;
import dev.leibniz.core.prim.Primitive;

/**
 * Forward mode with k tangent directions ("lanes") at once, as one scalar graph: from {@code f}
 * with inputs x₁…xₙ and outputs f₁…fₘ, the graph with inputs x₁…xₙ, then the lanes of the
 * <em>seeded</em> inputs, and outputs f₁…fₘ, then every output's k tangents
 * <pre>  ḟ_i,l = Σ_j ∂f_i/∂x_j · ẋ_j,l     (l &lt; k),</pre>
 * output i's lanes contiguous ({@code jvp} output {@code m + i·k + l}). Each input's tangent is one
 * of three kinds, fixed when the graph is built:
 * <ul>
 *   <li><b>seeded</b>: k graph inputs {@code t_x_l}, read at evaluation (an ODE's state
 *       sensitivities S);</li>
 *   <li><b>unit</b> in lane q: the constant 1 in lane q, zero elsewhere (a parameter's own
 *       direction, ∂f/∂p·e_q);</li>
 *   <li><b>zero</b> in every lane (t, or a parameter nobody differentiates by).</li>
 * </ul>
 * Each lane's tangent is built by {@link TensorRules#jvp} from the primitives' declared partials
 * — the rule table, as {@link ForwardMode#jvpGraph} does for one direction — and the k copies of
 * each partial are then merged by the optimization passes (bit for bit the same values).
 *
 * <p>Why constants rather than inputs for the unit and zero tangents: a lane with a zero tangent
 * builds no node, and a unit tangent is the partial itself, so a lane costs only the edges its
 * direction reaches. On Lotka–Volterra's right-hand side (2 states, 4 parameters, 6 lanes) that
 * is 58 tangent nodes where a dense k-lane sweep does 6 × 16 multiply-adds.
 *
 * <p>Numbers: the same products and sums as ad-forward's numeric k-lane sweep
 * ({@code ForwardProgram}), except that terms whose tangent is an exact zero are left out instead
 * of added as ±0, which can change only the sign of a zero tangent. Scalar graphs only (every
 * input and node a scalar), which is what a lane layout means.
 */
public final class LaneJvpGraph {
    /** The tangent of an input that is zero in every lane. */
    public static final int ZERO = -1;
    /** The tangent of an input that is a graph input in every lane. */
    public static final int SEEDED = -2;

    private LaneJvpGraph() {
    }

    /**
     * The k-lane JVP graph of {@code f}. {@code tangent[j]} says what input j's tangent is:
     * {@link #SEEDED}, {@link #ZERO}, or a lane q in {@code [0, lanes)} for the unit tangent in
     * lane q. The seeded inputs' lanes are named {@code t_x_l} and follow f's inputs, input by
     * input in f's order, lanes contiguous; output i's lane l is named {@code jvp_f_l}.
     *
     * @throws GraphException for a null graph, a non-scalar node, a bad lane count or tangent kind,
     *                        naming it
     */
    public static Graph of(Graph f, int lanes, int[] tangent) {
        check(f, lanes, tangent);
        GraphBuilder b = GraphBuilder.tracing();
        int size = f.size();
        Var[] m = new Var[size];
        for (int j = 0; j < f.inputCount(); j++) {
            m[f.inputNode(j)] = b.input(f.inputName(j));
        }
        Var[][] tan = inputTangents(f, lanes, tangent, b);
        for (int i = 0; i < size; i++) {
            Primitive p = f.primitive(i);
            if (p.kind() == Primitive.Kind.INPUT) {
                continue;
            }
            int n = f.arity(i);
            m[i] = b.replay(f, i, m);
            Var[] t = new Var[lanes];
            for (int l = 0; l < lanes; l++) {
                t[l] = laneTangent(f, i, p, n, m, tan, l);
            }
            tan[i] = t;
        }
        return dev.leibniz.core.passes.Passes.optimize(withOutputs(f, lanes, m, tan, b)).graph();
    }

    /**
     * The tangents of f's inputs, indexed by node (other nodes null): k graph inputs for a seeded
     * input, the one shared constant 1 in lane q for a unit tangent, and null (no node) for a
     * zero tangent or a unit tangent's other lanes.
     */
    private static Var[][] inputTangents(Graph f, int lanes, int[] tangent, GraphBuilder b) {
        Var[][] tan = new Var[f.size()][];
        Var one = null;
        for (int j = 0; j < f.inputCount(); j++) {
            Var[] t = new Var[lanes];
            if (tangent[j] == SEEDED) {
                for (int l = 0; l < lanes; l++) {
                    t[l] = b.input(ForwardMode.tangentName(f.inputName(j)) + "_" + l);
                }
            } else if (tangent[j] >= 0) {
                one = one == null ? b.constant(1.0) : one;
                t[tangent[j]] = one;
            }
            tan[f.inputNode(j)] = t;
        }
        return tan;
    }

    /**
     * The graph with outputs f₁…fₘ, then output i's k tangents at {@code m + i·k + l}; a lane no
     * input reaches gets the one shared constant 0.
     */
    private static Graph withOutputs(Graph f, int lanes, Var[] m, Var[][] tan, GraphBuilder b) {
        int outputs = f.outputCount();
        String[] names = new String[outputs * (1 + lanes)];
        int[] nodes = new int[names.length];
        Var zero = null;
        for (int j = 0; j < outputs; j++) {
            int node = f.outputNode(j);
            names[j] = f.outputName(j);
            nodes[j] = m[node].node();
            for (int l = 0; l < lanes; l++) {
                int o = outputs + j * lanes + l;
                names[o] = ForwardMode.jvpName(f.outputName(j)) + "_" + l;
                Var t = tan[node] == null ? null : tan[node][l];
                if (t == null) {
                    zero = zero == null ? b.constant(0.0) : zero;
                    t = zero;
                }
                nodes[o] = t.node();
            }
        }
        return b.build(names, nodes);
    }

    /** Lane l's tangent of node i by its primitive's JVP rule, or null when no argument carries one in that lane. */
    private static Var laneTangent(Graph f, int i, Primitive p, int n, Var[] m, Var[][] tan, int l) {
        Var[] ts = new Var[n];
        boolean any = false;
        for (int k = 0; k < n; k++) {
            Var[] a = tan[f.arg(i, k)];
            ts[k] = a == null ? null : a[l];
            any |= ts[k] != null;
        }
        if (!any) {
            return null;
        }
        Var[] xs = new Var[n];
        for (int k = 0; k < n; k++) {
            xs[k] = m[f.arg(i, k)];
        }
        return TensorRules.jvp(p, xs, m[i], ts, f.param(i));
    }

    private static void check(Graph f, int lanes, int[] tangent) {
        if (f == null) {
            throw new GraphException("cannot build the lane JVP graph of a null graph");
        }
        if (lanes < 1) {
            throw new GraphException("the lane JVP graph needs at least one lane, got " + lanes);
        }
        if (tangent == null || tangent.length != f.inputCount()) {
            throw new GraphException("the lane JVP graph needs one tangent kind per input (" + f.inputCount()
                    + " inputs " + f.inputNames() + "), got " + (tangent == null ? "null" : tangent.length));
        }
        for (int j = 0; j < tangent.length; j++) {
            if (tangent[j] != SEEDED && tangent[j] != ZERO && (tangent[j] < 0 || tangent[j] >= lanes)) {
                throw new GraphException("tangent kind of input '" + f.inputName(j) + "' is " + tangent[j]
                        + ": expected SEEDED (-2), ZERO (-1) or a lane in [0, " + lanes + ")");
            }
        }
        for (int i = 0; i < f.size(); i++) {
            if (!f.shape(i).isScalar()) {
                throw new GraphException("the lane JVP graph is for scalar graphs; node " + i + " ("
                        + f.primitive(i).name() + ") has shape " + f.shape(i));
            }
        }
    }
}
