package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelParserTest {
    static final String LOTKA = String.join("\n",
            "# Lotka-Volterra predator-prey",
            "param alpha = 0.55 in [0, inf]   # prey growth",
            "param beta = 0.028 in [0, inf]",
            "param gamma = 0.8 in [0, inf]",
            "param delta = 0.024 in [0, inf]",
            "param hare0 = 33 in [0, 1000]",
            "param lynx0 = 6 in [0, 1000]",
            "state hare = hare0",
            "state lynx = lynx0",
            "der(hare) = alpha*hare - beta*hare*lynx",
            "der(lynx) = delta*hare*lynx - gamma*lynx",
            "output total = hare + lynx",
            "");

    @Test
    void lotkaVolterraParsesAndEvaluates() {
        ModelSpec m = ModelParser.parse("lotka.model", LOTKA);
        assertEquals(List.of("alpha", "beta", "gamma", "delta", "hare0", "lynx0"), m.parameterNames());
        assertEquals(List.of("hare", "lynx"), m.stateNames());
        assertEquals(List.of("total"), m.outputNames());
        assertEquals(0.0, m.t0());
        Parameter hare0 = m.parameters().get(4);
        assertEquals(0.0, hare0.lower());
        assertEquals(1000.0, hare0.upper());
        assertTrue(m.parameters().get(0).hasLower());
        assertFalse(m.parameters().get(0).hasUpper());

        Graph f = m.rhsGraph();
        assertEquals(List.of("t", "hare", "lynx", "alpha", "beta", "gamma", "delta", "hare0", "lynx0"), f.inputNames());
        assertEquals(List.of("der(hare)", "der(lynx)"), f.outputNames());
        double h = 30, l = 4, a = 0.5, b = 0.03, c = 0.8, d = 0.02;
        double[] dy = f.evaluate(0.0, h, l, a, b, c, d, 1, 1);
        assertEquals(a * h - b * h * l, dy[0], 1e-15);
        assertEquals(d * h * l - c * l, dy[1], 1e-15);

        assertArrayEquals(new double[] {33, 6}, m.initialGraph().evaluate(0.55, 0.028, 0.8, 0.024, 33, 6));
        assertArrayEquals(new double[] {34}, m.outputGraph().evaluate(0, h, l, a, b, c, d, 1, 1));
    }

    @Test
    void constsMayBeDefinedAfterUseAndUseParams() {
        String text = String.join("\n",
                "der(x) = -k * x + c2",
                "const c2 = 2 * c1   # uses a const defined below",
                "state x = x0 * c1",
                "const c1 = k + 1",
                "param k = 0.5",
                "param x0 = 3",
                "t0 = 1.5");
        ModelSpec m = ModelParser.parse("order.model", text);
        assertEquals(1.5, m.t0());
        assertEquals(List.of("c2", "c1"), m.constNames());
        double k = 0.7, x = 2;
        assertEquals(-k * x + 2 * (k + 1), m.rhsGraph().evaluate(0, x, k, 3)[0], 1e-15);
        assertEquals(3 * (k + 1), m.initialGraph().evaluate(k, 3)[0], 1e-15);
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(-9.0, eval("-x^2", 3), 0.0);
        assertEquals(512.0, eval("2^3^2", 0), 0.0);
        assertEquals(0.5, eval("x/2/3", 3), 1e-15);
        assertEquals(7.0, eval("1 + 2*x", 3), 0.0);
        assertEquals(9.0, eval("(1 + 2)*x", 3), 0.0);
        assertEquals(0.125, eval("x^-3", 2), 0.0);
        assertEquals(Math.pow(2.5, 0.3), eval("x^0.3", 2.5), 1e-15);
        assertEquals(Math.pow(2.5, 1.7), eval("x^(t + 1.7)", 2.5), 1e-15);
        assertEquals(1.5e-3 + .5, eval("1.5e-3 + .5", 0), 1e-15);
        assertEquals(-3.0, eval("+-x", 3), 0.0);
        assertEquals(Math.PI * 2, eval("2*pi", 0), 0.0);
    }

    @Test
    void functionsAreTheCorePrimitives() {
        double x = 0.7;
        assertEquals(Math.sin(x) + Math.cos(x), eval("sin(x) + cos(x)", x), 1e-15);
        assertEquals(Math.exp(x) * Math.log(x), eval("exp(x) * log(x)", x), 1e-15);
        assertEquals(Math.sqrt(x) - Math.tanh(x), eval("sqrt(x) - tanh(x)", x), 1e-15);
        assertEquals(1 / (1 + Math.exp(-x)), eval("sigmoid(x)", x), 1e-15);
        assertEquals(0.0, eval("relu(-x)", x), 0.0);
        assertEquals(x, eval("abs(-x)", x), 0.0);
        assertEquals(x, eval("max(x, -1)", x), 0.0);
        assertEquals(-1.0, eval("min(x, -1)", x), 0.0);
        assertEquals(Math.hypot(3, 4), eval("hypot(x, 4)", 3), 1e-15);
        assertEquals(Math.pow(x, 1.3), eval("pow(x, 1.3)", x), 1e-15);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(x)), eval("logsumexp(1, 2, x)", x), 1e-14);
        assertEquals(2.0, eval("select(gt(x, 0.5), 2, 3)", x), 0.0);
    }

    /** der(x) = EXPR evaluated at x (t = 0.0). */
    private static double eval(String expr, double x) {
        ModelSpec m = ModelParser.parse("e.model", "state x = 1\nder(x) = " + expr + "\n");
        return m.rhsGraph().evaluate(0.0, x)[0];
    }

    @Test
    void outputsMayUseOtherOutputsInAnyOrder() {
        String text = String.join("\n",
                "output b = a * 2",
                "output a = x + t",
                "state x = 1",
                "der(x) = -b",
                "");
        ModelSpec m = ModelParser.parse("o.model", text);
        assertEquals(List.of("b", "a"), m.outputNames());
        assertArrayEquals(new double[] {2 * (3 + 0.5), 3.5}, m.outputGraph().evaluate(0.5, 3));
        assertEquals(-7.0, m.rhsGraph().evaluate(0.5, 3)[0], 0.0);
    }

    @Test
    void windowsLineEndingsAndCommentsOnly() {
        ModelSpec m = ModelParser.parse("w.model", "# c\r\n\r\nstate x = 2 # init\r\nder(x) = -x\r\n   # end\r\n");
        assertEquals(List.of("x"), m.stateNames());
        assertEquals(-2.0, m.rhsGraph().evaluate(0, 2)[0]);
    }

    @Test
    void unicodeNames() {
        ModelSpec m = ModelParser.parse("u.model", "param α = 0.5\nstate N = 1\nder(N) = α*N\n");
        assertEquals(List.of("α"), m.parameterNames());
    }

    @Test
    void withInitialParametersKeepsBounds() {
        ModelSpec m = ModelParser.parse("lotka.model", LOTKA).withInitialParameters(new double[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.initialParameterValues());
        assertEquals(1000.0, m.parameters().get(5).upper());
    }

    @Test
    void readsFromPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path p = dir.resolve("decay.model");
        java.nio.file.Files.writeString(p, "param k = 1\nstate x = 1\nder(x) = -k*x\n");
        assertEquals("decay.model", ModelParser.parse(p).fileName());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelParser.parse(dir.resolve("missing.model")));
        assertTrue(e.getMessage().contains("cannot read the model file"), e.getMessage());
    }
}
