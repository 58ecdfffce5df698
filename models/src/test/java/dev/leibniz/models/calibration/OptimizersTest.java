package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.data.DataSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strategies by name, their iteration limits, and Adam against a closed-form optimum. */
class OptimizersTest {
    static final double[] T = CalibratorTest.T;

    @Test
    void byNameGivesEachStrategyWithItsLimit() {
        assertInstanceOf(LbfgsOptimizer.class, Optimizers.byName("lbfgs", 7));
        assertInstanceOf(LbfgsOptimizer.class, Optimizers.byName(" L-BFGS ", 7));
        assertInstanceOf(AdamOptimizer.class, Optimizers.byName("Adam", 7));
        assertInstanceOf(LevenbergMarquardt.class, Optimizers.byName("lm", 7));
        assertInstanceOf(LevenbergMarquardt.class, Optimizers.byName("levenberg-marquardt", 7));
        assertInstanceOf(GradientDescent.class, Optimizers.byName("gd", 7));
        for (String name : Optimizers.names()) {
            assertEquals(7, Optimizers.byName(name, 7).maxIterations(), name);
            assertEquals(3, Optimizers.byName(name, 7).withMaxIterations(3).maxIterations(), name);
        }
        assertEquals(Optimizers.ADAM_LEARNING_RATE, ((AdamOptimizer) Optimizers.byName("adam", 1)).learningRate());
    }

    @Test
    void unknownNamesAreErrorsListingTheValidOnes() {
        LeibnizException e = assertThrows(LeibnizException.class, () -> Optimizers.byName("bfgs", 100));
        assertEquals("unknown optimizer 'bfgs'; valid names are lbfgs, adam, lm, geodesic, gd", e.getMessage());
        LeibnizException n = assertThrows(LeibnizException.class, () -> Optimizers.byName(null, 100));
        assertEquals("unknown optimizer 'null'; valid names are lbfgs, adam, lm, geodesic, gd", n.getMessage());
        LeibnizException z = assertThrows(LeibnizException.class, () -> Optimizers.byName("adam", 0));
        assertEquals("Adam: the maximum number of iterations must be at least 1, got 0", z.getMessage());
        LeibnizException c = assertThrows(LeibnizException.class,
                () -> Calibrator.of(new ClosedFormSimulator(1, 0, 0, 0, 0.0), data()).maxIterations(-2));
        assertTrue(c.getMessage().contains("at least 1, got -2"), c.getMessage());
        LeibnizException l = assertThrows(LeibnizException.class, () -> Losses.byName("mse"));
        assertEquals("unknown loss 'mse'; valid names are sse, logsse, poisson", l.getMessage());
    }

    @Test
    void lossesByName() {
        assertSame(Losses.SUM_OF_SQUARES, Losses.byName("sse"));
        assertSame(Losses.SUM_OF_SQUARES_OF_LOGS, Losses.byName("LogSSE"));
        assertSame(Losses.POISSON_DEVIANCE, Losses.byName("poisson"));
        assertEquals(List.of("sse", "logsse", "poisson"), Losses.names());
    }

    /** The calibrator's limit applies to whichever optimizer runs, and a run cut short says so. */
    @Test
    void maxIterationsLimitsEveryStrategy() {
        for (String name : Optimizers.names()) {
            FitResult r = curve().optimizer(Optimizers.byName(name, 1000)).maxIterations(2).fit();
            assertEquals(2, r.iterations(), name);
            assertEquals(3, r.lossHistory().length, name);
            assertTrue(!r.converged() && r.reason().startsWith("maximum"), name + ": " + r.reason());
        }
    }

