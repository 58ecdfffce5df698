package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * The inverse trigonometric functions, each with its value and derivatives right beside each
 * other (numerically and as graph operations, the same formula evaluated in the same order).
 *
 * <p>Domain edges follow IEEE arithmetic rather than throwing: asin′ and acos′ are ±∞ at x = ±1
 * (a square root of +0 in the denominator) and NaN outside [−1, 1], where the value is NaN too.
 * {@code atan2} is not differentiable at the origin (it is not even continuous there): its partials
 * are 0/0 = NaN. Across its branch cut (y = ±0, x &lt; 0) the value jumps by 2π; the partials are
 * those of either side, which agree.
 */
public final class Trigonometric {
    private Trigonometric() {
    }

    /** y = arcsin x on [−1, 1]; y′ = 1/√((1 − x)(1 + x)), accurate near ±1 where 1 − x² would cancel. */
    public static final UnaryPrimitive ASIN = new UnaryPrimitive("asin", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.asin(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / Math.sqrt((1.0 - x) * (1.0 + x));
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(1.0).div(oneMinusSquare(x).sqrt());
        }
    };

    /** y = arccos x on [−1, 1]; y′ = −1/√((1 − x)(1 + x)). */
    public static final UnaryPrimitive ACOS = new UnaryPrimitive("acos", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.acos(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return -1.0 / Math.sqrt((1.0 - x) * (1.0 + x));
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(-1.0).div(oneMinusSquare(x).sqrt());
        }
    };

    /** y = arctan x; y′ = 1/(1 + x²) (0 once x² overflows, where the true value is below 1e−308). */
    public static final UnaryPrimitive ATAN = new UnaryPrimitive("atan", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.atan(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / (x * x + 1.0);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(1.0).div(x.square().add(1.0));
        }
    };

    /**
     * y = atan2(a, b), the angle of the point (b, a) in (−π, π] (a is the ordinate, as in
     * {@link Math#atan2}); ∂a = b/r², ∂b = −a/r² with r = hypot(a, b). Computed as (b/r)/r rather
     * than b/(a² + b²), so that neither overflows nor underflows where the partial itself is a
     * normal number. NaN at the origin.
     */
    public static final BinaryPrimitive ATAN2 = new BinaryPrimitive("atan2", 3, false) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return Math.atan2(a, b);
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            double r = Math.hypot(a, b);
            return b / r / r;
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            double r = Math.hypot(a, b);
            return -a / r / r;
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            Var r = a.hypot(b);
            return b.div(r).div(r);
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            Var r = a.hypot(b);
            return a.neg().div(r).div(r);
        }
    };

    /** (1 − x)(1 + x) as graph operations, in the order of the numeric rules. */
    private static Var oneMinusSquare(Var x) {
        return x.constant(1.0).sub(x).mul(x.constant(1.0).add(x));
    }
}
