package dev.leibniz.forward;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Hyperbolic;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Reductions;
import dev.leibniz.core.prim.Special;
import dev.leibniz.core.prim.Trigonometric;
import dev.leibniz.core.prim.UnaryPrimitive;

/**
 * Operations on {@link DualVector}s that write into an output argument, EJML style: the output
 * is passed in, reused and returned, so an inner loop allocates nothing. The output may be one
 * of the arguments ({@code mul(a, b, a)} is fine): each lane reads its arguments before it is
 * written.
 *
 * <p>Every operation is ad-core's primitive with its own rules: the value is {@code p.apply},
 * and each of the k lanes gets {@code ẏ_l = Σ_j ∂_j p · ẋ_{j,l}} with the partials evaluated
 * once for all lanes. So a Jacobian of n inputs costs ⌈n/k⌉ passes of the code, each pass
 * evaluating every local partial once. Any primitive of {@code Primitives.all()} can be applied
 * with {@link #apply}; the named methods cover the common ones with the default kink policy,
 * and the kink functions take a {@link Subgradients} policy too.
 */
public final class DualVectorOps {
    private DualVectorOps() {
    }

    private static final Subgradients DEFAULT = Subgradients.DEFAULT;

    /** out = p(x; param). */
    public static DualVector unary(UnaryPrimitive p, double param, DualVector x, DualVector out, Subgradients policy) {
        checkPolicy(policy, p);
        int k = sameLanes(p, out, x);
        double y = p.apply(x.value, param, policy);
        double d = p.derivative(x.value, y, param, policy);
        double[] xt = x.lanes;
        double[] ot = out.lanes;
        for (int l = 0; l < k; l++) {
            ot[l] = Lanes.times(d, xt[l]);
        }
        out.value = y;
        return out;
    }

    /** out = p(a, b). */
    public static DualVector binary(BinaryPrimitive p, DualVector a, DualVector b, DualVector out, Subgradients policy) {
        checkPolicy(policy, p);
        int k = sameLanes(p, out, a, b);
        double y = p.apply(a.value, b.value, policy);
        double pa = p.partialA(a.value, b.value, y, policy);
        double pb = p.partialB(a.value, b.value, y, policy);
        double[] at = a.lanes;
        double[] bt = b.lanes;
        double[] ot = out.lanes;
        for (int l = 0; l < k; l++) {
            ot[l] = Lanes.times(pa, at[l]) + Lanes.times(pb, bt[l]);
        }
        out.value = y;
        return out;
    }

