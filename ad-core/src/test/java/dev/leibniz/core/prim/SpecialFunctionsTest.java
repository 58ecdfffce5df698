package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.special.Erf;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;

/**
 * The values of the functions ad-core computes itself ({@link ErrorFunction}'s erf and erfc,
 * {@link Hyperbolic}'s asinh, acosh, atanh) against 40-digit references ({@link HighPrecision})
 * and against Hipparchus, and at their special points.
 *
 * <p>Tolerance against the 40-digit values: 1e−15 relative, i.e. about 4.5 ulps; measured
 * maxima are 3 ulps (erf), 4 ulps (erfc), 1–2 ulps (asinh, acosh, atanh). Where a result is
 * subnormal (erfc beyond x ≈ 26.5) the comparison is absolute, to the smallest normal number.
 */
class SpecialFunctionsTest {
    private static final double REL = 1e-15;

    private static void assertRelative(double expected, double actual, double tol, String what) {
        double bound = Math.abs(expected) >= Double.MIN_NORMAL ? tol * Math.abs(expected) : Double.MIN_NORMAL;
        assertTrue(Math.abs(actual - expected) <= bound, what + ": expected " + expected + ", got " + actual
                + " (relative difference " + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    /** Points on both sides of Cody's range boundaries 0.46875 and 4, across [−27, 27], and tiny ones. */
    private static List<Double> erfPoints() {
        SplittableRandom r = new SplittableRandom(20240613L);
        List<Double> xs = new ArrayList<>(List.of(0.46875, Math.nextUp(0.46875), 4.0, Math.nextUp(4.0), 1e-20, 1e-8,
                0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 26.0, 26.5, 26.6));
        for (int i = 0; i < 120; i++) {
            xs.add(r.nextDouble(-0.5, 0.5));
            xs.add(r.nextDouble(-6, 6));
            if (i % 3 == 0) {
                xs.add(r.nextDouble(-27, 27));
            }
        }
        List<Double> both = new ArrayList<>();
        for (double x : xs) {
            both.add(x);
            both.add(-x);
        }
        return both;
    }

    @Test
    void erfAndErfcAgreeWithFortyDigitValues() {
        for (double x : erfPoints()) {
            assertRelative(HighPrecision.erf(x), ErrorFunction.erf(x), REL, "erf(" + x + ")");
            assertRelative(HighPrecision.erfc(x), ErrorFunction.erfc(x), REL, "erfc(" + x + ")");
        }
    }

    /** The two references agree where they overlap (x = 3), so the split between them is sound. */
    @Test
    void theTwoReferencesForErfcAgreeAtThree() {
        double series = HighPrecision.F.getOne().subtract(HighPrecision.erfSeries(3.0)).toDouble();
        assertEquals(series, HighPrecision.erfcContinuedFraction(3.0, 400).toDouble(), 0.0);
    }

    /**
     * Hipparchus' {@code Erf} (through regularized incomplete gamma functions) as a second,
     * independent oracle, within its own accuracy: 3e−15 relative for erf (Hipparchus is 1.5e−15
     * off near 0), and 1e−14 for erfc on |x| ≤ 8. Beyond, Hipparchus' erfc loses digits (1e−13 at
     * x = 24, where this implementation is within 1e−15 of the 40-digit value), so the far tail is
     * checked against the 40-digit values only.
     */
    @Test
    void erfAndErfcAgreeWithHipparchus() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double x = i % 2 == 0 ? r.nextDouble(-1, 1) : r.nextDouble(-8, 8);
            assertRelative(Erf.erf(x), ErrorFunction.erf(x), 3e-15, "erf(" + x + ") vs Hipparchus");
            assertRelative(Erf.erfc(x), ErrorFunction.erfc(x), 1e-14, "erfc(" + x + ") vs Hipparchus");
        }
    }