    /**
     * Adam on a straight line z = a + b·t with noise: the least-squares optimum and its residual
     * sum of squares are the textbook regression formulas. Adam, being a fixed-rate method,
     * reaches that loss to within one part in 10⁸ (the parameters then agree to about 10⁻⁴,
     * as the loss is quadratic in them).
     */
    @Test
    void adamReachesTheRegressionOptimum() {
        DataSet d = data();
        int n = T.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double z = d.value(i, 0);
            sx += T[i];
            sy += z;
            sxx += T[i] * T[i];
            sxy += T[i] * z;
        }
        double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double a = (sy - b * sx) / n;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            double e = d.value(i, 0) - a - b * T[i];
            ssr += e * e;
        }
        FitResult r = line().optimizer(new AdamOptimizer(ADAM_ITERATIONS, 0.05, 0)).fit();
        System.out.printf("Adam on a line: loss %.10g (optimum %.10g) after %d iterations%n", r.loss(), ssr,
                r.iterations());
        assertTrue(r.loss() <= ssr * (1 + 1e-8), "loss " + r.loss() + " vs optimum " + ssr);
        assertEquals(a, r.value("a"), 1e-3);
        assertEquals(b, r.value("b"), 1e-3);
        double[] h = r.lossHistory();
        assertEquals(ADAM_ITERATIONS + 1, h.length);
        assertEquals(r.loss(), min(h), 0.0, "Adam returns the best point it visited");
    }

    static final int ADAM_ITERATIONS = 2000;

    /**
     * A step into the region where the model cannot be simulated (k &gt; 50) is undone and the
     * learning rate halved, and the fit goes on from the last feasible point.
     */
    @Test
    void adamStepsBackFromInfeasiblePoints() {
        FitResult r = Calibrator.of(new ClosedFormSimulator(1.0, 49.0, 0, 0, 0.0), steep()).fix("A", "a", "b")
                .optimizer(new AdamOptimizer(200, 1.5, 0)).fit();
        System.out.println("Adam near the infeasible region: " + r.reason() + ", k = " + r.value("k"));
        assertTrue(r.reason().contains("halved"), r.reason());
        for (double l : r.lossHistory()) {
            assertTrue(Double.isFinite(l), "only feasible points are iterates");
        }
        assertEquals(49.8, r.value("k"), 1e-3);
    }

    /**
     * L-BFGS from k = 45 towards 49.8: the line search extrapolates past k = 50, where the model
     * cannot be simulated, treats that trial as too far and bisects back; every iterate is
     * feasible and the fit converges.
     */
    @Test
    void lbfgsBacktracksFromInfeasibleTrialPoints() {
        int[] infeasible = {0};
        Simulator counting = new Counting(new ClosedFormSimulator(1.0, 45.0, 0, 0, 0.0), infeasible);
        FitResult r = Calibrator.of(counting, steep()).fix("A", "a", "b").optimizer(new LbfgsOptimizer()).fit();
        System.out.println("L-BFGS near the infeasible region: " + infeasible[0] + " infeasible trials, " + r.reason()
                + ", k = " + r.value("k"));
        assertTrue(infeasible[0] > 0, "the test must reach the infeasible region");
        assertTrue(r.converged(), r.reason());
        assertEquals(49.8, r.value("k"), 1e-6);
    }

    static DataSet steep() {
        double[] t = {0, 0.02, 0.04, 0.06};
        double[][] y = new double[t.length][1];
        for (int i = 0; i < t.length; i++) {
            y[i][0] = Math.exp(49.8 * t[i]);
        }
        return DataSet.of("steep", t, List.of("y"), y);
    }

    /** Counts the simulations that fail. */
    private record Counting(Simulator inner, int[] failures) implements Simulator {
        @Override
        public List<dev.leibniz.models.spec.Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public List<String> observableNames() {
            return inner.observableNames();
        }

        @Override
        public double startTime() {
            return inner.startTime();
        }

        @Override
        public void simulate(double[] theta, double[] times, int[] columns, double[][] values, double[][][] jacobian) {
            try {
                inner.simulate(theta, times, columns, values, jacobian);
            } catch (LeibnizException e) {
                failures[0]++;
                throw e;
            }
        }
    }

    static DataSet data() {
        return CalibratorTest.data(2.0, 0.3, 1, 2, 0.1, 9).select(List.of("z"));
    }

    /** y = A·e^{kt} from a distant start: nonlinear, so every method needs more than two iterations. */
    static Calibrator curve() {
        return Calibrator.of(new ClosedFormSimulator(1.0, -0.1, 0, 0, 0.0), CalibratorTest.data(3.0, -0.7, 0, 0, 0, 1)
                .select(List.of("y"))).fix("a", "b");
    }

    static Calibrator line() {
        return Calibrator.of(new ClosedFormSimulator(1.5, 0.2, 0.5, 1.0, 0.0), data()).fix("A", "k");
    }

    private static double min(double[] h) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : h) {
            m = Math.min(m, x);
        }
        return m;
    }
}
