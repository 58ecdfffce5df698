package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one JVP-graph transformation: names, economy (no trivial multiplications), strong zeros,
 * JVPs of JVPs, and matrix graphs checked against central differences and against the reverse
 * mode by the dot-product identity ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩.
 */
class ForwardModeTest {
    private static final double H = 1e-6;

    private static long count(Graph g, String primitive) {
        long c = 0;
        for (int i = 0; i < g.size(); i++) {
            if (g.primitive(i).name().equals(primitive)) {
                c++;
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- scalar graphs

    @Test
    void inputsAndOutputsAreNamedAfterTheOriginals() {
        Graph f = Graph.trace(v -> v[0].mul(v[1]).sin(), "a", "b");
        Graph j = ForwardMode.jvpGraph(f);
        assertEquals(List.of("a", "b", "t_a", "t_b"), j.inputNames());
        assertEquals(List.of("f", "jvp_f"), j.outputNames());
        assertEquals("t_a", ForwardMode.tangentName("a"));
        assertEquals("jvp_f", ForwardMode.jvpName("f"));
        // d sin(ab) = cos(ab)·(b·t_a + a·t_b)
        double a = 0.4;
        double b = -1.1;
        double[] out = j.evaluate(a, b, 2.0, 3.0);
        assertEquals(Math.sin(a * b), out[0], 1e-15);
        assertEquals(Math.cos(a * b) * (b * 2.0 + a * 3.0), out[1], 1e-15);
    }

    @Test
    void linearRulesBuildNoMultiplications() {
        // (x + y) − x, negated: the JVP of add, sub and neg is t_x + t_y, t_x − t_y, −t_x with no mul by ±1
        Graph f = Graph.trace(v -> v[0].add(v[1]).sub(v[0]).neg(), "x", "y");
        Graph j = ForwardMode.jvpGraph(f);
        assertEquals(0, count(j, "mul") + count(j, "mulz"), j.toString());
        assertEquals(-3.0, j.evaluate(1.0, 2.0, 5.0, 3.0)[1], 0.0);
    }

    @Test
    void outputIndependentOfTheInputsHasAZeroJvp() {
        Graph f = Graph.trace(v -> v[0].constant(2.0).exp(), "x");
        Graph j = ForwardMode.jvpGraph(f);
        assertEquals(0.0, j.evaluate(1.0, 1.0)[1], 0.0);
        assertTrue(j.toString().contains("jvp_f"));
    }

    @Test
    void theJvpGraphCanBeDifferentiatedAgain() {
        // f = x³: jvp = 3x²·t; its JVP along (x, t) = (1, 0) gives d/dx(3x²·t) = 6x·t
        Graph f = Graph.trace(v -> v[0].pow(3), "x");
        Graph jj = ForwardMode.jvpGraph(ForwardMode.jvpGraph(f), "u_", "d_");
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
        // at x = 0, select(x > 0, √x, 2x) takes 2x; the untaken √x has an infinite partial. The
        // numeric sweep gives 2; the JVP graph and the gradient graph multiply by partials with a
        // strong zero (mulz: 0·∞ = 0), so they give 2 as well — what the Javadoc says
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].sqrt(), v[0].mul(2.0)), "x");
        Graph j = ForwardMode.jvpGraph(f);
        assertTrue(count(j, "mulz") > 0, j.toString());
        assertEquals(2.0, j.evaluate(0.0, 1.0)[1], 0.0);
        assertEquals(2.0, f.compile().gradient(0.0).get("x"), 0.0);
        assertEquals(2.0, ReverseMode.gradientGraph(f).evaluate(0.0)[1], 0.0);
        assertEquals(0.25, j.evaluate(4.0, 1.0)[1], 0.0);
    }

