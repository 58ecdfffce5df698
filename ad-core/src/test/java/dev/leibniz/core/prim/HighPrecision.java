package dev.leibniz.core.prim;

import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;

/**
 * 40-digit reference values (Hipparchus' decimal floating point {@link Dfp}) for the functions
 * Java's {@code Math} lacks, from their textbook definitions — which cancel or overflow in double
 * precision, but not with 40 digits for the arguments the tests use. An oracle independent of the
 * code under test: no formula here is shared with {@link ErrorFunction} or {@link Hyperbolic}.
 */
final class HighPrecision {
    private HighPrecision() {
    }

    static final DfpField F = new DfpField(40);
    private static final Dfp SQRT_PI = F.getPi().sqrt();

    /**
     * erf(|x|) for |x| &lt; 3 by the series 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), whose terms
     * are all positive (no cancellation); erfc(|x|) = 1 − erf there loses at most 5 of the 40 digits.
     */
    static Dfp erfSeries(double ax) {
        Dfp x = F.newDfp(ax);
        Dfp x2 = x.multiply(x);
        Dfp term = x;
        Dfp sum = x;
        Dfp tiny = F.newDfp("1e-45");
        for (int n = 1; n < 10_000 && !term.lessThan(sum.multiply(tiny)); n++) {
            term = term.multiply(x2).multiply(2).divide(2 * n + 1);
            sum = sum.add(term);
        }
        return sum.multiply(DfpMath.exp(x2.negate())).multiply(2).divide(SQRT_PI);
    }

    /**
     * erfc(x) for x ≥ 3 by Laplace's continued fraction e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))),
     * evaluated backwards from {@code terms} levels (400 give 40 digits at x = 3, fewer are needed beyond).
     */
    static Dfp erfcContinuedFraction(double xd, int terms) {
        Dfp x = F.newDfp(xd);
        Dfp t = x;
        for (int k = terms; k >= 1; k--) {
            t = x.add(F.newDfp(k).divide(2).divide(t));
        }
        return DfpMath.exp(x.multiply(x).negate()).divide(SQRT_PI.multiply(t));
    }

    /** erf(x) to 40 digits, rounded to double. */
    static double erf(double x) {
        double ax = Math.abs(x);
        Dfp e = ax < 3 ? erfSeries(ax) : F.getOne().subtract(erfcContinuedFraction(ax, 400));
        return x < 0 ? -e.toDouble() : e.toDouble();
    }

    /** erfc(x) to 40 digits (relative, also in the far tail), rounded to double. */
    static double erfc(double x) {
        double ax = Math.abs(x);
        Dfp c = ax < 3 ? F.getOne().subtract(erfSeries(ax)) : erfcContinuedFraction(ax, 400);
        return x < 0 ? F.getTwo().subtract(c).toDouble() : c.toDouble();
    }

    /** asinh x = ln(|x| + √(x² + 1)), odd. */
    static double asinh(double xd) {
        Dfp x = F.newDfp(Math.abs(xd));
        double r = DfpMath.log(x.add(x.multiply(x).add(1).sqrt())).toDouble();
        return xd < 0 ? -r : r;
    }

    /** acosh x = ln(x + √(x² − 1)), x ≥ 1. */
    static double acosh(double xd) {
        Dfp x = F.newDfp(xd);
        return DfpMath.log(x.add(x.multiply(x).subtract(1).sqrt())).toDouble();
    }

    /** atanh x = ½ ln((1 + x)/(1 − x)), |x| &lt; 1. */
    static double atanh(double xd) {
        Dfp x = F.newDfp(xd);
        return DfpMath.log(F.getOne().add(x).divide(F.getOne().subtract(x))).divide(2).toDouble();
    }

    /** 2/√π·e^(−x²), the derivative of erf. */
    static double erfDerivative(double xd) {
        Dfp x = F.newDfp(xd);
        return DfpMath.exp(x.multiply(x).negate()).multiply(2).divide(SQRT_PI).toDouble();
    }
}
