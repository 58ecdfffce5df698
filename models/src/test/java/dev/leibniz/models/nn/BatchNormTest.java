package dev.leibniz.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private static final int B = 6;
    private static final int F = 3;

    static double[] random(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return v;
    }

    /** Per-column mean and biased variance by the two-pass formulas: the oracle. */
    static double[][] columnStatistics(double[] x) {
        double[] mean = new double[F];
        double[] var = new double[F];
        for (int j = 0; j < F; j++) {
            for (int i = 0; i < B; i++) {
                mean[j] += x[i * F + j] / B;
            }
            for (int i = 0; i < B; i++) {
                double d = x[i * F + j] - mean[j];
                var[j] += d * d / B;
            }
        }
        return new double[][] {mean, var};
    }

    static Parameters parameters(BatchNorm bn, SplittableRandom r) {
        Parameters p = new Parameters();
        bn.declare(p);
        System.arraycopy(random(r, F, 0.5, 2), 0, p.values("bn.gamma"), 0, F);
        System.arraycopy(random(r, F, -1, 1), 0, p.values("bn.beta"), 0, F);
        return p;
    }

    /** Training-mode graph: outputs loss = Σ y ⊙ T, y, and the batch statistics. */
    static Graph trainingGraph(BatchNorm bn, Parameters p) {
        GraphBuilder b = GraphBuilder.tracing();
        Bindings w = p.bind(b);
        Var x = b.input("x", new Shape(B, F));
        Var t = b.input("t", new Shape(B, F));
        BatchNorm.Training out = bn.train(w, x);
        Map<String, Var> outs = new LinkedHashMap<>();
        outs.put("loss", out.y().mul(t).sumAll());
        outs.put("y", out.y());
        outs.put("mean", out.mean());
        outs.put("variance", out.variance());
        return b.build(outs);
    }

    @Test
    void trainingModeNormalizesByBatchStatisticsAndDifferentiatesThroughThem() {
        SplittableRandom r = new SplittableRandom(21);
        BatchNorm bn = new BatchNorm("bn", F);
        Parameters p = parameters(bn, r);
        double[] x = random(r, B * F, -2, 3);
        double[] t = random(r, B * F, -1, 1);
        Graph g = trainingGraph(bn, p);
        double[][] in = GradientCheck.inputs(g, p, x, t);
        // ∂/∂x goes through μ and σ² as well as the direct path; FD sees all three
        GradientCheck.check(g, in, "x", "bn.gamma", "bn.beta");

        double[][] out = g.compile().evaluate(in);
        double[][] stats = columnStatistics(x);
        assertArrayEquals(stats[0], out[2], 1e-14);
        assertArrayEquals(stats[1], out[3], 1e-14);
        double[] gamma = p.values("bn.gamma");
        double[] beta = p.values("bn.beta");
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < F; j++) {
                double expected = gamma[j] * (x[i * F + j] - stats[0][j]) / Math.sqrt(stats[1][j] + bn.epsilon()) + beta[j];
                assertEquals(expected, out[1][i * F + j], 1e-13);
            }
        }
        // a row's output depends on the other rows through the statistics
        double[] x2 = x.clone();
        x2[F] += 1.0; // row 1
        double[] y2 = g.compile().evaluate(GradientCheck.inputs(g, p, x2, t))[1];
        assertNotEquals(out[1][0], y2[0]);
    }

    @Test
    void runningAveragesFollowTheBatchStatistics() {
        SplittableRandom r = new SplittableRandom(22);
        BatchNorm bn = new BatchNorm("bn", F, 0.1, 1e-5);
        Parameters p = parameters(bn, r);
        Graph g = trainingGraph(bn, p);
        double[] expectedMean = new double[F];
        double[] expectedVar = {1, 1, 1};
        for (int step = 0; step < 3; step++) {
            double[] x = random(r, B * F, -2, 3);
            double[][] out = g.compile().evaluate(GradientCheck.inputs(g, p, x, new double[B * F]));
            bn.update(out[2], out[3], B);
            double[][] stats = columnStatistics(x);
            for (int j = 0; j < F; j++) {
                expectedMean[j] = 0.9 * expectedMean[j] + 0.1 * stats[0][j];
                expectedVar[j] = 0.9 * expectedVar[j] + 0.1 * stats[1][j] * B / (B - 1.0);
            }
        }
        assertArrayEquals(expectedMean, bn.runningMean(), 1e-14);
        assertArrayEquals(expectedVar, bn.runningVariance(), 1e-14);
    }

    @Test
    void evaluationModeUsesRunningAveragesRowByRow() {
        SplittableRandom r = new SplittableRandom(23);
        BatchNorm bn = new BatchNorm("bn", F);
        Parameters p = parameters(bn, r);
        bn.update(random(r, F, -1, 1), random(r, F, 0.5, 2), 10);
        GraphBuilder b = GraphBuilder.tracing();
        Bindings w = p.bind(b);
        Var x = b.input("x", new Shape(B, F));
        Var t = b.input("t", new Shape(B, F));
        Var y = bn.evaluate(w, x);
        Map<String, Var> outs = new LinkedHashMap<>();
        outs.put("loss", y.mul(t).sumAll());
        outs.put("y", y);
        Graph g = b.build(outs);
        double[] xs = random(r, B * F, -2, 3);
        double[] ts = random(r, B * F, -1, 1);
        double[][] in = GradientCheck.inputs(g, p, xs, ts);
        GradientCheck.check(g, in, "x", "bn.gamma", "bn.beta");

        double[] mean = bn.runningMean();
        double[] var = bn.runningVariance();
        double[] gamma = p.values("bn.gamma");
        double[] beta = p.values("bn.beta");
        double[] out = g.compile().evaluate(in)[1];
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < F; j++) {
                double expected = gamma[j] * (xs[i * F + j] - mean[j]) / Math.sqrt(var[j] + bn.epsilon()) + beta[j];
                assertEquals(expected, out[i * F + j], 1e-13);
            }
        }
        // ∂y_row0/∂x_row1 = 0 exactly: the gradient of row 0's output with respect to other rows vanishes
        double[] onlyRow0 = new double[B * F];
        java.util.Arrays.fill(onlyRow0, 0, F, 1.0);
        double[] dx = g.compile().gradient(GradientCheck.inputs(g, p, xs, onlyRow0)).array("x");
        for (int e = F; e < B * F; e++) {
            assertEquals(0.0, dx[e], 0.0);
        }
    }
}
