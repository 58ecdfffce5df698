package dev.leibniz.core.prim;

import java.util.List;

/**
 * The one flow contract of every numeric sweep (reverse adjoints, forward tangent lanes, the
 * linearization of a graph): how much of a factor crosses one edge {@code arg_k → node}.
 *
 * <ol>
 *   <li><b>No edge where the partial is identically zero.</b> An argument whose
 *       {@link Primitive#dependence(int)} is {@link Dependence#NONE} (a comparison's operands, a
 *       step's argument, a {@code select}'s condition) receives nothing, not even {@code 0·NaN} or
 *       {@code ∞·0}; the symbolic rules return {@code null} for such a partial and build no node.
 *       {@link #flows(int, int)} answers from a table by op code, so hot loops make no virtual call.</li>
 *   <li><b>Strong zero on both sides.</b> The contribution is {@link #times(double, double)
 *       factor · partial} with an exact zero on <em>either</em> side giving an exact zero:
 *       {@code ∞ · 0 = 0}. This is the rule of the strong-zero product {@code mulz} of derivative
 *       graphs and of the forward lanes, so reverse, forward and symbolic derivatives agree. Example:
 *       {@code f(x) = sqrt(relu(x)) + x} at {@code x = −1} equals {@code x} near −1; the adjoint of
 *       {@code relu}'s output is {@code sqrt'(0) = ∞}, its partial is 0, and the strong zero gives
 *       the right {@code df/dx = 1} where plain multiplication gives NaN.</li>
 * </ol>
 * The alternative (a zero adjoint is skipped but {@code ∞·0} is NaN) would make a derivative
 * depend on the back end's association; the strong zero is the convention of ChainRules'
 * {@code ZeroTangent} and JAX's symbolic zeros applied to numbers.
 */
public final class Flow {
    private Flow() {
    }

    private static final long[] NO_FLOW;

    static {
        List<Primitive> all = Primitives.all();
        NO_FLOW = new long[all.size()];
        for (int c = 0; c < all.size(); c++) {
            Primitive p = all.get(c);
            int n = p.arity() < 0 ? 64 : Math.min(p.arity(), 64);
            for (int k = 0; k < n; k++) {
                if (p.dependence(k) == Dependence.NONE) {
                    NO_FLOW[c] |= 1L << k;
                }
            }
        }
    }

    /**
     * True when a factor flows from a node with op code {@code code} to its argument {@code k}
     * (false exactly when the declared dependence on that argument is {@link Dependence#NONE}).
     * A variadic primitive's arguments beyond the 64th share the dependence of argument 63.
     */
    public static boolean flows(int code, int k) {
        return (NO_FLOW[code] & (1L << Math.min(k, 63))) == 0;
    }

    /** Bit k set when nothing flows to argument k of op {@code code}; for loops that test many arguments. */
    public static long noFlowMask(int code) {
        return NO_FLOW[code];
    }

    /**
     * {@code factor · partial} with a strong zero on both sides: 0 when either is exactly 0 and the
     * other is infinite or NaN, else the IEEE product (so ±0 when a zero meets a finite number, and
     * exactly {@code factor · partial} whenever both are finite) — the strong-zero product
     * {@code mulz} of derivative graphs, one definition for both. Because a finite factor gives the
     * plain product, the reverse sweeps test each node's adjoint once and multiply without a test
     * per edge.
     */
    public static double times(double factor, double partial) {
        return Arithmetic.strongZeroProduct(factor, partial);
    }
}