    @Test
    void badGraphsAndClashingNamesAreRefused() {
        assertThrows(GraphException.class, () -> ForwardMode.jvpGraph(null));
        Graph clash = Graph.trace(v -> v[0].mul(v[1]), "x", "t_x");
        GraphException e = assertThrows(GraphException.class, () -> ForwardMode.jvpGraph(clash));
        assertTrue(e.getMessage().contains("t_x"), e.getMessage());
        assertThrows(GraphException.class, () -> ForwardMode.jvpGraph(clash, "", "d_"));
        assertEquals(List.of("x", "t_x", "u_x", "u_t_x"), ForwardMode.jvpGraph(clash, "u_", "d_").inputNames());
    }

    // ---------------------------------------------------------------- matrix graphs

    /** Central differences of every output of {@code f} along {@code v}, at {@code x}. */
    private static double[][] centralDifferences(Graph f, double[][] x, double[][] v) {
        double[][] plus = new double[x.length][];
        double[][] minus = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            plus[k] = x[k].clone();
            minus[k] = x[k].clone();
            for (int e = 0; e < x[k].length; e++) {
                plus[k][e] += H * v[k][e];
                minus[k][e] -= H * v[k][e];
            }
        }
        Program p = f.compile();
        double[][] fp = p.evaluate(plus);
        double[][] fm = p.evaluate(minus);
        double[][] d = new double[fp.length][];
        for (int j = 0; j < fp.length; j++) {
            d[j] = new double[fp[j].length];
            for (int e = 0; e < d[j].length; e++) {
                d[j][e] = (fp[j][e] - fm[j][e]) / (2 * H);
            }
        }
        return d;
    }

    private static double[][] randoms(SplittableRandom r, Graph f) {
        double[][] x = new double[f.inputCount()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = TensorGraphTest.random(r, f.inputShape(j).size());
        }
        return x;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * A graph with matrix primitives (matmul, transpose, slices, sum_to, softmax), scalar
     * primitives applied elementwise with broadcasting (a row bias, a scalar factor, tanh, mul)
     * and two outputs of different shapes.
     */
    private static Graph matrixGraph() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("X", new Shape(3, 4));
        Var w = b.input("W", new Shape(4, 2));
        Var bias = b.input("b", new Shape(1, 2));
        Var s = b.input("s");
        Var h = x.matmul(w).add(bias).tanh().mul(s);                      // 3×2
        Var top = h.transpose().sliceCols(0, 2);                          // 2×2
        Var y = top.mul(top.softmax(1)).sumTo(new Shape(2, 1));           // 2×1
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("y", y);
        out.put("loss", h.square().sumTo(Shape.SCALAR).add(s.exp()));
        return b.build(out);
    }

    @Test
    void matrixGraphsHaveJvpsOfTheirOutputShapesMatchingCentralDifferences() {
        Graph f = matrixGraph();
        Graph j = ForwardMode.jvpGraph(f);
        assertEquals(List.of("X", "W", "b", "s", "t_X", "t_W", "t_b", "t_s"), j.inputNames());
        assertEquals(List.of("y", "loss", "jvp_y", "jvp_loss"), j.outputNames());
        assertEquals(new Shape(4, 2), j.inputShape(5));
        assertEquals(new Shape(2, 1), j.outputShape(2));
        assertEquals(Shape.SCALAR, j.outputShape(3));
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            double[][] x = randoms(r, f);
            double[][] v = randoms(r, f);
            double[][] got = j.compile().evaluate(concat(x, v));
            double[][] values = f.compile().evaluate(x);
            assertArrayEquals(values[0], got[0], 0.0, "the primal outputs are copied unchanged");
            assertArrayEquals(values[1], got[1], 0.0);
            double[][] fd = centralDifferences(f, x, v);
            assertArrayEquals(fd[0], got[2], 1e-8, "jvp_y");
            assertArrayEquals(fd[1], got[3], 1e-8, "jvp_loss");
        }
    }

    @Test
    void matrixJvpAndReverseModeVjpSatisfyTheDotProductIdentity() {
        Graph f = matrixGraph();
        Graph jvp = ForwardMode.jvpGraph(f);
        Graph vjp = ReverseMode.vjpGraph(f);
        SplittableRandom r = new SplittableRandom(12);
        for (int trial = 0; trial < 5; trial++) {
            double[][] x = randoms(r, f);
            double[][] v = randoms(r, f);
            double[][] u = {TensorGraphTest.random(r, 2), TensorGraphTest.random(r, 1)};
            double[][] jv = jvp.compile().evaluate(concat(x, v));
            double[][] jtu = vjp.compile().evaluate(concat(x, u));
            double left = 0;
            for (int o = 0; o < 2; o++) {
                for (int e = 0; e < u[o].length; e++) {
                    left += u[o][e] * jv[2 + o][e];
                }
            }
            double right = 0;
            for (int k = 0; k < v.length; k++) {
                for (int e = 0; e < v[k].length; e++) {
                    right += jtu[k][e] * v[k][e];
                }
            }
            assertEquals(right, left, 1e-12 * Math.max(1, Math.abs(right)));
        }
    }

    @Test
    void lossGraphOfMixedShapesMatchesCentralDifferences() {
        Graph f = TensorGraphTest.lossGraph();
        Graph jvp = ForwardMode.jvpGraph(f);
        assertEquals(8, jvp.inputCount());
        double[][] in = TensorGraphTest.point(6);
        SplittableRandom r = new SplittableRandom(7);
        double[][] v = {TensorGraphTest.random(r, 12), TensorGraphTest.random(r, 6), TensorGraphTest.random(r, 2),
                {r.nextDouble()}};
        double[][] out = jvp.compile().evaluate(concat(in, v));
        assertEquals(f.compile().evaluate(in)[0][0], out[0][0], 0.0);
        assertEquals(centralDifferences(f, in, v)[0][0], out[1][0], 1e-8);
    }

    @Test
    void matrixJvpOfAJvpGivesSecondDirectionalDerivatives() {
        // f(X) = Σ_ij X_ij³: along v then u the second derivative is Σ_ij 6·X_ij·u_ij·v_ij
        Graph f = Graph.trace(v -> v[0].mul(v[0]).mul(v[0]).sumTo(Shape.SCALAR),
                new String[] {"X"}, new Shape[] {new Shape(2, 3)});
        Graph jj = ForwardMode.jvpGraph(ForwardMode.jvpGraph(f), "u_", "d_");
        SplittableRandom r = new SplittableRandom(13);
        double[] x = TensorGraphTest.random(r, 6);
        double[] v = TensorGraphTest.random(r, 6);
        double[] u = TensorGraphTest.random(r, 6);
        double[][] out = jj.compile().evaluate(x, v, u, new double[6]);
        double second = 0;
        for (int e = 0; e < 6; e++) {
            second += 6 * x[e] * u[e] * v[e];
        }
        assertEquals(List.of("f", "jvp_f", "d_f", "d_jvp_f"), jj.outputNames());
        assertEquals(second, out[3][0], 1e-13);
    }

    @Test
    void elementwiseSelectOnMatricesKeepsTheStrongZero() {
        // select(X > 0, √X, 2X) elementwise at X = [0, 4]: tangents 2·1 and 1/(2·2) = 0.25, no NaN
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].sqrt(), v[0].mul(2.0)),
                new String[] {"X"}, new Shape[] {new Shape(1, 2)});
        double[][] out = ForwardMode.jvpGraph(f).compile().evaluate(new double[] {0, 4}, new double[] {1, 1});
        assertArrayEquals(new double[] {2.0, 0.25}, out[1], 0.0);
    }

    @Test
    void anOutputThatIgnoresTheInputsGetsZerosOfItsShape() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var c = b.constant(new double[] {1, 2, 3, 4}, new Shape(2, 2));
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("c", c.transpose());
        out.put("y", x.square());
        Graph j = ForwardMode.jvpGraph(b.build(out));
        double[][] got = j.compile().evaluate(new double[] {3}, new double[] {1});
        assertArrayEquals(new double[] {1, 3, 2, 4}, got[0], 0.0);
        assertEquals(new Shape(2, 2), j.outputShape(2));
        assertArrayEquals(new double[4], got[2], 0.0);
        assertArrayEquals(new double[] {6}, got[3], 0.0);
    }
}
