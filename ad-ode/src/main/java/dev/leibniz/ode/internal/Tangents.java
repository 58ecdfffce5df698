package dev.leibniz.ode.internal;

import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Primitive;

/**
 * Forward-mode (tangent) sweep over a {@link Tape}: Jacobian–vector products of all outputs for
 * several tangent directions ("lanes") at once,
 * <pre>  ẏ_i = Σ_k ∂y_i/∂x_k · ẋ_k   for every lane,</pre>
 * with the primitives' numeric partials, each partial computed once per node and applied to all
 * lanes. Cost: one pass over the nodes times the number of lanes; memory: size × lanes doubles.
 *
 * <p>This is a stop-gap until ad-forward exists: it is the only place in ad-ode that implements
 * forward mode, so it can be swapped for ad-forward's JVP engine without touching the solvers.
 *
 * <p>Storage layout, lane-minor: the tangent of node {@code i} in lane {@code l} is
 * {@code dot[i * lanes + l]}; input tangents likewise, {@code inputDot[j * lanes + l]} for input
 * position {@code j}. A partial that is exactly zero contributes nothing (so a non-finite tangent
 * in an unselected branch never turns into 0·∞ = NaN).
 */
public final class Tangents {
    private Tangents() {
    }

    /**
     * Propagates input tangents through the nodes. {@code v} must hold the node values from
     * {@link Tape#forward} at the same point.
     */
    public static void jvp(Tape t, double[] v, double[] inputDot, int lanes, double[] dot, double[] scratch) {
        final int[] args = t.args;
        final int[] as = t.argStart;
        for (int i = 0; i < t.size; i++) {
            int s = as[i];
            int o = i * lanes;
            switch (t.kind[i]) {
                case INPUT -> System.arraycopy(inputDot, (int) t.param[i] * lanes, dot, o, lanes);
                case CONSTANT -> java.util.Arrays.fill(dot, o, o + lanes, 0.0);
                case UNARY -> {
                    int a = args[s];
                    double d = t.unary[i].derivative(v[a], v[i], t.param[i], t.policy);
                    scale(dot, o, d, a * lanes, lanes);
                }
                case BINARY -> {
                    int a = args[s];
                    int b = args[s + 1];
                    BinaryPrimitive p = t.binary[i];
                    double pa = p.partialA(v[a], v[b], v[i], t.policy);
                    double pb = p.partialB(v[a], v[b], v[i], t.policy);
                    scale(dot, o, pa, a * lanes, lanes);
                    addScaled(dot, o, pb, b * lanes, lanes);
                }
                default -> {
                    int k = as[i + 1] - s;
                    t.gather(i, v, scratch);
                    Primitive p = t.prim[i];
                    java.util.Arrays.fill(dot, o, o + lanes, 0.0);
                    for (int j = 0; j < k; j++) {
                        addScaled(dot, o, p.partial(j, scratch, k, v[i], t.param[i], t.policy), args[s + j] * lanes, lanes);
                    }
                }
            }
        }
    }

    /** Copies the output tangents: {@code out[j * lanes + l]}. */
    public static void outputs(Tape t, double[] dot, int lanes, double[] out) {
        for (int j = 0; j < t.outputNodes.length; j++) {
            System.arraycopy(dot, t.outputNodes[j] * lanes, out, j * lanes, lanes);
        }
    }

    private static void scale(double[] dot, int o, double d, int src, int lanes) {
        if (d == 0) {
            java.util.Arrays.fill(dot, o, o + lanes, 0.0);
            return;
        }
        for (int l = 0; l < lanes; l++) {
            dot[o + l] = d * dot[src + l];
        }
    }

    private static void addScaled(double[] dot, int o, double d, int src, int lanes) {
        if (d == 0) {
            return;
        }
        for (int l = 0; l < lanes; l++) {
            dot[o + l] += d * dot[src + l];
        }
    }
}
