package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * The functions of C's {@code <math.h>} that {@link Elementary} does not have: the error function
 * and its complement, the cube root and the decimal logarithm. Each is declared with its value
 * and derivatives right beside each other (numerically and as graph operations, the same formula
 * evaluated in the same order).
 *
 * <p>Domain edges follow IEEE arithmetic rather than throwing: cbrt′(0) = +∞ (1/(3·0²)), and
 * log10′ is 1/(x ln 10), ±∞ at ±0, like {@code log}′.
 */
public final class Special {
    private Special() {
    }

    /** 2/√π, the derivative of erf at 0. */
    public static final double TWO_OVER_SQRT_PI = 1.12837916709551257390;
    private static final double LN10 = 2.30258509299404568402;

    /**
     * y = erf x = 2/√π ∫₀ˣ e^(−t²) dt ({@link ErrorFunction}, Cody's approximations); y′ = 2/√π·e^(−x²).
     * The derivative rounds x² once, a relative error of at most x²·2⁻⁵³ (3e−15 at |x| = 6, where
     * y′ is already 5e−16), and underflows to 0 beyond |x| ≈ 27.
     */
    public static final UnaryPrimitive ERF = new UnaryPrimitive("erf", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return ErrorFunction.erf(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return Math.exp(-(x * x)) * TWO_OVER_SQRT_PI;
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.square().neg().exp().mul(TWO_OVER_SQRT_PI);
        }
    };

    /** y = erfc x = 1 − erf x, accurate where it is tiny (x up to 26.5); y′ = −2/√π·e^(−x²). */
    public static final UnaryPrimitive ERFC = new UnaryPrimitive("erfc", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return ErrorFunction.erfc(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return Math.exp(-(x * x)) * -TWO_OVER_SQRT_PI;
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.square().neg().exp().mul(-TWO_OVER_SQRT_PI);
        }
    };

    /** y = ∛x, defined for negative x; y′ = 1/(3y²), +∞ at 0. */
    public static final UnaryPrimitive CBRT = new UnaryPrimitive("cbrt", false, true) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.cbrt(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / (y * y * 3.0);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return y.constant(1.0).div(y.square().mul(3.0));
        }
    };

    /** y = log₁₀ x; y′ = 1/(x ln 10). */
    public static final UnaryPrimitive LOG10 = new UnaryPrimitive("log10", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.log10(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / (x * LN10);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(1.0).div(x.mul(LN10));
        }
    };
}