    /**
     * out = p(args; param) for any primitive, including the variadic reductions and
     * {@code select}. Allocates one array of the argument values (the unary and binary forms
     * allocate nothing).
     */
    public static DualVector apply(Primitive p, double param, DualVector[] args, DualVector out, Subgradients policy) {
        if (p == null) {
            throw new GraphException("primitive must not be null");
        }
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
            throw new GraphException("'" + p.name() + "' is a leaf; use DualVector.variable or DualVector.constant");
        }
        if (args == null) {
            throw new GraphException("arguments of '" + p.name() + "' are null");
        }
        p.checkArity(args.length);
        checkPolicy(policy, p);
        int k = sameLanes(p, out, args);
        int n = args.length;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = args[j].value;
        }
        double y = p.apply(x, n, param, policy);
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            d[j] = p.partial(j, x, n, y, param, policy);
        }
        for (int l = 0; l < k; l++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Lanes.times(d[j], args[j].lanes[l]);
            }
            out.lanes[l] = s;
        }
        out.value = y;
        return out;
    }

    public static DualVector add(DualVector a, DualVector b, DualVector out) {
        return binary(Arithmetic.ADD, a, b, out, DEFAULT);
    }

    public static DualVector sub(DualVector a, DualVector b, DualVector out) {
        return binary(Arithmetic.SUB, a, b, out, DEFAULT);
    }

    public static DualVector mul(DualVector a, DualVector b, DualVector out) {
        return binary(Arithmetic.MUL, a, b, out, DEFAULT);
    }

    public static DualVector div(DualVector a, DualVector b, DualVector out) {
        return binary(Arithmetic.DIV, a, b, out, DEFAULT);
    }

    public static DualVector pow(DualVector a, DualVector b, DualVector out) {
        return binary(Arithmetic.POW, a, b, out, DEFAULT);
    }

    public static DualVector hypot(DualVector a, DualVector b, DualVector out) {
        return binary(Kinks.HYPOT, a, b, out, DEFAULT);
    }

    public static DualVector max(DualVector a, DualVector b, DualVector out, Subgradients policy) {
        return binary(Kinks.MAX, a, b, out, policy);
    }

    public static DualVector min(DualVector a, DualVector b, DualVector out, Subgradients policy) {
        return binary(Kinks.MIN, a, b, out, policy);
    }

    public static DualVector neg(DualVector x, DualVector out) {
        return unary(Arithmetic.NEG, 0, x, out, DEFAULT);
    }

    public static DualVector square(DualVector x, DualVector out) {
        return unary(Arithmetic.SQUARE, 0, x, out, DEFAULT);
    }

    /** xⁿ for an integer n, exact (repeated squaring). */
    public static DualVector pow(DualVector x, int n, DualVector out) {
        return unary(Arithmetic.POWI, n, x, out, DEFAULT);
    }

    public static DualVector sqrt(DualVector x, DualVector out) {
        return unary(Elementary.SQRT, 0, x, out, DEFAULT);
    }

    public static DualVector exp(DualVector x, DualVector out) {
        return unary(Elementary.EXP, 0, x, out, DEFAULT);
    }

    public static DualVector log(DualVector x, DualVector out) {
        return unary(Elementary.LOG, 0, x, out, DEFAULT);
    }

    public static DualVector log1p(DualVector x, DualVector out) {
        return unary(Elementary.LOG1P, 0, x, out, DEFAULT);
    }

    public static DualVector expm1(DualVector x, DualVector out) {
        return unary(Elementary.EXPM1, 0, x, out, DEFAULT);
    }

    public static DualVector sin(DualVector x, DualVector out) {
        return unary(Elementary.SIN, 0, x, out, DEFAULT);
    }

    public static DualVector cos(DualVector x, DualVector out) {
        return unary(Elementary.COS, 0, x, out, DEFAULT);
    }

    public static DualVector tan(DualVector x, DualVector out) {
        return unary(Elementary.TAN, 0, x, out, DEFAULT);
    }

    public static DualVector tanh(DualVector x, DualVector out) {
        return unary(Elementary.TANH, 0, x, out, DEFAULT);
    }

    public static DualVector sigmoid(DualVector x, DualVector out) {
        return unary(Elementary.SIGMOID, 0, x, out, DEFAULT);
    }

    public static DualVector softplus(DualVector x, DualVector out) {
        return unary(Elementary.SOFTPLUS, 0, x, out, DEFAULT);
    }

    public static DualVector asin(DualVector x, DualVector out) {
        return unary(Trigonometric.ASIN, 0, x, out, DEFAULT);
    }

    public static DualVector acos(DualVector x, DualVector out) {
        return unary(Trigonometric.ACOS, 0, x, out, DEFAULT);
    }

    public static DualVector atan(DualVector x, DualVector out) {
        return unary(Trigonometric.ATAN, 0, x, out, DEFAULT);
    }

    /** atan2(y, x), the angle of the point (x, y). */
    public static DualVector atan2(DualVector y, DualVector x, DualVector out) {
        return binary(Trigonometric.ATAN2, y, x, out, DEFAULT);
    }

    public static DualVector sinh(DualVector x, DualVector out) {
        return unary(Hyperbolic.SINH, 0, x, out, DEFAULT);
    }

    public static DualVector cosh(DualVector x, DualVector out) {
        return unary(Hyperbolic.COSH, 0, x, out, DEFAULT);
    }

    public static DualVector asinh(DualVector x, DualVector out) {
        return unary(Hyperbolic.ASINH, 0, x, out, DEFAULT);
    }

    public static DualVector acosh(DualVector x, DualVector out) {
        return unary(Hyperbolic.ACOSH, 0, x, out, DEFAULT);
    }

    public static DualVector atanh(DualVector x, DualVector out) {
        return unary(Hyperbolic.ATANH, 0, x, out, DEFAULT);
    }

    public static DualVector erf(DualVector x, DualVector out) {
        return unary(Special.ERF, 0, x, out, DEFAULT);
    }

    public static DualVector erfc(DualVector x, DualVector out) {
        return unary(Special.ERFC, 0, x, out, DEFAULT);
    }

    public static DualVector cbrt(DualVector x, DualVector out) {
        return unary(Special.CBRT, 0, x, out, DEFAULT);
    }

    public static DualVector log10(DualVector x, DualVector out) {
        return unary(Special.LOG10, 0, x, out, DEFAULT);
    }

    public static DualVector relu(DualVector x, DualVector out, Subgradients policy) {
        return unary(Kinks.RELU, 0, x, out, policy);
    }

    public static DualVector abs(DualVector x, DualVector out, Subgradients policy) {
        return unary(Kinks.ABS, 0, x, out, policy);
    }

    /** {@code ifTrue} where {@code condition ≠ 0}, else {@code ifFalse}; the other branch gets an exact zero. */
    public static DualVector select(DualVector condition, DualVector ifTrue, DualVector ifFalse, DualVector out) {
        return apply(Comparisons.SELECT, 0, new DualVector[] {condition, ifTrue, ifFalse}, out, DEFAULT);
    }

    /** log Σ eˣⁱ, shifted by the maximum; tangents are the softmax-weighted sums. */
    public static DualVector logsumexp(DualVector out, DualVector... xs) {
        return apply(Reductions.LOGSUMEXP, 0, xs, out, DEFAULT);
    }

    /** −log softmax(logits)[target]. */
    public static DualVector softmaxCrossEntropy(int target, DualVector out, DualVector... logits) {
        return apply(Reductions.SOFTMAX_CROSS_ENTROPY, target, logits, out, DEFAULT);
    }

    private static void checkPolicy(Subgradients policy, Primitive p) {
        if (policy == null) {
            throw new LeibnizException("subgradient policy of '" + p.name() + "' must not be null");
        }
    }

    /** The common lane count of out and every argument, or a {@link LaneCountException} naming them. */
    private static int sameLanes(Primitive p, DualVector out, DualVector... args) {
        if (out == null) {
            throw new LeibnizException("output of '" + p.name() + "' is null; pass a DualVector to write into");
        }
        int k = out.lanes.length;
        for (int j = 0; j < args.length; j++) {
            if (args[j] == null) {
                throw new LeibnizException("argument " + j + " of '" + p.name() + "' is null");
            }
            if (args[j].lanes.length != k) {
                throw new LaneCountException("'" + p.name() + "': argument " + j + " has " + args[j].lanes.length
                        + " tangent lanes but the output has " + k + "; all must have the same lane count");
            }
        }
        return k;
    }
}
