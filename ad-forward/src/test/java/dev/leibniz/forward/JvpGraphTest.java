package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of the JVP graph: names, no trivial multiplications, and a JVP of a JVP. */
class JvpGraphTest {

    private static long count(Graph g, String primitive) {
        long c = 0;
        for (int i = 0; i < g.size(); i++) {
            if (g.primitive(i).name().equals(primitive)) {
                c++;
            }
        }
        return c;
    }

    @Test
    void inputsAndOutputsAreNamedAfterTheOriginals() {
        Graph f = Graph.trace(v -> v[0].mul(v[1]).sin(), "a", "b");
        Graph j = JvpGraph.of(f);
        assertEquals(List.of("a", "b", "t_a", "t_b"), j.inputNames());
        assertEquals(List.of("f", "jvp_f"), j.outputNames());
        // d sin(ab) = cos(ab)·(b·t_a + a·t_b)
        double a = 0.4;
        double b = -1.1;
        double[] out = j.evaluate(a, b, 2.0, 3.0);
        assertEquals(Math.sin(a * b), out[0], 1e-15);
        assertEquals(Math.cos(a * b) * (b * 2.0 + a * 3.0), out[1], 1e-15);
    }

    @Test
    void linearRulesBuildNoMultiplications() {
        // (x + y) − x·… : the JVP of add, sub and neg is t_x + t_y, t_x − t_y, −t_x with no mul by ±1
        Graph f = Graph.trace(v -> v[0].add(v[1]).sub(v[0]).neg(), "x", "y");
        Graph j = JvpGraph.of(f);
        assertEquals(0, count(j, "mul"), j.toString());
        assertEquals(-3.0, j.evaluate(1.0, 2.0, 5.0, 3.0)[1], 0.0);
    }

    @Test
    void outputIndependentOfTheInputsHasAZeroJvp() {
        Graph f = Graph.trace(v -> v[0].constant(2.0).exp(), "x");
        Graph j = JvpGraph.of(f);
        assertEquals(0.0, j.evaluate(1.0, 1.0)[1], 0.0);
        assertTrue(j.toString().contains("jvp_f"));
    }

    @Test
    void theJvpGraphCanBeDifferentiatedAgain() {
        // f = x³: jvp = 3x²·t; its JVP along (x, t) = (1, 0) gives d/dx(3x²·t) = 6x·t
        Graph f = Graph.trace(v -> v[0].pow(3), "x");
        Graph jj = JvpGraph.of(JvpGraph.of(f), "u_", "d_");
        assertEquals(List.of("x", "t_x", "u_x", "u_t_x"), jj.inputNames());
        assertEquals(List.of("f", "jvp_f", "d_f", "d_jvp_f"), jj.outputNames());
        double x = 1.5;
        double t = 2.0;
        double[] out = jj.evaluate(x, t, 1.0, 0.0);
        assertEquals(x * x * x, out[0], 1e-15);
        assertEquals(3 * x * x * t, out[1], 1e-14);
        assertEquals(3 * x * x, out[2], 1e-14);
        assertEquals(6 * x * t, out[3], 1e-14);
    }

    @Test
    void derivativeGraphsHaveStrongZerosLikeTheNumericSweeps() {
        // at x = 0, select(x > 0, √x, 2x) takes 2x; the untaken √x has an infinite tangent. The
        // numeric sweeps give 2 (ForwardProgramTest); the JVP graph and ad-core's gradient graph
        // multiply by partials with a strong zero (mulz: 0·∞ = 0), so they give 2 as well.
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].sqrt(), v[0].mul(2.0)), "x");
        assertEquals(2.0, JvpGraph.of(f).evaluate(0.0, 1.0)[1], 0.0);
        assertEquals(2.0, ReverseMode.gradientGraph(f).evaluate(0.0)[1], 0.0);
        assertEquals(0.25, JvpGraph.of(f).evaluate(4.0, 1.0)[1], 0.0);
    }
}
