package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Vectorized define-by-run code: whole-array operations recorded as one compact-tape entry each
 * and swept by their declared tensor rules ({@code TensorTapeSweep}). Oracles: the closed-form
 * gradient of the extended Rosenbrock function, central differences, and the static scalar graph
 * of the same function run by the interpreter (bit for bit where the floating-point operations
 * are the same).
 */
class VectorizedRecordingTest {
    /** f(x) = Σ_i 100 (x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², on the n×1 column x viewed as n/2 pairs. */
    static Var rosenbrock(Var x) {
        int n = x.shape().rows();
        Var pairs = x.reshape(n / 2, 2);
        Var even = pairs.sliceCols(0, 1);
        Var odd = pairs.sliceCols(1, 2);
        Var a = odd.sub(even.square());
        Var b = x.constant(1.0).sub(even);
        return x.constant(100.0).mul(a.square()).add(b.square()).sumAll();
    }

    /** The same function element by element, as a static graph is traced. */
    static Var rosenbrock(Var[] x) {
        Var hundred = x[0].constant(100.0);
        Var one = x[0].constant(1.0);
        Var f = null;
        for (int i = 0; i + 1 < x.length; i += 2) {
            Var a = x[i + 1].sub(x[i].square());
            Var b = one.sub(x[i]);
            Var term = hundred.mul(a.square()).add(b.square());
            f = f == null ? term : f.add(term);
        }
        return f;
    }

