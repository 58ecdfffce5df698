package dev.leibniz.core;

import dev.leibniz.core.compile.internal.Interpreter;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Arrays;

/**
 * The numeric sweeps shared by static graphs ({@link Program}) and dynamic tapes
 * ({@link Recorder}): a forward loop and a reverse (adjoint) loop over the flat node arrays. The
 * fast loops are the {@link Interpreter} generated from the primitives' declarations; the
 * reference loops here (every node through its primitive's virtual rule methods) serve anomaly
 * detection, which checks every value as it is produced.
 *
 * <p>The reverse loop is the whole of backpropagation: for nodes in reverse order, each
 * argument k receives {@code ḡ[arg_k] += ḡ[i] · ∂y_i/∂x_k}. Because adjoints are accumulated
 * with {@code +=}, a node with several users (fan-out, shared subexpressions, tied weights)
 * receives the sum over all paths. A node whose adjoint is exactly zero contributes nothing,
 * even where a local partial is infinite: the branch not taken by a {@code select} gets an
 * exact zero rather than 0·∞ = NaN.
 */
final class Engine {
    private Engine() {
    }

    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);
    private static final Primitive.Kind[] KIND = new Primitive.Kind[PRIMS.length];
    /** Per op code: whether the node stores a parameter (read per node, so a table, not a virtual call). */
    static final boolean[] HAS_PARAM = new boolean[PRIMS.length];
    /** Per op code: an input or a constant (no rule to apply; its one slot is a constant-pool index). */
    private static final boolean[] LEAF = new boolean[PRIMS.length];

    static {
        for (int c = 0; c < PRIMS.length; c++) {
            KIND[c] = PRIMS[c].kind();
            HAS_PARAM[c] = PRIMS[c].hasParam();
            LEAF[c] = KIND[c] == Primitive.Kind.INPUT || KIND[c] == Primitive.Kind.CONSTANT;
        }
    }

    /** A read-only view of node arrays (a {@link Graph}, or a recorder's live tape). */
    record Nodes(int size, int[] op, int[] argStart, int[] argPool, double[] constPool) {
        static Nodes of(Graph g) {
            return new Nodes(g.size(), g.op, g.argStart, g.argPool, g.constPool);
        }

        double param(int i) {
            return HAS_PARAM[op[i]] ? constPool[argPool[argStart[i + 1] - 1]] : 0.0;
        }

        int arity(int i) {
            int slots = argStart[i + 1] - argStart[i];
            return HAS_PARAM[op[i]] ? slots - 1 : slots;
        }
    }

    /** Forward pass: fills {@code v[0..size)}; {@code inputs} are indexed by input position. */
    static void forward(Nodes t, double[] inputs, double[] v, EvalOptions opt, double[] scratch) {
        if (!opt.detectAnomalies()) {
            Interpreter.INSTANCE.forward(0, t.size, t.op, t.argStart, t.argPool, t.constPool, inputs, v, opt.policy(),
                    scratch);
            return;
        }
        reference(t, inputs, v, opt, scratch);
    }

    /**
     * The reference forward loop: every node through its primitive's general rule
     * {@link Primitive#apply(double[], int, double, Subgradients)} — the declaration itself, called
     * through the object, independent of the generated interpreter it is checked against.
     */
    static void reference(Nodes t, double[] inputs, double[] v, EvalOptions opt, double[] scratch) {
        final int[] op = t.op;
        final int[] as = t.argStart;
        final int[] ap = t.argPool;
        final Subgradients pol = opt.policy();
        for (int i = 0, n = t.size; i < n; i++) {
            int code = op[i];
            int s = as[i];
            if (LEAF[code]) {
                double c = t.constPool[ap[s]];
                v[i] = KIND[code] == Primitive.Kind.INPUT ? inputs[(int) c] : c;
            } else {
                int k = t.arity(i);
                v[i] = PRIMS[code].apply(gather(t, i, k, v, scratch), k, t.param(i), pol);
            }
            if (opt.detectAnomalies() && !Double.isFinite(v[i])) {
                checkForward(t, i, v);
            }
        }
    }

    /**
     * Reverse pass from seeded adjoints {@code g} (e.g. 1 at the output). Marks in {@code reach}
     * every node with a path to a seeded node; returns with {@code g} holding the adjoints.
     */
    static void backward(Nodes t, double[] v, double[] g, boolean[] reach, EvalOptions opt, double[] scratch) {
        if (!opt.detectAnomalies()) {
            Interpreter.INSTANCE.backward(0, t.size, t.op, t.argStart, t.argPool, t.constPool, v, g, reach,
                    opt.policy(), scratch);
            return;
        }
        referenceBackward(t, v, g, reach, opt, scratch);
    }

    /**
     * The reference reverse loop: every node through its primitive's general rule
     * {@link Primitive#partial(int, double[], int, double, double, Subgradients)}, with the
     * {@link Flow} contract.
     */
    static void referenceBackward(Nodes t, double[] v, double[] g, boolean[] reach, EvalOptions opt, double[] scratch) {
        final int[] op = t.op;
        final int[] as = t.argStart;
        final int[] ap = t.argPool;
        final Subgradients pol = opt.policy();
        final boolean check = opt.detectAnomalies();
        AnomalyException first = null;
        for (int i = t.size - 1; i >= 0; i--) {
            int code = op[i];
            if (!reach[i] || LEAF[code]) {
                continue;
            }
            int s = as[i];
            int k = t.arity(i);
            for (int j = 0; j < k; j++) {
                reach[ap[s + j]] = true;
            }
            double gi = g[i];
            if (gi == 0) {
                continue;
            }
            double[] x = gather(t, i, k, v, scratch);
            Primitive p = PRIMS[code];
            double param = t.param(i);
            for (int j = 0; j < k; j++) {
                if (!Flow.flows(code, j)) {
                    continue;
                }
                int a = ap[s + j];
                g[a] += Flow.times(gi, p.partial(j, x, k, v[i], param, pol));
                if (check && first == null) {
                    first = anomalyAt(t, i, g, a, v);
                }
            }
        }
        if (first != null && reachesAnInput(t, g, reach)) {
            throw first;
        }
    }

    /**
     * Whether a non-finite adjoint arrived at an input. An infinite adjoint inside the graph that a
     * strong zero absorbs on the way (the adjoint ∞ of {@code relu}'s output in
     * {@code sqrt(relu(x)) + x} at x = −1, times relu's partial 0) leaves every gradient finite and is
     * no anomaly of the result; one that reaches an input is reported at the node that produced it.
     */
    private static boolean reachesAnInput(Nodes t, double[] g, boolean[] reach) {
        for (int i = 0; i < t.size; i++) {
            if (reach[i] && KIND[t.op[i]] == Primitive.Kind.INPUT && !Double.isFinite(g[i])) {
                return true;
            }
        }
        return false;
    }

    private static double[] gather(Nodes t, int i, int k, double[] v, double[] scratch) {
        double[] x = k <= scratch.length ? scratch : new double[k];
        int s = t.argStart[i];
        for (int j = 0; j < k; j++) {
            x[j] = v[t.argPool[s + j]];
        }
        return x;
    }

    private static void checkForward(Nodes t, int i, double[] v) {
        int k = t.arity(i);
        double[] args = new double[k];
        for (int j = 0; j < k; j++) {
            args[j] = v[t.argPool[t.argStart[i] + j]];
            if (!Double.isFinite(args[j])) {
                return; // not the first: an argument was already non-finite
            }
        }
        throw new AnomalyException("anomaly in forward pass: node %" + i + " (" + PRIMS[t.op[i]].name()
                + ") produced " + v[i] + " from finite arguments " + Arrays.toString(args), i, false);
    }

    /** Anomaly check of a forward pass that has already run: throws at its first non-finite producer. */
    static void checkForwardValues(Nodes t, double[] v) {
        for (int i = 0; i < t.size; i++) {
            if (!Double.isFinite(v[i])) {
                checkForward(t, i, v);
            }
        }
    }

    /** The anomaly of node i's reverse rule if it sent a non-finite adjoint to {@code a} from a finite one, else null. */
    private static AnomalyException anomalyAt(Nodes t, int i, double[] g, int a, double[] v) {
        if (Double.isFinite(g[a]) || !Double.isFinite(g[i])) {
            return null;
        }
        return new AnomalyException("anomaly in backward pass: the reverse rule of node %" + i + " ("
                + PRIMS[t.op[i]].name() + ", value " + v[i] + ", adjoint " + g[i] + ") sent " + g[a]
                + " to its argument %" + a + " (value " + v[a] + ")", i, true);
    }
}
