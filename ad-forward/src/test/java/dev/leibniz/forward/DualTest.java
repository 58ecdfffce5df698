package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1Field;
import org.junit.jupiter.api.Test;

/**
 * Every function of Hipparchus' CalculusFieldElement interface on duals, against Hipparchus'
 * own first-order univariate derivative (an independent implementation of the same algebra),
 * and Leibniz's extra functions against closed forms.
 */
class DualTest {
    /** Every function of the interface, written once for any field element; y is a second operand. */
    static <T extends CalculusFieldElement<T>> T f(String name, T x, T y) {
        return switch (name) {
            case "add" -> x.add(y);
            case "subtract" -> x.subtract(y);
            case "multiply" -> x.multiply(y);
            case "divide" -> x.divide(y);
            case "negate" -> x.negate();
            case "reciprocal" -> x.reciprocal();
            case "add(double)" -> x.add(0.3);
            case "subtract(double)" -> x.subtract(0.3);
            case "multiply(double)" -> x.multiply(-1.7);
            case "multiply(int)" -> x.multiply(3);
            case "divide(double)" -> x.divide(4.0);
            case "scalb" -> x.scalb(3);
            case "square" -> x.square();
            case "pow(int)" -> x.pow(3);
            case "pow(negative int)" -> x.pow(-2);
            case "pow(double)" -> x.pow(2.5);
            case "pow(integral double)" -> x.pow(3.0);
            case "pow(T)" -> x.pow(y);
            case "sqrt" -> x.sqrt();
            case "cbrt" -> x.cbrt();
            case "cbrt(negative)" -> x.negate().cbrt();
            case "rootN(5)" -> x.rootN(5);
            case "rootN(4)" -> x.rootN(4);
            case "hypot" -> x.hypot(y);
            case "exp" -> x.exp();
            case "expm1" -> x.expm1();
            case "log" -> x.log();
            case "log1p" -> x.log1p();
            case "log10" -> x.log10();
            case "sin" -> x.sin();
            case "cos" -> x.cos();
            case "sinCos.sin" -> x.sinCos().sin();
            case "sinCos.cos" -> x.sinCos().cos();
            case "tan" -> x.tan();
            case "asin" -> x.asin();
            case "acos" -> x.acos();
            case "atan" -> x.atan();
            case "atan2" -> x.atan2(y);
            case "atan2(negative x)" -> x.atan2(y.negate());
            case "sinh" -> x.sinh();
            case "cosh" -> x.cosh();
            case "sinhCosh.sinh" -> x.sinhCosh().sinh();
            case "sinhCosh.cosh" -> x.sinhCosh().cosh();
            case "tanh" -> x.tanh();
            case "asinh" -> x.asinh();
            case "acosh" -> x.add(1.5).acosh();
            case "atanh" -> x.atanh();
            case "toDegrees" -> x.toDegrees();
            case "toRadians" -> x.toRadians();
            case "linearCombination(T[], T[])" -> x.linearCombination(arr(x, y, x.sin()), arr(y, x.exp(), y.square()));
            case "linearCombination(double[], T[])" -> x.linearCombination(new double[] {1.5, -2, 0.25}, arr(y, x.exp(), x));
            case "linearCombination(2 T)" -> x.linearCombination(x, y, y.sin(), x.cos());
            case "linearCombination(2 double)" -> x.linearCombination(2.0, y, -3.0, x.cos());
            case "linearCombination(3 T)" -> x.linearCombination(x, y, y.sin(), x.cos(), x, x);
            case "linearCombination(3 double)" -> x.linearCombination(2.0, y, -3.0, x.cos(), 0.5, x.square());
            case "linearCombination(4 T)" -> x.linearCombination(x, y, y.sin(), x.cos(), x, x, y, y.exp());
            case "linearCombination(4 double)" -> x.linearCombination(2.0, y, -3.0, x.cos(), 0.5, x, 7.0, y.exp());
            case "remainder(double)" -> x.multiply(10).remainder(0.7);
            case "remainder(T)" -> x.multiply(10).remainder(y);
            case "copySign(T)" -> x.copySign(y.negate());
            case "copySign(double)" -> x.copySign(-2.0);
            case "abs" -> x.negate().abs();
            case "sign" -> x.sign();
            case "ceil" -> x.ceil();
            case "floor" -> x.floor();
            case "rint" -> x.rint();
            case "ulp" -> x.ulp();
            case "getAddendum" -> x.getAddendum();
            case "getPi" -> x.getPi();
            case "newInstance" -> x.newInstance(2.5);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @SafeVarargs
    private static <T extends CalculusFieldElement<T>> T[] arr(T... xs) {
        T[] a = org.hipparchus.util.MathArrays.buildArray(xs[0].getField(), xs.length);
        System.arraycopy(xs, 0, a, 0, xs.length);
        return a;
    }

    static final List<String> NAMES = List.of("add", "subtract", "multiply", "divide", "negate", "reciprocal",
            "add(double)", "subtract(double)", "multiply(double)", "multiply(int)", "divide(double)", "scalb", "square",
            "pow(int)", "pow(negative int)", "pow(double)", "pow(integral double)", "pow(T)", "sqrt", "cbrt",
            "cbrt(negative)", "rootN(5)", "rootN(4)", "hypot", "exp", "expm1", "log", "log1p",
            "log10", "sin", "cos", "sinCos.sin", "sinCos.cos", "tan", "asin", "acos", "atan", "atan2",
            "atan2(negative x)", "sinh", "cosh", "sinhCosh.sinh", "sinhCosh.cosh", "tanh", "asinh", "acosh", "atanh",
            "toDegrees", "toRadians", "linearCombination(T[], T[])", "linearCombination(double[], T[])",
            "linearCombination(2 T)", "linearCombination(2 double)", "linearCombination(3 T)",
            "linearCombination(3 double)", "linearCombination(4 T)", "linearCombination(4 double)",
            "remainder(double)", "remainder(T)", "copySign(T)", "copySign(double)", "abs", "sign", "ceil", "floor",
            "rint", "ulp", "getAddendum", "getPi", "newInstance");

    @Test
    void everyInterfaceFunctionMatchesHipparchusUnivariateDerivative() {
        double[][] points = {{0.3, 0.8, 1.0, -0.5}, {0.55, 1.7, -0.4, 2.0}, {0.85, 0.45, 2.5, 0.75}};
        for (String name : NAMES) {
            for (double[] p : points) {
                Dual d = f(name, new Dual(p[0], p[2]), new Dual(p[1], p[3]));
                UnivariateDerivative1 u = f(name, new UnivariateDerivative1(p[0], p[2]), new UnivariateDerivative1(p[1], p[3]));
                String where = name + " at x = " + p[0] + " + " + p[2] + "ε, y = " + p[1] + " + " + p[3] + "ε";
                assertClose(u.getValue(), d.value(), "value of " + where);
                assertClose(u.getFirstDerivative(), d.tangent(), "tangent of " + where);
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(RandomForwardGraphs.close(expected, actual, 1e-13), what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void leibnizExtrasMatchClosedForms() {
        double x = 0.7;
        Dual v = Dual.variable(x);
        double s = 1 / (1 + Math.exp(-x));
        assertEquals(s, v.sigmoid().value(), 1e-15);
        assertEquals(s * (1 - s), v.sigmoid().tangent(), 1e-15);
        assertEquals(Math.log1p(Math.exp(x)), v.softplus().value(), 1e-15);
        assertEquals(s, v.softplus().tangent(), 1e-15);
        assertEquals(1.0, v.relu().tangent(), 0.0);
        assertEquals(0.0, v.negate().relu().tangent(), 0.0);
        Dual w = new Dual(0.2, 5.0);
        assertEquals(1.0, v.max(w).tangent(), 0.0);
        assertEquals(5.0, v.min(w).tangent(), 0.0);
        // softplus stays exact where ln(1 + e^x) would overflow
        assertEquals(1000.0, Dual.variable(1000).softplus().value(), 0.0);
        assertEquals(1.0, Dual.variable(1000).softplus().tangent(), 0.0);
    }

    @Test
    void oddRootsOfNegativeNumbersAreReal() {
        // (−x)^(1/5) = −x^(1/5), derivative (1/5)·|x|^(−4/5); Hipparchus gives NaN for n > 3
        Dual r = new Dual(-32.0, 3.0).rootN(5);
        assertEquals(-2.0, r.value(), 1e-15);
        assertEquals(3.0 / (5 * 16.0), r.tangent(), 1e-15);
        assertTrue(Double.isNaN(new Dual(-32.0, 3.0).rootN(4).value()));
    }

    @Test
    void kinksFollowTheDefaultPolicyNotHipparchusSignBit() {
        Dual zero = Dual.variable(0.0);
        assertEquals(0.0, zero.relu().tangent(), 0.0);
        assertEquals(0.0, zero.abs().tangent(), 0.0);
        assertEquals(0.0, Dual.variable(-0.0).abs().tangent(), 0.0);
        // Hipparchus takes the one-sided derivative chosen by the sign bit
        assertEquals(1.0, new UnivariateDerivative1(0.0, 1.0).abs().getFirstDerivative(), 0.0);
        assertEquals(-1.0, new UnivariateDerivative1(-0.0, 1.0).abs().getFirstDerivative(), 0.0);
        // max/min at a tie: half from each side
        Dual a = new Dual(1.0, 2.0);
        Dual b = new Dual(1.0, 6.0);
        assertEquals(4.0, a.max(b).tangent(), 0.0);
        assertEquals(4.0, a.min(b).tangent(), 0.0);
    }

    @Test
    void zeroTangentStaysZeroThroughInfiniteDerivatives() {
        assertEquals(0.0, Dual.constant(0.0).sqrt().tangent(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Dual.variable(0.0).sqrt().tangent());
        assertEquals(0.0, Dual.constant(0.0).cbrt().tangent(), 0.0);
    }

    @Test
    void fieldIsASingletonWithZeroAndOne() {
        DualField field = DualField.getInstance();
        assertSame(field, Dual.variable(3).getField());
        assertEquals(Dual.constant(0.0), field.getZero());
        assertEquals(Dual.constant(1.0), field.getOne());
        assertEquals(Dual.class, field.getRuntimeClass());
        assertEquals(UnivariateDerivative1Field.getInstance().getOne().getValue(), field.getOne().value(), 0.0);
        assertEquals("0.5 + 1.0ε", Dual.variable(0.5).toString());
        assertEquals("0.5 - 2.0ε", new Dual(0.5, -2).toString());
    }
}
