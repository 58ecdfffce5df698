package dev.leibniz.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values and gradients of parsed expressions against closed forms written in plain Java. */
class ExpressionsTest {

    private static double eval(String text, double... inputs) {
        return Expressions.parse(text).evaluate(inputs)[0];
    }

    /** f(x, y) with the inputs declared in that order. */
    private static double evalXy(String text, double x, double y) {
        return Expressions.parse(text, List.of("x", "y")).evaluate(x, y)[0];
    }

    @Test
    void sinOfSquareTimesExpMatchesClosedForm() {
        Program p = Expressions.parse("sin(x^2)*exp(x)").compile();
        for (double x : new double[] {-2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 1.7, 3.2}) {
            double expected = Math.sin(x * x) * Math.exp(x);
            assertEquals(expected, p.evaluate(x)[0], 1e-15 * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void gradientOfParsedGraphIsTheClosedFormDerivative() {
        // d/dx sin(x²)·eˣ = (2x·cos(x²) + sin(x²))·eˣ
        Program p = Expressions.parse("sin(x^2)*exp(x)").compile();
        for (double x : new double[] {-1.3, 0.2, 0.9, 2.1}) {
            double expected = (2 * x * Math.cos(x * x) + Math.sin(x * x)) * Math.exp(x);
            assertEquals(expected, p.gradient(x).get("x"), 1e-13 * Math.max(1, Math.abs(expected)));
        }
        // f = x·y² + log(y)/x: f_x = y² − log(y)/x², f_y = 2xy + 1/(xy)
        Program q = Expressions.parse("x*y^2 + log(y)/x").compile();
        double x = 1.7;
        double y = 0.6;
        Gradient g = q.gradient(x, y);
        assertEquals(x * y * y + Math.log(y) / x, g.value(), 1e-15);
        assertEquals(y * y - Math.log(y) / (x * x), g.get("x"), 1e-14);
        assertEquals(2 * x * y + 1 / (x * y), g.get("y"), 1e-14);
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(7.0, eval("1 + 2*3"), 0.0);
        assertEquals(9.0, eval("(1 + 2)*3"), 0.0);
        assertEquals(-4.0, eval("1 - 2 - 3"), 0.0);
        assertEquals(1.0, eval("8/4/2"), 0.0);
        assertEquals(512.0, eval("2^3^2"), 0.0);
        assertEquals(64.0, eval("(2^3)^2"), 0.0);
        assertEquals(-4.0, eval("-2^2"), 0.0);
        assertEquals(4.0, eval("(-2)^2"), 0.0);
        assertEquals(-6.0, eval("2*-3"), 0.0);
        assertEquals(0.5, eval("2^-1"), 0.0);
        assertEquals(2.0, eval("--2"), 0.0);
        assertEquals(1.0 / 81, eval("3^-2^2"), 1e-18); // 3^(-(2^2))
        assertEquals(-9.0, eval("-x^2", 3.0), 0.0);
        assertEquals(9.0, eval("(-x)^2", 3.0), 0.0);
        assertEquals(6.0, eval("12/x*y", 4.0, 2.0), 0.0);  // (12/4)·2, not 12/(4·2)
        assertEquals(2.0 + 3 * Math.pow(2, 0.5), eval("2 + 3*2^0.5"), 1e-15);
    }

    @Test
    void numbersInEveryForm() {
        assertEquals(0.5 + 1e-3 + 3.0 + 2.5e2 + 1.5, eval(".5 + 1e-3 + 3. + 2.5E+2 + 15e-1"), 0.0);
        assertEquals(0.0, eval("0"), 0.0);
        assertEquals(Math.PI * Math.E, eval("pi*e"), 0.0);
    }

    @Test
    void comparisonsAreZeroOrOneAndFeedSelect() {
        Program p = Expressions.parse("select(x > 0, x, -2*x)").compile();
        assertEquals(1.5, p.evaluate(1.5)[0], 0.0);
        assertEquals(3.0, p.evaluate(-1.5)[0], 0.0);
        assertEquals(1.0, eval("x < y", 1, 2), 0.0);
        assertEquals(0.0, eval("x < y", 2, 2), 0.0);
        assertEquals(1.0, eval("x <= y", 2, 2), 0.0);
        assertEquals(1.0, eval("x >= y", 2, 2), 0.0);
        assertEquals(1.0, eval("x == y", 2, 2), 0.0);
        assertEquals(0.0, eval("x == y + 1", 2, 2), 0.0); // comparison binds loosest
        assertEquals(1.0, eval("lt(x, y)", 1, 2), 0.0);
        // d/dx select(x > 0, x², 3x) is 2x on the right, 3 on the left
        assertEquals(2 * 1.5, Expressions.parse("select(x > 0, x^2, 3*x)").compile().gradient(1.5).get("x"), 0.0);
        assertEquals(3.0, Expressions.parse("select(x > 0, x^2, 3*x)").compile().gradient(-1.5).get("x"), 0.0);
    }

    @Test
    void everyKindOfFunctionByName() {
        double x = 0.7;
        double y = -1.3;
        assertEquals(Math.sqrt(x) + Math.log(x) + Math.log1p(x) + Math.expm1(x), eval("sqrt(x)+log(x)+log1p(x)+expm1(x)", x),
                1e-15);
        assertEquals(Math.cos(x) + Math.tan(x) + Math.tanh(x), eval("cos(x) + tan(x) + tanh(x)", x), 1e-15);
        assertEquals(1 / (1 + Math.exp(-x)) + Math.log1p(Math.exp(x)), eval("sigmoid(x) + softplus(x)", x), 1e-15);
        assertEquals(0.0 + 1.3 + 0.7 + -1.3 + Math.hypot(x, y), evalXy("relu(y) + abs(y) + max(x, y) + min(x, y) + hypot(x, y)", x, y),
                1e-15);
        assertEquals(1.0 - 1.0, evalXy("step(x) + sign(y)", x, y), 0.0);
        assertEquals(x * x, eval("square(x)", x), 0.0);
        double lse = Math.log(Math.exp(x) + Math.exp(y) + Math.exp(0));
        assertEquals(lse, evalXy("logsumexp(x, y, 0)", x, y), 1e-15);
        assertEquals(x, eval("logsumexp(x)", x), 1e-15);
        assertEquals(Math.pow(x, 2.5), eval("pow(x, 2.5)", x), 1e-15);
        assertEquals(Math.pow(x, -y), evalXy("pow(x, -y)", x, y), 1e-15);
        assertEquals(1.0 / (x * x * x), eval("powi(x, -3)", x), 1e-15);
    }

    @Test
    void integerLiteralExponentsUseTheExactIntegerPower() {
        // powi is defined for negative bases, where the real power's ∂/∂exponent would be NaN
        assertTrue(Expressions.parse("x^3").toString().contains("powi 3"));
        assertTrue(Expressions.parse("pow(x, 2)").toString().contains("powi 2"));
        assertTrue(Expressions.parse("x^(-2)").toString().contains("powi -2"));
        assertTrue(Expressions.parse("x^2.5").toString().contains("pow %"));
        assertTrue(Expressions.parse("x^y").toString().contains("pow %"));
        Gradient g = Expressions.parse("x^3").compile().gradient(-2.0);
        assertEquals(-8.0, g.value(), 0.0);
        assertEquals(3 * 4.0, g.get("x"), 0.0);
        assertEquals(-0.125, eval("x^-3", -2.0), 0.0);
    }

    @Test
    void inputsInOrderOfFirstAppearance() {
        Graph g = Expressions.parse("y*x + y - zeta");
        assertEquals(List.of("y", "x", "zeta"), g.inputNames());
        assertEquals(List.of("f"), g.outputNames());
        assertEquals(3.0 * 2.0 + 3.0 - 1.0, g.evaluate(3.0, 2.0, 1.0)[0], 0.0);
        assertEquals(List.of(), Expressions.parse("2 + 3").inputNames());
    }

    @Test
    void declaredVariablesFixTheInputsAndTheirOrder() {
        Graph g = Expressions.parse("x*y", List.of("y", "x", "unused"));
        assertEquals(List.of("y", "x", "unused"), g.inputNames());
        Gradient grad = g.compile().gradient(5.0, 2.0, 9.0);
        assertEquals(10.0, grad.value(), 0.0);
        assertEquals(2.0, grad.get("y"), 0.0);
        assertEquals(5.0, grad.get("x"), 0.0);
        assertFalse(grad.isPresent("unused"));
    }

    @Test
    void piAndEAreConstantsUnlessDeclared() {
        assertEquals(List.of("x"), Expressions.parse("x*pi + e").inputNames());
        Graph g = Expressions.parse("e*2 + pi", List.of("e"));
        assertEquals(3.0 * 2 + Math.PI, g.evaluate(3.0)[0], 0.0);
    }

    @Test
    void severalExpressionsGiveSeveralOutputs() {
        Graph g = Expressions.parseAll("x + y; x*y; sin(x);");
        assertEquals(List.of("f1", "f2", "f3"), g.outputNames());
        double[] v = g.evaluate(0.5, 4.0);
        assertEquals(4.5, v[0], 0.0);
        assertEquals(2.0, v[1], 0.0);
        assertEquals(Math.sin(0.5), v[2], 0.0);
        Graph h = Expressions.parseAll("b - a; a", List.of("a", "b"));
        assertEquals(List.of("a", "b"), h.inputNames());
        assertEquals(1.0, h.evaluate(1.0, 2.0)[0], 0.0);
    }

    @Test
    void parseIntoReusesABuilderAndItsVariablesAlsoWhenRecording() {
        GraphBuilder traced = GraphBuilder.tracing();
        Var a = traced.input("a");
        Var w = traced.input("w");
        Var f = Expressions.parseInto("tanh(w*a) + 1", Map.of("a", a, "w", w), traced);
        Graph g = traced.build("out", f.mul(2.0));
        assertEquals(2 * (Math.tanh(0.5 * 3.0) + 1), g.evaluate(3.0, 0.5)[0], 1e-15);

        GraphBuilder recording = GraphBuilder.recording(Subgradients.DEFAULT);
        Var x = recording.input("x", 0.3);
        Var r = Expressions.parseInto("exp(-x^2/2)", Map.of("x", x), recording);
        assertEquals(Math.exp(-0.3 * 0.3 / 2), r.value(), 1e-16);
    }
}
