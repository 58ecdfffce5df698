package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;

/**
 * The numeric interpreter of flat node arrays: a forward loop {@code v[i] = f_i(v[args])} and a
 * reverse loop {@code g[arg_k] += Flow.times(g[i], ∂f_i/∂x_k)} over the nodes of a graph or a
 * recording tape. It is <em>generated</em> once per JVM from the registry of primitives by
 * {@link InterpreterWriter}: one {@code tableswitch} on the op code whose cases call each
 * primitive's declaration through its static field ({@link RuleEmitter}), so the JIT inlines the
 * declared formulas into the loop. No formula is written in this class or the writer; a new
 * primitive is interpreted at full speed without a change here.
 *
 * <p>Node arrays, as in {@code Graph}: {@code op[i]} the op code of node i, its arguments
 * {@code ap[as[i] … as[i+1])}, the last slot being the index in {@code cp} of the node's
 * parameter when its primitive has one ({@code cp[ap[as[i]]]} is the input position of an input
 * node and the value of a constant node).
 *
 * <p>Nodes whose primitive takes three or more arguments ({@code select}, the variadic
 * reductions) run through the Java helpers below, which apply the same declarations and the same
 * {@link Flow} contract.
 */
public abstract class Interpreter {
    /** The interpreter generated for the primitives registered in this JVM. */
    public static final Interpreter INSTANCE = InterpreterWriter.generate();

    /** Forward sweep of nodes {@code [from, to)}: fills their values; {@code inputs} by input position. */
    public abstract void forward(int from, int to, int[] op, int[] as, int[] ap, double[] cp, double[] inputs,
                                 double[] v, Subgradients pol, double[] scratch);

    /**
     * Reverse sweep of nodes {@code [from, to)}, last to first, from the seeded adjoints {@code g}:
     * each node marked in {@code reach} marks its arguments and, when its adjoint is not zero,
     * adds {@code Flow.times(g[i], ∂f_i/∂x_k)} to the adjoint of every argument it has an edge to.
     */
    public abstract void backward(int from, int to, int[] op, int[] as, int[] ap, double[] cp, double[] v,
                                  double[] g, boolean[] reach, Subgradients pol, double[] scratch);

    /**
     * The linearization of nodes {@code [from, to)}: {@code out[as[i] + k] = ∂f_i/∂x_k} at the
     * values {@code v} for every argument k of every node (exactly 0 where the edge does not exist,
     * see {@link Flow}). With these edge partials, forward tangents, reverse adjoints and sparse
     * Jacobians are loops over edges that know nothing of primitives.
     */
    public abstract void partials(int from, int to, int[] op, int[] as, int[] ap, double[] cp, double[] v,
                                  double[] out, Subgradients pol, double[] scratch);

    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);

    /** Arguments of node i (its slots less its parameter's). */
    static int arity(int i, int[] op, int[] as) {
        int slots = as[i + 1] - as[i];
        return PRIMS[op[i]].hasParam() ? slots - 1 : slots;
    }

    static double param(int i, int[] op, int[] as, int[] ap, double[] cp) {
        return PRIMS[op[i]].hasParam() ? cp[ap[as[i + 1] - 1]] : 0.0;
    }

    private static double[] gather(int i, int k, int[] as, int[] ap, double[] v, double[] scratch) {
        double[] x = k <= scratch.length ? scratch : new double[k];
        int s = as[i];
        for (int j = 0; j < k; j++) {
            x[j] = v[ap[s + j]];
        }
        return x;
    }

    /** {@code v[i] = p(args)} for a node the generated switch does not spell out. */
    public static void forwardGeneral(int i, int[] op, int[] as, int[] ap, double[] cp, double[] v,
                                      Subgradients pol, double[] scratch) {
        int k = arity(i, op, as);
        double[] x = gather(i, k, as, ap, v, scratch);
        v[i] = PRIMS[op[i]].apply(x, k, param(i, op, as, ap, cp), pol);
    }

    /** The edge partials of a node the generated switch does not spell out. */
    public static void partialsGeneral(int i, int[] op, int[] as, int[] ap, double[] cp, double[] v, double[] out,
                                       Subgradients pol, double[] scratch) {
        Primitive p = PRIMS[op[i]];
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
            return;
        }
        int k = arity(i, op, as);
        double[] x = gather(i, k, as, ap, v, scratch);
        double param = param(i, op, as, ap, cp);
        int s = as[i];
        for (int j = 0; j < k; j++) {
            out[s + j] = Flow.flows(op[i], j) ? p.partial(j, x, k, v[i], param, pol) : 0.0;
        }
    }

    /** The reverse step of a node the generated switch does not spell out. */
    public static void backwardGeneral(int i, int[] op, int[] as, int[] ap, double[] cp, double[] v, double[] g,
                                       boolean[] reach, Subgradients pol, double[] scratch) {
        int k = arity(i, op, as);
        int s = as[i];
        for (int j = 0; j < k; j++) {
            reach[ap[s + j]] = true;
        }
        double gi = g[i];
        if (gi == 0) {
            return;
        }
        int code = op[i];
        double[] x = gather(i, k, as, ap, v, scratch);
        Primitive p = PRIMS[code];
        double param = param(i, op, as, ap, cp);
        for (int j = 0; j < k; j++) {
            if (Flow.flows(code, j)) {
                int a = ap[s + j];
                g[a] = g[a] + Flow.times(gi, p.partial(j, x, k, v[i], param, pol));
            }
        }
    }
}
