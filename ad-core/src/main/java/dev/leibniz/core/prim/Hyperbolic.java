package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * The hyperbolic functions sinh and cosh and the inverse hyperbolic functions, each with its
 * value and derivatives right beside each other (numerically and as graph operations, the same
 * formula evaluated in the same order). {@code tanh} is in {@link Elementary}.
 *
 * <p>Java's {@code Math} has no asinh, acosh or atanh; {@link #asinh(double)},
 * {@link #acosh(double)} and {@link #atanh(double)} below are the algorithms of fdlibm
 * ({@code s_asinh.c}, {@code e_acosh.c}, {@code e_atanh.c}, Sun Microsystems 1993), which avoid the
 * cancellation of the textbook logarithms near 0 and near 1 and their overflow for large |x|:
 * within a few ulps, given {@link Math#log} and {@link Math#log1p}.
 *
 * <p>Domain edges follow IEEE arithmetic rather than throwing: acosh′(1) = +∞, atanh(±1) = ±∞
 * with atanh′(±1) = +∞; acosh below 1 and atanh beyond ±1 are NaN. The derivatives are written to
 * stay finite where they are representable: asinh′ = 1/hypot(x, 1) and
 * acosh′ = 1/(√(x − 1)·√(x + 1)) do not overflow as 1/√(x² ± 1) would for |x| &gt; 1e154.
 */
public final class Hyperbolic {
    private Hyperbolic() {
    }

    private static final double LN2 = 6.93147180559945286227e-01;
    private static final double TWO_28 = 0x1p28;
    private static final double TWO_M28 = 0x1p-28;

    /** y = sinh x; y′ = cosh x. */
    public static final UnaryPrimitive SINH = new UnaryPrimitive("sinh", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.sinh(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return Math.cosh(x);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.cosh();
        }
    };

    /** y = cosh x; y′ = sinh x. */
    public static final UnaryPrimitive COSH = new UnaryPrimitive("cosh", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.cosh(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return Math.sinh(x);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.sinh();
        }
    };

    /** y = asinh x = ln(x + √(x² + 1)); y′ = 1/√(x² + 1) = 1/hypot(x, 1). */
    public static final UnaryPrimitive ASINH = new UnaryPrimitive("asinh", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return asinh(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / Math.hypot(x, 1.0);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(1.0).div(x.hypot(x.constant(1.0)));
        }
    };

    /** y = acosh x = ln(x + √(x² − 1)) for x ≥ 1; y′ = 1/(√(x − 1)·√(x + 1)), +∞ at 1. */
    public static final UnaryPrimitive ACOSH = new UnaryPrimitive("acosh", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return acosh(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / (Math.sqrt(x - 1.0) * Math.sqrt(x + 1.0));
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(1.0).div(x.sub(1.0).sqrt().mul(x.add(1.0).sqrt()));
        }
    };

    /**
     * y = atanh x = ½ ln((1 + x)/(1 − x)) for |x| ≤ 1; y′ = 1/((1 − x)(1 + x)), +∞ at ±1. Beyond
     * ±1 the value is NaN and the formula gives a finite negative number, as the derivative of
     * {@code log} at a negative argument does: the NaN value is what flags the point.
     */
    public static final UnaryPrimitive ATANH = new UnaryPrimitive("atanh", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return atanh(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 1.0 / ((1.0 - x) * (1.0 + x));
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(1.0).div(x.constant(1.0).sub(x).mul(x.constant(1.0).add(x)));
        }
    };

    /** asinh x (fdlibm s_asinh.c): x itself below 2⁻²⁸, ln|x| + ln 2 above 2²⁸, log1p form near 0. */
    public static double asinh(double x) {
        double a = Math.abs(x);
        double w;
        if (a >= TWO_28) {
            if (Double.isInfinite(a)) {
                return x;
            }
            w = Math.log(a) + LN2;
        } else if (a > 2.0) {
            w = Math.log(2.0 * a + 1.0 / (Math.sqrt(x * x + 1.0) + a));
        } else if (a < TWO_M28) {
            return x; // also −0
        } else {
            double t = x * x;
            w = Math.log1p(a + t / (1.0 + Math.sqrt(1.0 + t)));
        }
        return x > 0 ? w : -w;
    }

    /** acosh x (fdlibm e_acosh.c): NaN below 1, 0 at 1, log1p form on (1, 2], ln x + ln 2 above 2²⁸. */
    public static double acosh(double x) {
        if (!(x >= 1.0)) {
            return Double.NaN; // also NaN
        }
        if (x >= TWO_28) {
            return Double.isInfinite(x) ? x : Math.log(x) + LN2;
        }
        if (x == 1.0) {
            return 0.0;
        }
        if (x > 2.0) {
            return Math.log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
        }
        double t = x - 1.0;
        return Math.log1p(t + Math.sqrt(2.0 * t + t * t));
    }

    /** atanh x (fdlibm e_atanh.c): NaN beyond ±1, ±∞ at ±1, x itself below 2⁻²⁸, log1p forms otherwise. */
    public static double atanh(double x) {
        double a = Math.abs(x);
        if (!(a <= 1.0)) {
            return Double.NaN; // also NaN
        }
        if (a == 1.0) {
            return x > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (a < TWO_M28) {
            return x; // keeps the sign of −0
        }
        double t;
        if (a < 0.5) {
            t = a + a;
            t = 0.5 * Math.log1p(t + t * a / (1.0 - a));
        } else {
            t = 0.5 * Math.log1p((a + a) / (1.0 - a));
        }
        return x > 0 ? t : -t;
    }
}
