package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, defect 11: {@code Dual} carried fifteen derivative rules of its own (asin, atan,
 * atan2, sinh, cbrt, log10, reciprocal, rootN, …) and {@code multiply(int)} lacked the strong
 * zero of {@code multiply(double)}. Now every Dual function is the registered primitive's rule (or
 * a composition of primitives), so a Dual and a graph's reverse gradient agree bit for bit; and
 * both agree with Hipparchus' DerivativeStructure, an independent implementation.
 */
class DualDelegationTest {
    @Test
    void multiplyByAnIntHasTheStrongZeroOfMultiplyByADouble() {
        Dual inf = new Dual(1.0, Double.POSITIVE_INFINITY);
        assertEquals(0.0, inf.multiply(0).tangent(), 0.0); // was ∞·0 = NaN
        assertEquals(0.0, new Dual(1.0, Double.NaN).multiply(0).tangent(), 0.0);
        assertEquals(inf.multiply(0.0), inf.multiply(0));
        assertEquals(new Dual(-8.0, -12.0), new Dual(2.0, 3.0).multiply(-4));
        assertEquals(Double.NEGATIVE_INFINITY, inf.multiply(-2).tangent());
    }

    /** A Dual function, the same function as graph operations, and where to draw its argument. */
    record Case(String name, UnaryOperator<Dual> dual, UnaryOperator<Var> graph, DoubleUnaryOperator sample) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("asin", Dual::asin, Var::asin, u -> 1.98 * u - 0.99),
                new Case("acos", Dual::acos, Var::acos, u -> 1.98 * u - 0.99),
                new Case("atan", Dual::atan, Var::atan, u -> 20 * u - 10),
                new Case("sinh", Dual::sinh, Var::sinh, u -> 10 * u - 5),
                new Case("cosh", Dual::cosh, Var::cosh, u -> 10 * u - 5),
                new Case("sinhCosh.sinh", d -> d.sinhCosh().sinh(), Var::sinh, u -> 10 * u - 5),
                new Case("sinhCosh.cosh", d -> d.sinhCosh().cosh(), Var::cosh, u -> 10 * u - 5),
                new Case("sinCos.sin", d -> d.sinCos().sin(), Var::sin, u -> 10 * u - 5),
                new Case("sinCos.cos", d -> d.sinCos().cos(), Var::cos, u -> 10 * u - 5),
                new Case("asinh", Dual::asinh, Var::asinh, u -> 20 * u - 10),
                new Case("acosh", Dual::acosh, Var::acosh, u -> 1.1 + 9 * u),
                new Case("atanh", Dual::atanh, Var::atanh, u -> 1.98 * u - 0.99),
                new Case("cbrt", Dual::cbrt, Var::cbrt, u -> 10 * u - 5),
                new Case("log10", Dual::log10, Var::log10, u -> 0.01 + 10 * u),
                new Case("erf", Dual::erf, Var::erf, u -> 8 * u - 4),
                new Case("erfc", Dual::erfc, Var::erfc, u -> 8 * u - 4),
                new Case("reciprocal", Dual::reciprocal, v -> v.constant(1.0).div(v), u -> (4 * u - 2) + (u < 0.5 ? -0.1 : 0.1)),
                new Case("pow(2.5)", d -> d.pow(2.5), v -> v.pow(2.5), u -> 0.01 + 5 * u),
                new Case("rootN(4)", d -> d.rootN(4), v -> v.pow(0.25), u -> 0.01 + 5 * u),
                new Case("rootN(5) of a negative number", d -> d.rootN(5), v -> v.neg().pow(0.2).neg(), u -> -0.01 - 5 * u));
    }

    private static double[] graphValueAndDerivative(UnaryOperator<Var> f, double x) {
        GraphBuilder b = GraphBuilder.tracing();
        Var v = b.input("x");
        Gradient g = b.build("f", f.apply(v)).compile().gradient(x);
        return new double[] {g.value(), g.get("x")};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dualEqualsTheGraphsReverseGradientBitForBit(Case c) {
        SplittableRandom r = new SplittableRandom(c.name().hashCode());
        for (int i = 0; i < 200; i++) {
            double x = c.sample().applyAsDouble(r.nextDouble());
            Dual d = c.dual().apply(Dual.variable(x));
            double[] g = graphValueAndDerivative(c.graph(), x);
            assertEquals(Double.doubleToLongBits(g[0]), Double.doubleToLongBits(d.value()), c + " value at " + x);
            assertEquals(Double.doubleToLongBits(g[1]), Double.doubleToLongBits(d.tangent()),
                    c + " derivative at " + x + ": graph " + g[1] + ", dual " + d.tangent());
        }
    }

    @Test
    void atan2EqualsTheGraphsReverseGradientBitForBit() {
        GraphBuilder b = GraphBuilder.tracing();
        Var y = b.input("y");
        Var x = b.input("x");
        Graph f = b.build("f", y.atan2(x));
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            double yv = r.nextDouble(-3, 3);
            double xv = r.nextDouble(-3, 3);
            Gradient g = f.compile().gradient(yv, xv);
            Dual dy = new Dual(yv, 1.0).atan2(Dual.constant(xv));
            Dual dx = Dual.constant(yv).atan2(new Dual(xv, 1.0));
            assertEquals(Double.doubleToLongBits(g.value()), Double.doubleToLongBits(dy.value()));
            assertEquals(Double.doubleToLongBits(g.get("y")), Double.doubleToLongBits(dy.tangent()), "d/dy at " + yv + ", " + xv);
            assertEquals(Double.doubleToLongBits(g.get("x")), Double.doubleToLongBits(dx.tangent()), "d/dx at " + yv + ", " + xv);
        }
    }

    /** The named DualVectorOps of the new primitives give, lane by lane, the Dual's bits. */
    @Test
    void dualVectorOpsOfTheNewPrimitivesAreTheDualsLaneByLane() {
        double[] lanes = {1.0, -0.5, 2.0};
        double x = 0.6;
        DualVector v = DualVector.of(x, lanes);
        DualVector out = new DualVector(3);
        List<Object[]> pairs = List.of(
                new Object[] {DualVectorOps.asin(v, out).copy(), (UnaryOperator<Dual>) Dual::asin},
                new Object[] {DualVectorOps.acos(v, out).copy(), (UnaryOperator<Dual>) Dual::acos},
                new Object[] {DualVectorOps.atan(v, out).copy(), (UnaryOperator<Dual>) Dual::atan},
                new Object[] {DualVectorOps.sinh(v, out).copy(), (UnaryOperator<Dual>) Dual::sinh},
                new Object[] {DualVectorOps.cosh(v, out).copy(), (UnaryOperator<Dual>) Dual::cosh},
                new Object[] {DualVectorOps.asinh(v, out).copy(), (UnaryOperator<Dual>) Dual::asinh},
                new Object[] {DualVectorOps.atanh(v, out).copy(), (UnaryOperator<Dual>) Dual::atanh},
                new Object[] {DualVectorOps.erf(v, out).copy(), (UnaryOperator<Dual>) Dual::erf},
                new Object[] {DualVectorOps.erfc(v, out).copy(), (UnaryOperator<Dual>) Dual::erfc},
                new Object[] {DualVectorOps.cbrt(v, out).copy(), (UnaryOperator<Dual>) Dual::cbrt},
                new Object[] {DualVectorOps.log10(v, out).copy(), (UnaryOperator<Dual>) Dual::log10},
                new Object[] {DualVectorOps.acosh(DualVector.of(1 + x, lanes), out).copy(),
                    (UnaryOperator<Dual>) d -> d.add(1.0).acosh()},
                new Object[] {DualVectorOps.atan2(v, DualVector.of(-x, lanes), out).copy(),
                    (UnaryOperator<Dual>) d -> d.atan2(new Dual(-x, d.tangent()))});
        for (Object[] p : pairs) {
            DualVector got = (DualVector) p[0];
            @SuppressWarnings("unchecked")
            UnaryOperator<Dual> f = (UnaryOperator<Dual>) p[1];
            for (int l = 0; l < lanes.length; l++) {
                Dual d = f.apply(new Dual(x, lanes[l]));
                assertEquals(d.value(), got.value(), 0.0);
                assertEquals(d.tangent(), got.tangent(l), 0.0, "lane " + l);
            }
        }
    }

    /** The Dual functions Hipparchus' DerivativeStructure also has, side by side. */
    record Oracle(String name, UnaryOperator<Dual> dual, Function<DerivativeStructure, DerivativeStructure> ds,
                  DoubleUnaryOperator sample) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Oracle> oracles() {
        return List.of(
                new Oracle("asin", Dual::asin, DerivativeStructure::asin, u -> 1.9 * u - 0.95),
                new Oracle("acos", Dual::acos, DerivativeStructure::acos, u -> 1.9 * u - 0.95),
                new Oracle("atan", Dual::atan, DerivativeStructure::atan, u -> 20 * u - 10),
                new Oracle("sinh", Dual::sinh, DerivativeStructure::sinh, u -> 10 * u - 5),
                new Oracle("cosh", Dual::cosh, DerivativeStructure::cosh, u -> 10 * u - 5),
                new Oracle("asinh", Dual::asinh, DerivativeStructure::asinh, u -> 20 * u - 10),
                new Oracle("acosh", Dual::acosh, DerivativeStructure::acosh, u -> 1.1 + 9 * u),
                new Oracle("atanh", Dual::atanh, DerivativeStructure::atanh, u -> 1.9 * u - 0.95),
                new Oracle("cbrt", Dual::cbrt, DerivativeStructure::cbrt, u -> 0.05 + 5 * u),
                new Oracle("log10", Dual::log10, DerivativeStructure::log10, u -> 0.01 + 10 * u),
                new Oracle("reciprocal", Dual::reciprocal, DerivativeStructure::reciprocal, u -> 0.1 + 4 * u),
                new Oracle("pow(2.5)", d -> d.pow(2.5), s -> s.pow(2.5), u -> 0.01 + 5 * u),
                new Oracle("rootN(4)", d -> d.rootN(4), s -> s.rootN(4), u -> 0.01 + 5 * u),
                new Oracle("sinCos.sin", d -> d.sinCos().sin(), s -> s.sinCos().sin(), u -> 10 * u - 5),
                new Oracle("sinhCosh.cosh", d -> d.sinhCosh().cosh(), s -> s.sinhCosh().cosh(), u -> 10 * u - 5));
    }

    /** Values and derivatives to 1e−14 relative: both sides are a few correctly rounded operations. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oracles")
    void dualAgreesWithHipparchusDerivativeStructure(Oracle o) {
        DSFactory factory = new DSFactory(1, 1);
        SplittableRandom r = new SplittableRandom(o.name().hashCode() + 1);
        for (int i = 0; i < 200; i++) {
            double x = o.sample().applyAsDouble(r.nextDouble());
            double t = r.nextDouble(-2, 2);
            Dual d = o.dual().apply(new Dual(x, t));
            DerivativeStructure s = o.ds().apply(factory.variable(0, x));
            String at = o + " at " + x + " along " + t;
            assertClose(s.getValue(), d.value(), at + " (value)");
            assertClose(s.getPartialDerivative(1) * t, d.tangent(), at + " (tangent)");
        }
        // atan2 with both arguments varying
        DSFactory two = new DSFactory(2, 1);
        for (int i = 0; i < 200; i++) {
            double y = r.nextDouble(-3, 3);
            double x = r.nextDouble(-3, 3);
            double ty = r.nextDouble(-1, 1);
            double tx = r.nextDouble(-1, 1);
            Dual d = new Dual(y, ty).atan2(new Dual(x, tx));
            DerivativeStructure s = DerivativeStructure.atan2(two.variable(0, y), two.variable(1, x));
            assertClose(s.getValue(), d.value(), "atan2 value");
            assertClose(s.getPartialDerivative(1, 0) * ty + s.getPartialDerivative(0, 1) * tx, d.tangent(), "atan2 tangent");
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-14 * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }
}
