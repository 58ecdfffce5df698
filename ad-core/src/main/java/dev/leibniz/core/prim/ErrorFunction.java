package dev.leibniz.core.prim;

/**
 * The error function {@code erf(x) = 2/√π ∫₀ˣ e^(−t²) dt} and its complement
 * {@code erfc(x) = 1 − erf(x)}, to double precision, by W. J. Cody's rational Chebyshev
 * approximations: W. J. Cody, "Rational Chebyshev approximations for the error function",
 * <i>Mathematics of Computation</i> 23 (1969), 631–637, with the coefficients of his routine
 * {@code CALERF} (SPECFUN, netlib, 1990). Three ranges of {@code y = |x|}:
 *
 * <ul>
 *   <li>{@code y ≤ 0.46875}: {@code erf(x) = x·R₁(x²)}, a (4,4) rational function;</li>
 *   <li>{@code 0.46875 < y ≤ 4}: {@code erfc(y) = e^(−y²)·R₂(y)}, (8,8);</li>
 *   <li>{@code y > 4}: {@code erfc(y) = e^(−y²)/y·(1/√π − R₃(1/y²)/y²)}, (5,5), the asymptotic form.</li>
 * </ul>
 *
 * The approximations themselves are accurate to about 1e−18 relative; what remains is rounding.
 * Two details keep it small: each function is computed from the form that has no cancellation
 * ({@code erf} near 0 from R₁, {@code erfc} for x &gt; 0.47 from R₂ or R₃, and the other by
 * {@code 1 − …} only where that difference is at least ½), and {@code e^(−y²)} is computed as
 * {@code e^(−s²)·e^(−(y−s)(y+s))} with {@code s = ⌊16y⌋/16}, so that {@code s²} is exact and the
 * rounding of {@code y²} (which would cost up to y²·2⁻⁵³ relative, 7e−14 at y = 26) is avoided.
 * {@code erfc(x)} underflows to 0 for {@code x > 26.543}, where its true value is below
 * 1e−308; {@code erf(±∞) = ±1}, {@code erfc(−∞) = 2}, NaN gives NaN, and {@code erf(−0) = −0}.
 *
 * <p>Written here rather than taken from a library because ad-core has no run-time dependency
 * for special functions; the tests compare it with a 40-digit evaluation and with Hipparchus'
 * {@code Erf}.
 */
public final class ErrorFunction {
    private ErrorFunction() {
    }

    /** Where the first range ends. */
    private static final double THRESH = 0.46875;
    /** Below this, x² is negligible: erf(x) = x·A₄/B₄ = 2x/√π. */
    private static final double XSMALL = 1.11e-16;
    /** Above this, erfc underflows. */
    private static final double XBIG = 26.543;
    /** 1/√π. */
    private static final double SQRPI = 5.6418958354775628695e-1;

    // erf(x) = x (A0..A3 + A4 ...) — Cody's A(1..5), B(1..4) for |x| <= 0.46875
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};

    // erfc(y) e^(y^2) for 0.46875 < y <= 4: Cody's C(1..9), D(1..8)
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};

    // the asymptotic range y > 4: Cody's P(1..6), Q(1..5)
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    /** erf(x), odd, in [−1, 1]. */
    public static double erf(double x) {
        if (x != x) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= THRESH) {
            return small(x, y);
        }
        double r = (0.5 - tail(y)) + 0.5; // erf(y) = 1 − erfc(y), no cancellation since erfc(y) < 0.51
        return x < 0 ? -r : r;
    }

    /** erfc(x) = 1 − erf(x), in [0, 2], accurate also where it is tiny (large x). */
    public static double erfc(double x) {
        if (x != x) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= THRESH) {
            return 1.0 - small(x, y);
        }
        double r = tail(y);
        return x < 0 ? 2.0 - r : r;
    }

    /** erf(x) for |x| ≤ 0.46875. */
    private static double small(double x, double y) {
        double ysq = y > XSMALL ? y * y : 0.0;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** erfc(y) for y &gt; 0.46875 (and +∞). */
    private static double tail(double y) {
        double r;
        if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = (num + C[7]) / (den + D[7]);
        } else {
            if (y >= XBIG) {
                return 0.0;
            }
            double ysq = 1.0 / (y * y);
            double num = P[5] * ysq;
            double den = ysq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * ysq;
                den = (den + Q[i]) * ysq;
            }
            r = ysq * (num + P[4]) / (den + Q[4]);
            r = (SQRPI - r) / y;
        }
        return expMinusSquare(y) * r;
    }

    /** e^(−y²) for 0 ≤ y &lt; 27, without the rounding error of y²: s = ⌊16y⌋/16 has an exact square. */
    private static double expMinusSquare(double y) {
        double s = Math.floor(y * 16.0) / 16.0;
        double del = (y - s) * (y + s);
        return Math.exp(-s * s) * Math.exp(-del);
    }
}
