package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Kinks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The matrix engine's elementwise and row-wise kernels against the scalar rules they lift: the
 * same numbers bit for bit (JUnit's {@code assertEquals(double, double)} compares the bits, so
 * NaN equals NaN and 0.0 differs from −0.0). The oracle is the scalar declaration and the scalar
 * reference interpreter, not the matrix kernel.
 */
class TensorScalarParityTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final long SEED = 20240613L;

    private static Graph unaryMatrixGraph(Shape s, java.util.function.UnaryOperator<Var> f) {
        return Graph.trace(v -> f.apply(v[0]), new String[] {"x"}, new Shape[] {s});
    }

    @Test
    void matrixReluPropagatesNanLikeTheScalarRelu() {
        double[] x = {Double.NaN, -1.0, -0.0, 0.0, 2.5, INF, -INF};
        Shape s = new Shape(1, x.length);
        double[] y = unaryMatrixGraph(s, Var::relu).compile().evaluate(new double[][] {x})[0];
        Program scalar = Graph.trace(v -> v[0].relu(), "x").compile();
        for (int e = 0; e < x.length; e++) {
            double expected = Kinks.RELU.apply(x[e], 0.0, Subgradients.DEFAULT);
            assertEquals(expected, y[e], "relu(" + x[e] + ")");
            assertEquals(scalar.evaluate(x[e])[0], y[e], "relu(" + x[e] + ") vs the scalar program");
        }
        assertEquals(Double.NaN, y[0], "relu(NaN) is NaN, not a silent 0");
    }

    @Test
    void sigmoidVjpIsBitwiseTheScalarRule() {
        SplittableRandom r = new SplittableRandom(SEED);
        Shape s = new Shape(25, 40);
        double[] x = new double[s.size()];
        double[] ct = new double[s.size()];
        for (int e = 0; e < x.length; e++) {
            x[e] = r.nextDouble(-8, 8);
            ct[e] = r.nextDouble(-3, 3);
        }
        double[] matrix = unaryMatrixGraph(s, Var::sigmoid).compile()
                .vjp(new double[][] {x}, new double[][] {ct})[0];
        Program scalar = Graph.trace(v -> v[0].sigmoid(), "x").compile();
        EvalOptions reference = EvalOptions.DEFAULT.withAnomalyDetection(true); // the reference loops
        for (int e = 0; e < x.length; e++) {
            double y = Elementary.sigmoid(x[e]);
            double rule = ct[e] * Elementary.SIGMOID.derivative(x[e], y, 0.0, Subgradients.DEFAULT);
            String at = "seed " + SEED + ", x = " + x[e] + ", cotangent " + ct[e];
            assertEquals(rule, matrix[e], at);
            assertEquals(scalar.vjp(reference, new double[] {x[e]}, new double[] {ct[e]})[0], matrix[e], at);
        }
    }

    /** Row-wise softmax cross-entropy of {@code logits} (m×k) against the scalar softmax_xent of each row. */
    private static void assertRowsMatchTheScalarRule(double[][] logits, int[] targets, double[] cotangents) {
        int m = logits.length;
        int k = logits[0].length;
        Graph rows = Graph.trace(v -> v[0].softmaxCrossEntropy(v[1]), new String[] {"x", "t"},
                new Shape[] {new Shape(m, k), new Shape(m, 1)});
        double[] x = new double[m * k];
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(logits[i], 0, x, i * k, k);
            t[i] = targets[i];
        }
        Program p = rows.compile();
        double[] y = p.evaluate(x, t)[0];
        double[] gx = p.vjp(new double[][] {x, t}, new double[][] {cotangents})[0];
        for (int i = 0; i < m; i++) {
            int target = targets[i];
            Program scalar = Graph.trace(v -> Var.softmaxCrossEntropy(target, v), names(k)).compile();
            String row = "row " + java.util.Arrays.toString(logits[i]) + ", target " + target;
            assertEquals(scalar.evaluate(logits[i])[0], y[i], row);
            double[] g = scalar.vjp(logits[i], new double[] {cotangents[i]});
            for (int j = 0; j < k; j++) {
                assertEquals(g[j], gx[i * k + j], row + ", d/dx" + j);
            }
        }
    }

    private static String[] names(int k) {
        String[] n = new String[k];
        for (int j = 0; j < k; j++) {
            n[j] = "x" + j;
        }
        return n;
    }

    @Test
    void softmaxCrossEntropyRowsWithInfiniteLogitsEqualTheScalarRule() {
        // [inf, 0] with target 1: log(e^inf + 1) - 0 = +inf (it was NaN from e^(inf - inf))
        assertRowsMatchTheScalarRule(new double[][] {{INF, 0}, {0, INF}, {-INF, 0}, {-INF, -INF}, {Double.NaN, 0}},
                new int[] {1, 1, 1, 0, 1}, new double[] {1, 1, 1, 1, 1});
        Graph one = Graph.trace(v -> v[0].softmaxCrossEntropy(v[1]), new String[] {"x", "t"},
                new Shape[] {new Shape(1, 2), new Shape(1, 1)});
        assertEquals(INF, one.compile().evaluate(new double[] {INF, 0}, new double[] {1})[0][0]);
    }

    @Test
    void softmaxCrossEntropyRowsGradientIsBitwiseTheScalarRule() {
        SplittableRandom r = new SplittableRandom(SEED);
        int m = 60;
        int k = 5;
        double[][] logits = new double[m][k];
        int[] targets = new int[m];
        double[] ct = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                logits[i][j] = r.nextDouble(-4, 4);
            }
            targets[i] = r.nextInt(k);
            ct[i] = r.nextDouble(-3, 3);
        }
        assertRowsMatchTheScalarRule(logits, targets, ct);
    }
}
