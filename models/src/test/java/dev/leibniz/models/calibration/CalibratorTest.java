package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.data.DataFileException;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.ode.SensitivityMethod;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Calibration against a closed-form model whose estimates are known in closed form. */
class CalibratorTest {
    static final double[] T = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5};

    /** y = A e^{kt} · noise, z = a + b t + noise. */
    static DataSet data(double A, double k, double a, double b, double noise, long seed) {
        Random rnd = new Random(seed);
        double[][] v = new double[T.length][2];
        for (int i = 0; i < T.length; i++) {
            v[i][0] = A * Math.exp(k * T[i]) * Math.exp(noise * rnd.nextGaussian());
            v[i][1] = a + b * T[i] + noise * rnd.nextGaussian();
        }
        return DataSet.of("synthetic", T, List.of("y", "z"), v);
    }

    @Test
    void noiseFreeRecoveryWithLevenbergMarquardt() {
        FitResult r = Calibrator.of(new ClosedFormSimulator(1.0, -0.1, 0.0, 0.0, 0.0), data(3.0, -0.7, 1.5, -0.25, 0, 1))
                .fit();
        assertTrue(r.converged(), r.reason());
        assertEquals(3.0, r.value("A"), 3.0 * 1e-9);
        assertEquals(-0.7, r.value("k"), 0.7 * 1e-9);
        assertEquals(1.5, r.value("a"), 1e-9);
        assertEquals(-0.25, r.value("b"), 1e-9);
        assertTrue(r.loss() < 1e-16, "loss " + r.loss());
        assertEquals(20, r.observations());
        assertTrue(r.lossHistory().length >= 2);
        assertTrue(r.lossHistory()[0] > r.lossHistory()[r.lossHistory().length - 1]);
        for (int i = 1; i < r.lossHistory().length; i++) {
            assertTrue(r.lossHistory()[i] <= r.lossHistory()[i - 1], "LM history must not increase");
        }
    }

    /**
     * Log loss on y = A e^{kt} is ordinary least squares of ln y on t: the oracle is the textbook
     * regression, estimates and standard errors in closed form.
     */
    @Test
    void logLossMatchesLinearRegressionOnLogsWithStandardErrors() {
        DataSet d = data(2.0, 0.3, 0, 0, 0.1, 7).select(List.of("y"));
        FitResult r = Calibrator.of(new ClosedFormSimulator(1.0, 0.0, 0, 0, 0.0), d)
                .loss(Losses.SUM_OF_SQUARES_OF_LOGS).fix("a", "b").fit();
        int n = T.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double ly = Math.log(d.value(i, 0));
            sx += T[i];
            sy += ly;
            sxx += T[i] * T[i];
            sxy += T[i] * ly;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.log(d.value(i, 0)) - intercept - slope * T[i];
            ssr += e * e;
        }
        double s2 = ssr / (n - 2);
        double mx = sx / n;
        double seSlope = Math.sqrt(s2 / (sxx - n * mx * mx));
        double seIntercept = Math.sqrt(s2 * (1.0 / n + mx * mx / (sxx - n * mx * mx)));
        assertEquals(slope, r.value("k"), 1e-10);
        assertEquals(Math.exp(intercept), r.value("A"), 1e-9);
        assertEquals(ssr, r.loss(), 1e-12);
        assertEquals(seSlope, r.standardError("k"), 1e-8);
        // the SE of A by the delta method: se(ln A)·A
        assertEquals(seIntercept * Math.exp(intercept), r.standardError("A"), 1e-8);
        assertTrue(Double.isNaN(r.standardError("a")), "a fixed parameter has no standard error");
        assertTrue(r.gradientNorm() < 1e-8, "gradient " + r.gradientNorm());
    }

    /** Poisson regression: at the maximum-likelihood point the score equations Σ(y−μ)∂μ/∂θ/μ = 0 hold. */
    @Test
    void poissonDevianceSatisfiesTheScoreEquations() {
        double[][] counts = {{3}, {5}, {4}, {9}, {8}, {14}, {13}, {22}, {25}, {33}};
        DataSet d = DataSet.of("counts", T, List.of("y"), counts);
        FitResult r = Calibrator.of(new ClosedFormSimulator(2.0, 0.1, 0, 0, 0.0), d).loss(Losses.POISSON_DEVIANCE)
                .fix("a", "b").fit();
        assertTrue(r.converged(), r.reason());
        double A = r.value("A"), k = r.value("k");
        double s0 = 0, s1 = 0;
        for (int i = 0; i < T.length; i++) {
            double mu = A * Math.exp(k * T[i]);
            s0 += counts[i][0] - mu;
            s1 += T[i] * (counts[i][0] - mu);
        }
        assertEquals(0.0, s0, 1e-5);
        assertEquals(0.0, s1, 1e-5);
        // Fisher-information standard error of k for a log-linear Poisson model: (Σμ t² − (Σμt)²/Σμ)^(-1/2)
        double m0 = 0, m1 = 0, m2 = 0;
        for (double t : T) {
            double mu = A * Math.exp(k * t);
            m0 += mu;
            m1 += mu * t;
            m2 += mu * t * t;
        }
        assertEquals(1 / Math.sqrt(m2 - m1 * m1 / m0), r.standardError("k"), 1e-6);
    }

    @Test
    void objectiveGradientAndJacobianMatchFiniteDifferences() {
        DataSet d = data(2.0, 0.3, 1, 2, 0.1, 3);
        for (Loss loss : List.of(Losses.SUM_OF_SQUARES, Losses.SUM_OF_SQUARES_OF_LOGS)) {
            Objective f = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).loss(loss)
                    .weight("z", 2.5).objective();
            double[] u = {0.3, 0.25, 0.7, 1.9};
            double[] g = new double[4];
            double v = f.valueAndGradient(u, g);
            assertEquals(f.value(u), v, 1e-14 * v);
            Objective.Residuals res = f.residuals(u);
            assertEquals(v, res.loss(), 1e-12 * v);
            for (int i = 0; i < 4; i++) {
                double h = 1e-6;
                double[] up = u.clone();
                double[] dn = u.clone();
                up[i] += h;
                dn[i] -= h;
                assertEquals((f.value(up) - f.value(dn)) / (2 * h), g[i], 1e-6 * (1 + Math.abs(g[i])), loss + " d/du" + i);
                double[] rp = f.residuals(up).residuals();
                double[] rm = f.residuals(dn).residuals();
                for (int q = 0; q < rp.length; q++) {
                    assertEquals((rp[q] - rm[q]) / (2 * h), res.jacobian()[q][i], 1e-6, "J[" + q + "][" + i + "]");
                }
            }
        }
    }

    @Test
    void zeroWeightDropsAColumn() {
        DataSet d = data(2.0, 0.3, 1, 2, 0.05, 11);
        FitResult both = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).weight("z", 0.0)
                .fix("a", "b").fit();
        FitResult only = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d.select(List.of("y")))
                .fix("a", "b").fit();
        assertEquals(only.value("A"), both.value("A"), 1e-12);
        assertEquals(only.value("k"), both.value("k"), 1e-12);
        assertEquals(T.length, both.observations());
    }

    @Test
    void boundsAreHonoured() {
        // the data want A = 2, the bound says A > 2.5: the fit stays inside and approaches 2.5
        DataSet d = data(2.0, 0.3, 0, 0, 0, 1).select(List.of("y"));
        FitResult r = Calibrator.of(new ClosedFormSimulator(3.0, 0.2, 0, 0, 2.5), d).fix("a", "b").fit();
        assertTrue(r.value("A") > 2.5, "A = " + r.value("A"));
        assertTrue(r.value("A") < 2.51, "A = " + r.value("A"));
    }

    @Test
    void reproducible() {
        DataSet d = data(2.0, 0.3, 1, 2, 0.1, 5);
        FitResult a = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).fit();
        FitResult b = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).fit();
        assertArrayEquals(a.values(), b.values(), 0.0);
        assertArrayEquals(a.lossHistory(), b.lossHistory(), 0.0);
        assertArrayEquals(a.standardErrors(), b.standardErrors(), 0.0);
        assertEquals(a.iterations(), b.iterations());
    }

    @Test
    void gradientDescentAndLbfgsFindTheLeastSquaresOptimumToo() {
        DataSet d = data(2.0, 0.3, 1, 2, 0.1, 9).select(List.of("z"));
        FitResult lm = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).fix("A", "k").fit();
        FitResult gd = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).fix("A", "k")
                .optimizer(new GradientDescent(20000, 0.01, 1e-10, 0)).fit();
        FitResult lbfgs = Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), d).fix("A", "k")
                .optimizer(new LbfgsOptimizer()).fit();
        assertTrue(gd.converged(), gd.reason());
        // a line search on loss values cannot resolve the minimum finer than about √ε relative
        // (the loss is flat to rounding there), so 1e-7 is the attainable agreement
        assertEquals(lm.value("a"), gd.value("a"), 1e-7);
        assertEquals(lm.value("b"), gd.value("b"), 1e-7);
        assertTrue(lbfgs.converged(), lbfgs.reason());
        assertEquals(lm.value("a"), lbfgs.value("a"), 1e-7);
        assertEquals(lm.value("b"), lbfgs.value("b"), 1e-7);
    }

    @Test
    void infeasibleTrialPointsAreStepsBack() {
        // the model throws for k > 50; a start near there must still converge
        DataSet d = data(2.0, 0.3, 0, 0, 0, 1).select(List.of("y"));
        FitResult r = Calibrator.of(new ClosedFormSimulator(2.0, 0.3, 0, 0, 0.0), d).start("k", 40.0).fix("a", "b")
                .fit();
        assertEquals(0.3, r.value("k"), 1e-8);
    }

    @Test
    void dataErrors() {
        ClosedFormSimulator sim = new ClosedFormSimulator(1, 0, 0, 0, 0.0);
        DataSet unknown = new DataReader().parse("u.csv", "t,y,w\n0,1,2\n1,2,3\n");
        DataFileException e = assertThrows(DataFileException.class, () -> Calibrator.of(sim, unknown).fit());
        assertEquals("w", e.column());
        DataSet negative = new DataReader().parse("n.csv", "t,y\n0,1\n1,-2\n");
        DataFileException e2 = assertThrows(DataFileException.class,
                () -> Calibrator.of(sim, negative).loss(Losses.SUM_OF_SQUARES_OF_LOGS).fit());
        assertEquals(3, e2.line());
        assertEquals("y", e2.column());
        assertTrue(e2.detail().contains("positive"), e2.detail());
        DataSet early = new DataReader().parse("e.csv", "t,y\n-1,1\n1,2\n");
        DataFileException e3 = assertThrows(DataFileException.class, () -> Calibrator.of(sim, early).fit());
        assertEquals(2, e3.line());
        assertTrue(e3.detail().contains("before the model's initial time"), e3.detail());
    }

    @Test
    void configurationErrors() {
        ClosedFormSimulator sim = new ClosedFormSimulator(1, 0, 0, 0, 0.0);
        DataSet d = data(2.0, 0.3, 1, 2, 0, 1);
        assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).fix("nope").fit());
        assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).fix("A", "k", "a", "b").fit());
        assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).weight("y", -1));
        assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).loss(Losses.POISSON_DEVIANCE)
                .optimizer(new LevenbergMarquardt()).fit());
        assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).start("A", -1.0).fit());
    }

    /**
     * The exact messages of the set-up checks (what is wrong, with the names involved), and their
     * order: parameters (fix, then start bounds in model order, then unknown starts), data columns,
     * weights, the data's first time, the observations, then the optimizer and sensitivity.
     */
    @Test
    void setupErrorsNameWhatIsWrong() {
        ClosedFormSimulator sim = new ClosedFormSimulator(1, 0, 0, 0, 0.0);
        DataSet d = data(2.0, 0.3, 1, 2, 0, 1);
        assertEquals("cannot fix 'nope': the model's parameters are [A, k, a, b]",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).fix("nope").start("A", -1.0).objective())
                        .getMessage());
        assertEquals("every parameter is fixed; nothing to fit",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).fix("A", "k", "a", "b").objective())
                        .getMessage());
        assertEquals("the start value -1.0 of 'A' is not strictly inside its bounds [0.0, Infinity]",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).start("zeta", 1.0).start("A", -1.0)
                        .objective()).getMessage());
        assertEquals("cannot start 'zeta': the model's parameters are [A, k, a, b]",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).start("zeta", 1.0).weight("q", 1)
                        .objective()).getMessage());
        // a fixed parameter's start is not checked against its bounds
        Calibrator.of(sim, d).fix("A").start("A", -1.0).objective();

        DataSet unknown = new DataReader().parse("u.csv", "t,y,w\n0,1,2\n1,2,3\n");
        assertEquals("u.csv: column 'w': is not a state or output of the model (observable: y, z)",
                assertThrows(DataFileException.class, () -> Calibrator.of(sim, unknown).weight("q", 1).objective())
                        .getMessage());
        assertEquals("weight given for column 'q', which the data do not have [y, z]",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).weight("q", 1).objective()).getMessage());
        DataSet early = new DataReader().parse("e.csv", "t,y\n-1,-1\n1,2\n");
        assertEquals("e.csv:2: column 't': the data begin at t = -1.0, before the model's initial time t0 = 0.0",
                assertThrows(DataFileException.class, () -> Calibrator.of(sim, early).loss(Losses.SUM_OF_SQUARES_OF_LOGS)
                        .objective()).getMessage());
        DataSet negative = new DataReader().parse("n.csv", "t,y\n0,1\n1,-2\n");
        assertEquals("n.csv:3: column 'y': the sum of squares of logs needs positive observations, got -2.0",
                assertThrows(DataFileException.class, () -> Calibrator.of(sim, negative)
                        .loss(Losses.SUM_OF_SQUARES_OF_LOGS).objective()).getMessage());
        // a zero weight drops the column before its observations are checked; then nothing is left
        assertEquals("n.csv: no usable observations (all weights are zero)",
                assertThrows(DataFileException.class, () -> Calibrator.of(sim, negative)
                        .loss(Losses.SUM_OF_SQUARES_OF_LOGS).weight("y", 0).objective()).getMessage());

        assertEquals("Levenberg-Marquardt (Hipparchus) needs a sum-of-squares loss, but the loss is the Poisson deviance; "
                + "use a gradient-based optimizer such as L-BFGS",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d).loss(Losses.POISSON_DEVIANCE)
                        .optimizer(new LevenbergMarquardt()).sensitivity(SensitivityMethod.CONTINUOUS_ADJOINT).objective())
                        .getMessage());
        assertEquals("Levenberg-Marquardt (Hipparchus) needs the full Jacobian, which the adjoint method does not give;"
                + " use FORWARD sensitivities or a gradient-based optimizer",
                assertThrows(LeibnizException.class, () -> Calibrator.of(sim, d)
                        .sensitivity(SensitivityMethod.DISCRETE_ADJOINT).objective()).getMessage());
    }

    /** Least squares with no residual degree of freedom (n = number of fitted parameters) has no variance estimate. */
    @Test
    void standardErrorsNeedAResidualDegreeOfFreedom() {
        DataSet two = DataSet.of("two", new double[] {0, 1}, List.of("y"), new double[][] {{2}, {2 * Math.exp(0.3)}});
        FitResult r = Calibrator.of(new ClosedFormSimulator(1.0, 0.0, 0, 0, 0.0), two).fix("a", "b").fit();
        assertEquals(2.0, r.value("A"), 1e-9);
        assertEquals(0.3, r.value("k"), 1e-9);
        assertEquals(2, r.observations());
        for (double se : r.standardErrors()) {
            assertTrue(Double.isNaN(se), "no standard error without a residual degree of freedom");
        }
    }

    /**
     * A non-least-squares loss with adjoint gradients has no Fisher Jacobian, so no standard
     * errors; the estimate is the maximum-likelihood one all the same (the score equations hold).
     */
    @Test
    void adjointGradientsGiveTheEstimateButNoStandardErrors() {
        double[][] counts = {{3}, {5}, {4}, {9}, {8}, {14}, {13}, {22}, {25}, {33}};
        DataSet d = DataSet.of("counts", T, List.of("y"), counts);
        FitResult r = Calibrator.of(new ClosedFormSimulator(2.0, 0.1, 0, 0, 0.0), d).loss(Losses.POISSON_DEVIANCE)
                .sensitivity(SensitivityMethod.CONTINUOUS_ADJOINT).fix("a", "b").fit();
        assertEquals(SensitivityMethod.CONTINUOUS_ADJOINT, r.sensitivity());
        assertEquals("L-BFGS", r.optimizer(), "the default optimizer for a loss that is not a sum of squares");
        double s0 = 0;
        for (int i = 0; i < T.length; i++) {
            s0 += counts[i][0] - r.value("A") * Math.exp(r.value("k") * T[i]);
        }
        assertEquals(0.0, s0, 1e-5);
        for (double se : r.standardErrors()) {
            assertTrue(Double.isNaN(se));
        }
    }

    /**
     * The reported gradient norm is over the fitted parameters only: with k held away from its
     * optimum, ∂L/∂k (central differences of the sum of squares) is far from zero, the norm is not.
     */
    @Test
    void gradientNormCountsOnlyTheFittedParameters() {
        DataSet d = data(2.0, 0.3, 0, 0, 0.05, 4).select(List.of("y"));
        FitResult r = Calibrator.of(new ClosedFormSimulator(1.0, 0.2, 0, 0, 0.0), d).fix("k", "a", "b").fit();
        assertEquals("Levenberg-Marquardt (Hipparchus)", r.optimizer(), "the default optimizer for a sum of squares");
        double h = 1e-6;
        double up = sumOfSquares(r.value("A"), 0.2 + h, d);
        double dn = sumOfSquares(r.value("A"), 0.2 - h, d);
        double dk = (up - dn) / (2 * h);
        assertTrue(Math.abs(dk) > 1, "dL/dk = " + dk);
        assertTrue(r.gradientNorm() < 1e-6, "gradient norm " + r.gradientNorm());
        assertTrue(r.standardError("A") > 0);
        assertTrue(Double.isNaN(r.standardError("k")));
    }

    /** Σ (A·e^{kt} − y)² over the data's y column, computed here from the closed form. */
    private static double sumOfSquares(double a, double k, DataSet d) {
        double sum = 0;
        for (int i = 0; i < d.rowCount(); i++) {
            double e = a * Math.exp(k * d.time(i)) - d.value(i, 0);
            sum += e * e;
        }
        return sum;
    }

    @Test
    void transformsRoundTripAndDerivative() {
        for (ParameterTransform tr : List.of(ParameterTransform.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                ParameterTransform.of(1.0, Double.POSITIVE_INFINITY), ParameterTransform.of(Double.NEGATIVE_INFINITY, 3.0),
                ParameterTransform.of(-2.0, 5.0))) {
            for (double theta : new double[] {-1.5, 0.5, 1.2, 2.9}) {
                if (!tr.contains(theta)) {
                    continue;
                }
                double u = tr.toFree(theta);
                assertEquals(theta, tr.toModel(u), 1e-12, tr.toString());
                double h = 1e-6;
                assertEquals((tr.toModel(u + h) - tr.toModel(u - h)) / (2 * h), tr.derivative(u), 1e-8);
            }
        }
    }

    /**
     * AUTO's rule: forward sensitivities when few lanes or a Jacobian-hungry optimizer, else the
     * discrete adjoint — for every method now (it used to send implicit methods to the continuous
     * adjoint, which measured slower; docs/ode.md).
     */
    @Test
    void autoPicksForwardForFewLanesAndTheDiscreteAdjointOtherwise() {
        assertEquals(SensitivityMethod.FORWARD, Calibrator.resolve(SensitivityMethod.AUTO, 4, 2, false));
        assertEquals(SensitivityMethod.FORWARD, Calibrator.resolve(SensitivityMethod.AUTO, 30, 3, true));
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, Calibrator.resolve(SensitivityMethod.AUTO, 20, 3, false));
        assertEquals(SensitivityMethod.CONTINUOUS_ADJOINT,
                Calibrator.resolve(SensitivityMethod.CONTINUOUS_ADJOINT, 20, 3, false), "an explicit request is kept");
    }
}
