package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.ForwardMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JvpGraph} names ad-core's one JVP-graph transformation ({@link ForwardMode}, whose own
 * tests are in ad-core): the same graph, for scalar graphs (against {@link ForwardProgram}) and
 * matrix graphs (against central differences). Before issue 13 it was a second, scalar-only
 * copy that gave no JVP for a matrix graph.
 */
class JvpGraphTest {

    @Test
    void theFacadeBuildsTheSameGraphAsForwardMode() {
        Graph f = Graph.trace(v -> v[0].mul(v[1]).sin().add(v[0].exp()), "a", "b");
        assertEquals(ForwardMode.jvpGraph(f).toString(), JvpGraph.of(f).toString());
        assertEquals(ForwardMode.jvpGraph(f, "u_", "d_").toString(), JvpGraph.of(f, "u_", "d_").toString());
        assertEquals("t_a", JvpGraph.tangentName("a"));
        assertEquals("jvp_f", JvpGraph.jvpName("f"));
        // and the graph's JVP equals the numeric lanes' (same partials, same order of terms)
        double[] x = {0.4, -1.1};
        double[] t = {2.0, 3.0};
        double lanes = ForwardProgram.prepare(f).jvp(x, t)[0][0];
        assertEquals(lanes, JvpGraph.of(f).evaluate(x[0], x[1], t[0], t[1])[1], 1e-15);
    }

    @Test
    void matrixGraphsGetTheirJvp() {
        // f(X) = Σ_rows (X·Xᵀ) for a 2×3 X: df = Σ_rows (Ẋ·Xᵀ + X·Ẋᵀ)
        Graph f = Graph.trace(v -> v[0].matmul(v[0].transpose()).sumTo(new Shape(2, 1)),
                new String[] {"X"}, new Shape[] {new Shape(2, 3)});
        Graph j = JvpGraph.of(f);
        assertEquals(List.of("X", "t_X"), j.inputNames());
        assertEquals(new Shape(2, 1), j.outputShape(1));
        double[] x = {0.3, -0.7, 1.1, 0.5, 0.2, -0.4};
        double[] v = {1.0, 0.5, -0.25, 2.0, -1.0, 0.75};
        double h = 1e-6;
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int e = 0; e < 6; e++) {
            plus[e] += h * v[e];
            minus[e] -= h * v[e];
        }
        double[] fp = f.compile().evaluate(new double[][] {plus})[0];
        double[] fm = f.compile().evaluate(new double[][] {minus})[0];
        double[] fd = {(fp[0] - fm[0]) / (2 * h), (fp[1] - fm[1]) / (2 * h)};
        assertArrayEquals(fd, j.compile().evaluate(x, v)[1], 1e-8);
    }
}
