package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * Bound-constrained Levenberg–Marquardt on least-squares problems whose minimisers are known in
 * closed form (a linear problem with a bound active, worked through its KKT conditions; an
 * exponential decay whose rate is cut by a bound; Rosenbrock as residuals, free and cut) and, with
 * the bounds inactive, against Commons Math's Levenberg–Marquardt as an independent oracle.
 */
class ProjectedLevenbergMarquardtTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] T = {0, 0.5, 1, 1.5, 2, 3};

    /**
     * ½‖Ax − b‖² with A = [[1, 0], [0, 1], [1, 1]], b = (1, −2, 0), x ≥ 0. Unconstrained minimum
     * (4/3, −5/3); with x₂ = 0 the rest is ½((x₁ − 1)² + 4 + x₁²), least at x₁ = ½, and there
     * ∂f/∂x₂ = 2.5 &gt; 0 (KKT), so the minimum is (½, 0) with f = 2.25.
     */
    @Test
    void linearLeastSquaresWithAnActiveBound() {
        CurvatureObjective f = CurvatureObjective.leastSquares((x, jac) -> {
            jac[0] = new double[][] {{1, 0}, {0, 1}, {1, 1}};
            return new double[] {x[0] - 1, x[1] + 2, x[0] + x[1]};
        });
        for (double[] x0 : new double[][] {{3, 3}, {0, 0}, {0.5, 0}, {10, 0}}) {
            OptimizationResult r = new ProjectedLevenbergMarquardt().withGradientTolerance(1e-13).minimize(f, x0, new double[] {0, 0},
                    new double[] {INF, INF}, null);
            assertTrue(r.converged(), r.toString());
            assertArrayEquals(new double[] {0.5, 0}, r.x(), 1e-10, r.toString());
            assertEquals(2.25, r.value(), 1e-12);
        }
    }

    /**
     * y = a·e^{−kt} fitted to data made with a = 2, k = 1.5, but with k ≤ 1: the minimum is on the
     * bound k = 1, where the best a is the linear least-squares a = Σ yᵢe^{−tᵢ} / Σ e^{−2tᵢ}.
     */
    @Test
    void exponentialDecayWithItsRateOnTheBound() {
        double[] y = new double[T.length];
        for (int i = 0; i < T.length; i++) {
            y[i] = 2 * Math.exp(-1.5 * T[i]);
        }
        CurvatureObjective f = CurvatureObjective.leastSquares(decay(y));
        OptimizationResult r = new ProjectedLevenbergMarquardt().withGradientTolerance(1e-13).minimize(f, new double[] {1, 0.2},
                new double[] {0, 0}, new double[] {10, 1}, null);
        double num = 0;
        double den = 0;
        for (int i = 0; i < T.length; i++) {
            num += y[i] * Math.exp(-T[i]);
            den += Math.exp(-2 * T[i]);
        }
        assertTrue(r.converged(), r.toString());
        assertEquals(1, r.x()[1], 0.0, r.toString());
        assertEquals(num / den, r.x()[0], 1e-10, r.toString());
    }

    /** Rosenbrock as residuals (10(x₂ − x₁²), 1 − x₁): free minimum (1, 1); with x₁ ≤ ½, (½, ¼) and f = ⅛. */
    @Test
    void rosenbrockResidualsFreeAndCut() {
        CurvatureObjective f = CurvatureObjective.leastSquares((x, jac) -> {
            jac[0] = new double[][] {{-20 * x[0], 10}, {-1, 0}};
            return new double[] {10 * (x[1] - x[0] * x[0]), 1 - x[0]};
        });
        OptimizationResult free = new ProjectedLevenbergMarquardt().withGradientTolerance(1e-13).minimize(f, new double[] {-1.2, 1},
                new double[] {-INF, -INF}, new double[] {INF, INF}, null);
        assertArrayEquals(new double[] {1, 1}, free.x(), 1e-8, free.toString());
        OptimizationResult cut = new ProjectedLevenbergMarquardt().withGradientTolerance(1e-13).minimize(f, new double[] {-1.2, 1},
                new double[] {-2, -2}, new double[] {0.5, 2}, null);
        assertTrue(cut.converged(), cut.toString());
        assertArrayEquals(new double[] {0.5, 0.25}, cut.x(), 1e-10, cut.toString());
        assertEquals(0.125, cut.value(), 1e-14);
    }

    /** Noisy exponential data, bounds far away: the same minimum as Commons Math's Levenberg–Marquardt. */
    @Test
    void inactiveBoundsAgreeWithCommonsMath() {
        double[] y = {2.1, 1.3, 0.72, 0.48, 0.27, 0.12};
        CurvatureObjective.Residuals res = decay(y);
        OptimizationResult r = new ProjectedLevenbergMarquardt().withGradientTolerance(1e-13).minimize(CurvatureObjective.leastSquares(res),
                new double[] {1, 0.2}, new double[] {0, 0}, new double[] {100, 100}, null);
        LeastSquaresOptimizer.Optimum oracle = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-15)
                .withParameterRelativeTolerance(1e-15).optimize(new LeastSquaresBuilder()
                        .model(point -> {
                            double[][][] jac = new double[1][][];
                            double[] v = res.residuals(point.toArray(), jac);
                            return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(new ArrayRealVector(v),
                                    new Array2DRowRealMatrix(jac[0]));
                        })
                        .target(new double[T.length]).start(new double[] {1, 0.2}).maxEvaluations(10_000)
                        .maxIterations(10_000).build());
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(oracle.getPoint().toArray(), r.x(), 1e-8, r.toString());
        assertTrue(r.iterations() < 30, "Gauss-Newton steps converge in a few iterations: " + r);
    }

    @Test
    void badInputIsNamed() {
        CurvatureObjective f = (x, g, b) -> Double.NaN;
        OptimizationException e = assertThrows(OptimizationException.class, () -> new ProjectedLevenbergMarquardt()
                .minimize(f, new double[] {0}, new double[] {0}, new double[] {1}, null));
        assertTrue(e.getMessage().contains("iteration 0"), e.getMessage());
        e = assertThrows(OptimizationException.class, () -> new ProjectedLevenbergMarquardt()
                .minimize(f, new double[] {0}, new double[] {2}, new double[] {1}, null));
        assertTrue(e.getMessage().contains("projected Levenberg-Marquardt: parameter 0 has bounds"), e.getMessage());
    }

    /** r = a·e^{−k tᵢ} − yᵢ over (a, k). */
    private static CurvatureObjective.Residuals decay(double[] y) {
        return (x, jac) -> {
            double[] r = new double[T.length];
            double[][] j = new double[T.length][2];
            for (int i = 0; i < T.length; i++) {
                double e = Math.exp(-x[1] * T[i]);
                r[i] = x[0] * e - y[i];
                j[i][0] = e;
                j[i][1] = -x[0] * T[i] * e;
            }
            jac[0] = j;
            return r;
        };
    }
}
