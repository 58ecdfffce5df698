package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The primitives added for issue 13 (asin, acos, atan, atan2, sinh, cosh, asinh, acosh, atanh,
 * erf, erfc, cbrt, log10): exact derivatives through graphs (compiled reverse sweep and symbolic
 * gradient graph) against their closed forms in 40 digits, a composite function of all of them
 * against central finite differences, and the IEEE values at the domain edges. (The contract
 * tests of {@code PrimitiveContractTest} cover them too, as every registered primitive.)
 *
 * <p>Tolerance against the closed forms: 2e−15 relative (each rule is a handful of correctly
 * rounded operations, ≤ 4 ulps); for erf and erfc add x²·2⁻⁵³, the rounding of x² in e^(−x²).
 */
class NewPrimitivesTest {
    private static final double REL = 2e-15;

    record Case(UnaryPrimitive p, Function<Dfp, Dfp> derivative, DoubleUnaryOperator sample) {
        @Override
        public String toString() {
            return p.name();
        }
    }

    private static Dfp one() {
        return HighPrecision.F.getOne();
    }

    private static Dfp cosh(Dfp x) {
        return DfpMath.exp(x).add(DfpMath.exp(x.negate())).divide(2);
    }

    private static Dfp sinh(Dfp x) {
        return DfpMath.exp(x).subtract(DfpMath.exp(x.negate())).divide(2);
    }

    private static Dfp erfPrime(Dfp x) {
        return DfpMath.exp(x.multiply(x).negate()).multiply(2).divide(HighPrecision.F.getPi().sqrt());
    }

    static Stream<Case> unaryCases() {
        return Stream.of(
                new Case(Trigonometric.ASIN, x -> one().divide(one().subtract(x.multiply(x)).sqrt()), u -> 1.98 * u - 0.99),
                new Case(Trigonometric.ACOS, x -> one().divide(one().subtract(x.multiply(x)).sqrt()).negate(),
                        u -> 1.98 * u - 0.99),
                new Case(Trigonometric.ATAN, x -> one().divide(one().add(x.multiply(x))), u -> 20 * u - 10),
                new Case(Hyperbolic.SINH, NewPrimitivesTest::cosh, u -> 10 * u - 5),
                new Case(Hyperbolic.COSH, NewPrimitivesTest::sinh, u -> 10 * u - 5),
                new Case(Hyperbolic.ASINH, x -> one().divide(x.multiply(x).add(1).sqrt()), u -> 20 * u - 10),
                new Case(Hyperbolic.ACOSH, x -> one().divide(x.multiply(x).subtract(1).sqrt()), u -> 1.001 + 9 * u),
                new Case(Hyperbolic.ATANH, x -> one().divide(one().subtract(x.multiply(x))), u -> 1.98 * u - 0.99),
                new Case(Special.ERF, NewPrimitivesTest::erfPrime, u -> 10 * u - 5),
                new Case(Special.ERFC, x -> erfPrime(x).negate(), u -> 10 * u - 5),
                new Case(Special.CBRT, x -> {
                    Dfp y = DfpMath.pow(x.abs(), one().divide(3));
                    return one().divide(y.multiply(y).multiply(3));
                }, u -> 10 * u - 5),
                new Case(Special.LOG10, x -> one().divide(x.multiply(DfpMath.log(HighPrecision.F.newDfp(10)))),
                        u -> 0.01 + 10 * u));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryCases")
    void derivativeThroughGraphsIsTheClosedForm(Case c) {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Graph g = b.build("f", b.apply(c.p(), x));
        Program reverse = g.compile();
        Program symbolic = ReverseMode.gradientGraph(g).compile();
        SplittableRandom r = new SplittableRandom(c.p().name().hashCode());
        for (int i = 0; i < 200; i++) {
            double xv = c.sample().applyAsDouble(r.nextDouble());
            double exact = c.derivative().apply(HighPrecision.F.newDfp(xv)).toDouble();
            double tol = REL + (c.p() == Special.ERF || c.p() == Special.ERFC ? xv * xv * 0x1p-53 : 0);
            String what = c.p().name() + "'(" + xv + ")";
            Gradient gr = reverse.gradient(xv);
            assertEquals(c.p().apply(xv, 0, null), gr.value(), 0.0, what + " value");
            assertEquals(exact, gr.get("x"), tol * Math.abs(exact), what + " (reverse sweep)");
            assertEquals(gr.get("x"), symbolic.evaluate(xv)[1], 1e-15 * Math.abs(exact), what + " (gradient graph)");
        }
    }

    /** ∂atan2(y, x)/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²), in 40 digits, over all four quadrants. */
    @Test
    void atan2PartialsAreTheClosedForm() {
        GraphBuilder b = GraphBuilder.tracing();
        Var y = b.input("y");
        Var x = b.input("x");
        Graph g = b.build("f", y.atan2(x));
        Program reverse = g.compile();
        Program symbolic = ReverseMode.gradientGraph(g).compile();
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 400; i++) {
            double yv = r.nextDouble(-5, 5);
            double xv = r.nextDouble(-5, 5);
            Dfp dy = HighPrecision.F.newDfp(yv);
            Dfp dx = HighPrecision.F.newDfp(xv);
            Dfp r2 = dx.multiply(dx).add(dy.multiply(dy));
            double expectY = dx.divide(r2).toDouble();
            double expectX = dy.divide(r2).negate().toDouble();
            Gradient gr = reverse.gradient(yv, xv);
            assertEquals(Math.atan2(yv, xv), gr.value(), 0.0);
            assertEquals(expectY, gr.get("y"), REL * Math.abs(expectY), "d/dy at " + yv + ", " + xv);
            assertEquals(expectX, gr.get("x"), REL * Math.abs(expectX), "d/dx at " + yv + ", " + xv);
            double[] s = symbolic.evaluate(yv, xv);
            assertEquals(gr.get("y"), s[1], 0.0);
            assertEquals(gr.get("x"), s[2], 0.0);
        }
        // no overflow or underflow where the partial is a normal number
        Gradient far = reverse.gradient(1e200, 1e200);
        assertEquals(0.5e-200, far.get("y"), 1e-15 * 0.5e-200);
        Gradient near = reverse.gradient(1e-200, 0.0);
        assertEquals(-1e200, near.get("x"), 1e-15 * 1e200);
    }