    static double rosenbrock(double[] x) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1.0 - x[i];
            f += 100.0 * a * a + b * b;
        }
        return f;
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? -1.2 : 1.0) + 0.01 * Math.sin(i + 1.0);
        }
        return x;
    }

    @Test
    void rosenbrockGradientIsTheClosedFormAndCentralDifferences() {
        int n = 10;
        double[] x = point(n);
        Recorder rec = new Recorder();
        Gradient g = rec.gradient(rosenbrock(rec.parameter("x", x)));
        double[] grad = g.array("x");
        assertEquals(rosenbrock(x), g.value(), 1e-12 * Math.abs(g.value()));
        for (int i = 0; i < n; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            assertEquals(-400.0 * a * x[i] - 2.0 * (1.0 - x[i]), grad[i], 1e-12 * Math.max(1, Math.abs(grad[i])));
            assertEquals(200.0 * a, grad[i + 1], 1e-12 * Math.max(1, Math.abs(grad[i + 1])));
        }
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (rosenbrock(up) - rosenbrock(down)) / (2 * h);
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "component " + i);
        }
    }

    @Test
    void rosenbrockGradientIsTheStaticScalarGraphsBitForBit() {
        int n = 64;
        double[] x = point(n);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "x" + i;
        }
        Program interpreted = Program.compile(Graph.trace(VectorizedRecordingTest::rosenbrock, names),
                ExecutionMode.INTERPRETED);
        Gradient expected = interpreted.gradient(x);
        Recorder rec = new Recorder();
        double[] grad = new double[n];
        double value = rec.valueAndGradient(rosenbrock(rec.parameter("x", x)), grad);
        assertEquals(expected.value(), value, 0.0);
        assertArrayEquals(expected.toArray(), grad, 0.0);
    }

    @Test
    void aParameterBlockTheLossNeverReadsIsAbsent() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", new double[] {1, 2, 3});
        rec.parameter("unused", new double[] {4, 5});
        Var s = rec.parameter("s", 2.0);
        Gradient g = rec.gradient(x.square().sumAll());     // Σ x²: ∂/∂x = 2x
        assertArrayEquals(new double[] {2, 4, 6}, g.array("x"), 0.0);
        assertFalse(g.isPresent("unused"));
        assertFalse(g.isPresent("s"));
        assertTrue(g.isPresent("x"));

        double[] flat = {9, 9, 9, 9, 9, 9};                 // x (3), unused (2), s (1)
        rec.clear();
        x = rec.parameter("x", new double[] {1, 2, 3});
        rec.parameter("unused", new double[] {4, 5});
        rec.parameter("s", 2.0);
        assertEquals(14.0, rec.valueAndGradient(x.square().sumAll(), flat), 0.0);
        assertArrayEquals(new double[] {2, 4, 6, 0, 0, 0}, flat, 0.0);
    }

    /**
     * One recorder, recordings of different sequences and shapes in turn: value buffers and
     * adjoint blocks are reused by node where the sizes repeat and replaced where they do not,
     * and every gradient is its closed form.
     */
    @Test
    void buffersReusedAcrossRecordingsOfOtherShapesGiveTheClosedForms() {
        Recorder rec = new Recorder();
        for (int round = 0; round < 3; round++) {
            for (int n : new int[] {4, 7, 4, 2}) {
                double[] x = new double[n];
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 0.3 * i - 0.5 + round;
                    w[i] = 1.0 + 0.25 * i;
                }
                rec.clear();
                // f = Σ w·sin(x): ∂/∂x = w·cos(x), ∂/∂w = sin(x)
                Var xv = rec.parameter("x", x);
                Var wv = rec.parameter("w", w);
                Gradient g = rec.gradient(wv.mul(xv.sin()).sumAll());
                for (int i = 0; i < n; i++) {
                    assertEquals(w[i] * Math.cos(x[i]), g.array("x")[i], 1e-15);
                    assertEquals(Math.sin(x[i]), g.array("w")[i], 1e-15);
                }
                rec.clear();
                // another sequence on other shapes: h = Σ (x[1:] − x[:-1])² : ∂/∂x_i = 2(d_{i−1} − d_i)
                xv = rec.parameter("x", x);
                Var d = xv.sliceRows(1, n).sub(xv.sliceRows(0, n - 1));
                double[] gh = rec.gradient(d.square().sumAll()).array("x");
                for (int i = 0; i < n; i++) {
                    double left = i > 0 ? x[i] - x[i - 1] : 0.0;
                    double right = i + 1 < n ? x[i + 1] - x[i] : 0.0;
                    assertEquals(2 * (left - right), gh[i], 1e-14);
                }
            }
        }
    }

    @Test
    void mismatchedShapesNameTheOperationAndTheShapes() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", new double[] {1, 2, 3});
        Var y = rec.parameter("y", new double[] {1, 2, 3, 4});
        ShapeException e = assertThrows(ShapeException.class, () -> x.add(y));
        assertTrue(e.getMessage().contains("'add'") && e.getMessage().contains("3x1") && e.getMessage().contains("4x1"),
                e.getMessage());
        ShapeException s = assertThrows(ShapeException.class, () -> x.sliceRows(2, 5));
        assertTrue(s.getMessage().contains("slice_rows") && s.getMessage().contains("3x1"), s.getMessage());
        // the failed operations appended nothing: the recording goes on
        assertArrayEquals(new double[] {2, 4, 6}, rec.gradient(x.square().sumAll()).array("x"), 0.0);
    }

    /**
     * A compact recording with a matrix constant, turned into a static graph: the conversion to
     * the general layout carries the constant's values, and the graph's gradient is the recording's.
     */
    @Test
    void aCompactRecordingWithAMatrixConstantBuildsTheSameGraph() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", new double[] {1, -2, 3, 0.5}, new Shape(2, 2));
        Var m = rec.constant(new double[] {2, 0, -1, 4}, new Shape(2, 2));
        Var loss = x.matmul(m).tanh().sumAll();
        double[] recorded = rec.gradient(loss).array("x");
        Graph g = rec.toGraph("f", loss);
        Gradient traced = g.compile().gradient(new double[][] {{1, -2, 3, 0.5}});
        assertEquals(loss.value(), traced.value(), 0.0);
        assertArrayEquals(traced.array("x"), recorded, 0.0);
        // after toGraph the recording is in the general layout; its sweep agrees too
        assertArrayEquals(recorded, rec.gradient(loss).array("x"), 0.0);
    }

    /** Scalars, then matrices, then scalars again, in one recording; anomaly detection's reference sweep agrees. */
    @Test
    void mixedScalarAndMatrixRecordingMatchesTheReferenceSweep() {
        for (boolean anomalies : new boolean[] {false, true}) {
            Recorder rec = new Recorder(EvalOptions.DEFAULT.withAnomalyDetection(anomalies));
            Var a = rec.parameter("a", 0.7);
            Var x = rec.parameter("x", new double[] {0.1, 0.2, 0.3});
            Var y = x.mul(a.exp()).tanh().sumAll();            // scalar from a vector
            Var z = y.mul(a).add(x.sliceRows(1, 3).sumAll().square());
            Gradient g = rec.gradient(z);
            // closed form: y = Σ tanh(x e^a); z = y·a + (x1 + x2)²
            double ea = Math.exp(0.7);
            double[] xs = {0.1, 0.2, 0.3};
            double yv = 0;
            double dyda = 0;
            for (double xi : xs) {
                double t = Math.tanh(xi * ea);
                yv += t;
                dyda += (1 - t * t) * xi * ea;
            }
            assertEquals(yv + 0.7 * dyda, g.get("a"), 1e-14);
            double s = 0.2 + 0.3;
            for (int i = 0; i < 3; i++) {
                double t = Math.tanh(xs[i] * ea);
                double expected = 0.7 * (1 - t * t) * ea + (i > 0 ? 2 * s : 0);
                assertEquals(expected, g.array("x")[i], 1e-14, "x" + i + " anomalies=" + anomalies);
            }
        }
    }
}