    @Test
    void erfcInTheFarTailAgreesWithFortyDigitValues() {
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 100; i++) {
            double x = r.nextDouble(8, 26.5);
            assertRelative(HighPrecision.erfc(x), ErrorFunction.erfc(x), REL, "erfc(" + x + ")");
        }
    }

    @Test
    void erfAndErfcAtSpecialPoints() {
        assertSameBits(0.0, ErrorFunction.erf(0.0), "erf(0)");
        assertSameBits(-0.0, ErrorFunction.erf(-0.0), "erf(-0)");
        assertEquals(1.0, ErrorFunction.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ErrorFunction.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ErrorFunction.erf(6.0)); // 1 − 2e−17 rounds to 1
        assertTrue(Double.isNaN(ErrorFunction.erf(Double.NaN)));
        assertEquals(1.0, ErrorFunction.erfc(0.0));
        assertEquals(1.0, ErrorFunction.erfc(-0.0));
        assertEquals(0.0, ErrorFunction.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, ErrorFunction.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, ErrorFunction.erfc(30.0)); // the true 2.6e−393 underflows
        assertTrue(Double.isNaN(ErrorFunction.erfc(Double.NaN)));
        assertRelative(Special.TWO_OVER_SQRT_PI * 1e-300, ErrorFunction.erf(1e-300), REL, "erf(1e-300)");
    }

    @Test
    void inverseHyperbolicFunctionsAgreeWithFortyDigitValues() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 400; i++) {
            // |x| on a log scale from 1e−12 to 1e20, which spans every branch of the fdlibm algorithms
            double a = Math.pow(10, r.nextDouble(-12, 20));
            double x = r.nextBoolean() ? a : -a;
            assertRelative(HighPrecision.asinh(x), Hyperbolic.asinh(x), REL, "asinh(" + x + ")");
            double c = 1 + Math.pow(10, r.nextDouble(-15, 15));
            assertRelative(HighPrecision.acosh(c), Hyperbolic.acosh(c), REL, "acosh(" + c + ")");
            double t = r.nextInt(4) == 0 ? Math.copySign(1 - Math.pow(10, r.nextDouble(-15, -1)), x)
                    : r.nextDouble(-1, 1);
            if (Math.abs(t) > 1e-12) {
                assertRelative(HighPrecision.atanh(t), Hyperbolic.atanh(t), REL, "atanh(" + t + ")");
            }
        }
    }

    /** Below 2⁻²⁸ asinh and atanh are x itself; the references agree to the last bit there too. */
    @Test
    void inverseHyperbolicFunctionsOfTinyArgumentsAreTheArgument() {
        for (double x : new double[] {1e-9, -3e-12, 1e-300, Double.MIN_VALUE}) {
            assertSameBits(x, Hyperbolic.asinh(x), "asinh(" + x + ")");
            assertSameBits(x, Hyperbolic.atanh(x), "atanh(" + x + ")");
            assertEquals(HighPrecision.asinh(1e-9), Hyperbolic.asinh(1e-9), 0.0);
        }
    }

    @Test
    void inverseHyperbolicFunctionsAtSpecialPoints() {
        assertSameBits(-0.0, Hyperbolic.asinh(-0.0), "asinh(-0)");
        assertEquals(Double.POSITIVE_INFINITY, Hyperbolic.asinh(Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, Hyperbolic.asinh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Hyperbolic.asinh(Double.NaN)));
        assertSameBits(0.0, Hyperbolic.acosh(1.0), "acosh(1)");
        assertEquals(Double.POSITIVE_INFINITY, Hyperbolic.acosh(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Hyperbolic.acosh(Math.nextDown(1.0))));
        assertTrue(Double.isNaN(Hyperbolic.acosh(Double.NEGATIVE_INFINITY)));
        assertTrue(Double.isNaN(Hyperbolic.acosh(Double.NaN)));
        assertSameBits(-0.0, Hyperbolic.atanh(-0.0), "atanh(-0)");
        assertEquals(Double.POSITIVE_INFINITY, Hyperbolic.atanh(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, Hyperbolic.atanh(-1.0));
        assertTrue(Double.isNaN(Hyperbolic.atanh(Math.nextUp(1.0))));
        assertTrue(Double.isNaN(Hyperbolic.atanh(Double.NaN)));
        // Hipparchus agrees where its own textbook formulas are accurate (away from 1 for acosh)
        assertEquals(FastMath.asinh(0.7), Hyperbolic.asinh(0.7), 2e-16);
        assertEquals(FastMath.acosh(3.5), Hyperbolic.acosh(3.5), 4e-16);
        assertEquals(FastMath.atanh(-0.3), Hyperbolic.atanh(-0.3), 2e-16);
    }
}
