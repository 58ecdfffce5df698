package dev.leibniz.core;

import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.util.Arrays;

/**
 * The numeric interpreter shared by compiled static graphs ({@link Program}) and dynamic tapes
 * ({@link Recorder}): a forward loop and a reverse (adjoint) loop over the flat node arrays.
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

    static {
        for (int c = 0; c < PRIMS.length; c++) {
            KIND[c] = PRIMS[c].kind();
            HAS_PARAM[c] = PRIMS[c].hasParam();
        }
    }

    /** True when an adjoint flows from a node with op {@code code} to its argument {@code k} ({@link Flow}). */
    static boolean flows(int code, int k) {
        return Flow.flows(code, k);
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
            FastEngine.forward(t, inputs, v, opt.policy(), scratch);
            return;
        }
        reference(t, inputs, v, opt, scratch);
    }

    /** The reference forward loop: every node through its primitive's own rule. */
    static void reference(Nodes t, double[] inputs, double[] v, EvalOptions opt, double[] scratch) {
        final int[] op = t.op;
        final int[] as = t.argStart;
        final int[] ap = t.argPool;
        final Subgradients pol = opt.policy();
        for (int i = 0, n = t.size; i < n; i++) {
            int code = op[i];
            int s = as[i];
            switch (KIND[code]) {
                case INPUT -> v[i] = inputs[(int) t.constPool[ap[s]]];
                case CONSTANT -> v[i] = t.constPool[ap[s]];
                case UNARY -> v[i] = ((UnaryPrimitive) PRIMS[code]).apply(v[ap[s]], t.param(i), pol);
                case BINARY -> v[i] = ((BinaryPrimitive) PRIMS[code]).apply(v[ap[s]], v[ap[s + 1]], pol);
                default -> {
                    int k = t.arity(i);
                    double[] x = gather(t, i, k, v, scratch);
                    v[i] = PRIMS[code].apply(x, k, t.param(i), pol);
                }
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
            FastEngine.backward(t, v, g, reach, opt.policy(), scratch);
            return;
        }
        referenceBackward(t, v, g, reach, opt, scratch);
    }

    /** The reference reverse loop: every node through its primitive's own rules. */
    static void referenceBackward(Nodes t, double[] v, double[] g, boolean[] reach, EvalOptions opt, double[] scratch) {
        final int[] op = t.op;
        final int[] as = t.argStart;
        final int[] ap = t.argPool;
        final Subgradients pol = opt.policy();
        final boolean check = opt.detectAnomalies();
        for (int i = t.size - 1; i >= 0; i--) {
            if (!reach[i]) {
                continue;
            }
            int code = op[i];
            int s = as[i];
            double gi = g[i];
            switch (KIND[code]) {
                case INPUT, CONSTANT -> {
                }
                case UNARY -> {
                    int a = ap[s];
                    reach[a] = true;
                    if (gi != 0 && flows(code, 0)) {
                        g[a] += Flow.times(gi, ((UnaryPrimitive) PRIMS[code]).derivative(v[a], v[i], t.param(i), pol));
                        if (check) {
                            checkBackward(t, i, g, a, v);
                        }
                    }
                }
                case BINARY -> {
                    int a = ap[s];
                    int b = ap[s + 1];
                    reach[a] = true;
                    reach[b] = true;
                    if (gi != 0) {
                        BinaryPrimitive p = (BinaryPrimitive) PRIMS[code];
                        double pa = p.partialA(v[a], v[b], v[i], pol);
                        double pb = p.partialB(v[a], v[b], v[i], pol);
                        if (flows(code, 0)) {
                            g[a] += Flow.times(gi, pa);
                        }
                        if (flows(code, 1)) {
                            g[b] += Flow.times(gi, pb);
                        }
                        if (check) {
                            checkBackward(t, i, g, a, v);
                            checkBackward(t, i, g, b, v);
                        }
                    }
                }
                default -> {
                    int k = t.arity(i);
                    for (int j = 0; j < k; j++) {
                        reach[ap[s + j]] = true;
                    }
                    if (gi != 0) {
                        double[] x = gather(t, i, k, v, scratch);
                        Primitive p = PRIMS[code];
                        double param = t.param(i);
                        for (int j = 0; j < k; j++) {
                            int a = ap[s + j];
                            if (!flows(code, j)) {
                                continue;
                            }
                            g[a] += Flow.times(gi, p.partial(j, x, k, v[i], param, pol));
                            if (check) {
                                checkBackward(t, i, g, a, v);
                            }
                        }
                    }
                }
            }
        }
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

    private static void checkBackward(Nodes t, int i, double[] g, int a, double[] v) {
        if (Double.isFinite(g[a]) || !Double.isFinite(g[i])) {
            return;
        }
        throw new AnomalyException("anomaly in backward pass: the reverse rule of node %" + i + " ("
                + PRIMS[t.op[i]].name() + ", value " + v[i] + ", adjoint " + g[i] + ") sent " + g[a]
                + " to its argument %" + a + " (value " + v[a] + ")", i, true);
    }
}
