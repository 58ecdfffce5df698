package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.expr.Expressions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 8: model files read their expressions with the same grammar and the same
 * function table as {@code leibniz grad} (ad-core's {@code ExpressionParser} and
 * {@code FunctionTable}). Before, a model file rejected {@code powi(x, 3)}, comparisons, unary-plus
 * free forms and the constant {@code e}, and neither front end had atan, atan2, erf, ….
 */
class OneGrammarTest {
    /** der(x) = EXPR with states x, y (inputs t, x, y). */
    private static Graph rhs(String expr) {
        return ModelParser.parse("g.model", "state x = 1\nstate y = 2\nder(x) = " + expr + "\nder(y) = 0\n").rhsGraph();
    }

    /** The same text through both front ends gives the same value, bit for bit. */
    @Test
    void modelFilesAndExpressionsAgree() {
        List<String> texts = List.of("powi(x, 3) - pow(y, -2)", "x^3 + 2^3^2 - -x^2", "select(x > 0, x, -x) + (y <= x)",
                "+x - +y", "e^x + pi*y - exp(1)", "max(x, -inf) + min(y, inf)", "atan(x) + atan2(y, x) + hypot(x, y)",
                "erf(x) + erfc(y) + asinh(x) + acosh(1 + y^2) + atanh(y/3)", "log1p(x) + expm1(y) + cbrt(x - y)",
                "asin(x/4) + acos(y/4) + sinh(x) + cosh(y) + log10(x^2 + 1)", "logsumexp(x, y, 1) / sqrt(2)");
        SplittableRandom r = new SplittableRandom(5);
        for (String text : texts) {
            Graph model = rhs(text);
            Graph expression = Expressions.parse(text, List.of("x", "y"));
            for (int i = 0; i < 20; i++) {
                double x = r.nextDouble(-2, 2);
                double y = r.nextDouble(-2, 2);
                double m = model.evaluate(0.0, x, y)[0];
                double e = expression.evaluate(x, y)[0];
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(m), text + " at " + x + ", " + y);
            }
        }
    }

    /** powi, the old sticking point: accepted with an integer literal, refused otherwise, with the column. */
    @Test
    void powiIsAcceptedWithAnIntegerLiteral() {
        Graph g = rhs("powi(x, 3) + powi(y, -1)");
        assertTrue(g.toString().contains("powi 3") && g.toString().contains("powi -1"), g.toString());
        assertEquals(-8.0 + 0.5, g.evaluate(0, -2.0, 2.0)[0], 0.0);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelParser.parse("p.model", "param k = 2\nstate x = 1\nder(x) = powi(x, k)\n"));
        assertEquals(3, e.line());
        assertEquals(18, e.column());
        assertTrue(e.detail().startsWith("'powi' needs an integer literal exponent"), e.detail());
    }

    /**
     * A right-hand side of the new functions: its exact partial derivatives (reverse sweep of the
     * RHS graph) against closed forms and central differences, with respect to states and parameters.
     */
    @Test
    void derivativesOfTheNewFunctionsInDerAreExact() {
        ModelSpec m = ModelParser.parse("new.model", String.join("\n",
                "param a = 0.5",
                "param b = 1.5",
                "state x = 1",
                "state y = 2",
                "der(x) = atan(a*x) + atan2(y, x) + hypot(x, b) + erf(x) + erfc(y)",
                "der(y) = asinh(x) + acosh(b + y^2) + atanh(a/y) + log1p(x^2) + expm1(-y) + cbrt(x) + powi(y, 3)",
                ""));
        Program p = m.rhsGraph().compile();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            double x = r.nextDouble(0.2, 2);
            double y = r.nextDouble(1, 3);
            double a = r.nextDouble(0.1, 0.9);
            double b = r.nextDouble(1, 2);
            double[] in = {0.0, x, y, a, b};
            Gradient g0 = p.gradient(0, EvalOptions.DEFAULT, in);
            Gradient g1 = p.gradient(1, EvalOptions.DEFAULT, in);
            double r2 = x * x + y * y;
            double gauss = 2 / Math.sqrt(Math.PI);
            // closed forms
            double dx0 = a / (1 + a * a * x * x) - y / r2 + x / Math.hypot(x, b) + gauss * Math.exp(-x * x);
            double dy0 = x / r2 - gauss * Math.exp(-y * y);
            double da0 = x / (1 + a * a * x * x);
            double db0 = b / Math.hypot(x, b);
            double u = b + y * y;
            double dx1 = 1 / Math.sqrt(x * x + 1) + 2 * x / (1 + x * x) + 1 / (3 * Math.cbrt(x) * Math.cbrt(x));
            double dy1 = 2 * y / Math.sqrt(u * u - 1) - a / (y * y) / (1 - a * a / (y * y)) - Math.exp(-y) + 3 * y * y;
            double da1 = 1 / y / (1 - a * a / (y * y));
            double db1 = 1 / Math.sqrt(u * u - 1);
            String at = " at x=" + x + ", y=" + y + ", a=" + a + ", b=" + b;
            assertClose(dx0, g0.get("x"), "d der(x)/dx" + at);
            assertClose(dy0, g0.get("y"), "d der(x)/dy" + at);
            assertClose(da0, g0.get("a"), "d der(x)/da" + at);
            assertClose(db0, g0.get("b"), "d der(x)/db" + at);
            assertClose(dx1, g1.get("x"), "d der(y)/dx" + at);
            assertClose(dy1, g1.get("y"), "d der(y)/dy" + at);
            assertClose(da1, g1.get("a"), "d der(y)/da" + at);
            assertClose(db1, g1.get("b"), "d der(y)/db" + at);
            // central differences, h = 1e-6
            for (int k = 1; k < in.length; k++) {
                double h = 1e-6;
                double[] plus = in.clone();
                double[] minus = in.clone();
                plus[k] += h;
                minus[k] -= h;
                double[] fp = p.evaluate(plus);
                double[] fm = p.evaluate(minus);
                String name = m.rhsGraph().inputNames().get(k);
                assertEquals((fp[0] - fm[0]) / (2 * h), g0.get(name), 1e-7 * Math.max(1, Math.abs(g0.get(name))),
                        "d der(x)/d" + name + at);
                assertEquals((fp[1] - fm[1]) / (2 * h), g1.get(name), 1e-7 * Math.max(1, Math.abs(g1.get(name))),
                        "d der(y)/d" + name + at);
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void theConstantsOfTheGrammarUnlessDefined() {
        assertEquals(Math.E, rhs("e").evaluate(0, 1, 2)[0], 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, rhs("-inf").evaluate(0, 1, 2)[0], 0.0);
        ModelSpec shadow = ModelParser.parse("s.model", "param e = 0.5\nstate x = 1\nder(x) = -e*x\n");
        assertEquals(-1.0, shadow.rhsGraph().evaluate(0, 2.0, 0.5)[0], 0.0);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelParser.parse("r.model", "param inf = 1\nstate x = 1\nder(x) = 0\n"));
        assertEquals("'inf' is reserved and cannot be defined as a param", e.detail());
    }

    @Test
    void anExpressionSyntaxErrorHasTheLineAndTheColumnOfTheLine() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelParser.parse("c.model", "state x = 1\n\tder(x) = x < 1 < 2   # chained\n"));
        assertEquals(2, e.line());
        assertEquals(17, e.column());
        assertEquals("comparisons do not chain: write (a < b)*(b < c) rather than a < b < c", e.detail());
    }
}