    /**
     * A function of every new primitive, against central differences of its own values: the
     * compiled reverse gradient and the gradient graph. h = 1e−6, relative tolerance 1e−7.
     */
    @Test
    void compositeGradientMatchesCentralDifferences() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var f = y.atan2(x)
                .add(x.erf().mul(y.erfc()))
                .add(x.mul(y).asinh())
                .add(x.square().add(1.0).acosh())
                .add(y.div(b.constant(3.0)).atanh())
                .add(x.sub(y).cbrt())
                .add(x.square().add(1.0).log10())
                .add(y.div(b.constant(4.0)).asin().mul(x.div(b.constant(4.0)).acos()))
                .add(x.sinh().mul(y.cosh()).mul(0.1))
                .add(x.atan());
        Graph g = b.build("f", f);
        Program p = g.compile();
        Program symbolic = ReverseMode.gradientGraph(g).compile();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            double xv = r.nextDouble(-2, 2);
            double yv = r.nextDouble(-2, 2);
            if (Math.abs(xv - yv) < 1e-3) {
                continue; // cbrt' is singular where x = y
            }
            Gradient gr = p.gradient(xv, yv);
            double[] s = symbolic.evaluate(xv, yv);
            double hx = 1e-6 * Math.max(1, Math.abs(xv));
            double hy = 1e-6 * Math.max(1, Math.abs(yv));
            double fdx = (p.evaluate(xv + hx, yv)[0] - p.evaluate(xv - hx, yv)[0]) / (2 * hx);
            double fdy = (p.evaluate(xv, yv + hy)[0] - p.evaluate(xv, yv - hy)[0]) / (2 * hy);
            assertEquals(fdx, gr.get("x"), 1e-7 * Math.max(1, Math.abs(fdx)), "df/dx at " + xv + ", " + yv);
            assertEquals(fdy, gr.get("y"), 1e-7 * Math.max(1, Math.abs(fdy)), "df/dy at " + xv + ", " + yv);
            assertEquals(gr.get("x"), s[1], 1e-12 * Math.max(1, Math.abs(s[1])));
            assertEquals(gr.get("y"), s[2], 1e-12 * Math.max(1, Math.abs(s[2])));
        }
    }

    private static double derivativeAt(UnaryPrimitive p, double x) {
        GraphBuilder b = GraphBuilder.tracing();
        Var v = b.input("x");
        return b.build("f", b.apply(p, v)).compile().gradient(x).get("x");
    }

    /** Domain edges give IEEE infinities and NaNs through a compiled gradient, never an exception. */
    @Test
    void domainEdgesGiveIeeeValues() {
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Hyperbolic.ACOSH, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Hyperbolic.ATANH, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Hyperbolic.ATANH, -1.0));
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Special.CBRT, 0.0));
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Special.CBRT, -0.0));
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Trigonometric.ASIN, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, derivativeAt(Trigonometric.ASIN, -1.0));
        assertEquals(Double.NEGATIVE_INFINITY, derivativeAt(Trigonometric.ACOS, 1.0));
        assertTrue(Double.isNaN(derivativeAt(Hyperbolic.ACOSH, 0.5)));
        assertTrue(Double.isNaN(derivativeAt(Trigonometric.ASIN, 1.5)));
        assertEquals(0.0, derivativeAt(Special.ERF, 40.0)); // e^(−1600) underflows
        assertEquals(0.0, derivativeAt(Trigonometric.ATAN, 1e300));

        GraphBuilder b = GraphBuilder.tracing();
        Var y = b.input("y");
        Var x = b.input("x");
        Program atan2 = b.build("f", y.atan2(x)).compile();
        Gradient origin = atan2.gradient(0.0, 0.0);
        assertEquals(0.0, origin.value(), 0.0);
        assertTrue(Double.isNaN(origin.get("y")) && Double.isNaN(origin.get("x")), "atan2 is singular at the origin");
        assertEquals(Math.PI, atan2.gradient(0.0, -1.0).value(), 0.0);
        assertEquals(-Math.PI, atan2.gradient(-0.0, -1.0).value(), 0.0);
        assertEquals(-1.0, atan2.gradient(0.0, -1.0).get("y"), 0.0); // the same on both sides of the cut
    }

    /** Each new primitive is registered, and named as the expression language calls it. */
    @Test
    void newPrimitivesAreRegistered() {
        for (String name : List.of("asin", "acos", "atan", "atan2", "sinh", "cosh", "asinh", "acosh", "atanh", "erf",
                "erfc", "cbrt", "log10")) {
            assertTrue(Primitives.exists(name), name);
            assertEquals(name, Primitives.byCode(Primitives.byName(name).code()).name());
        }
        assertEquals(2, Trigonometric.ATAN2.arity());
    }
}
