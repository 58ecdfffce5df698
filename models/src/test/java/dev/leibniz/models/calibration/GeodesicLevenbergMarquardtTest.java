package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The geodesic Levenberg–Marquardt on Rosenbrock's function as least squares,
 * r = (10 (b2 − b1²), 1 − b1), from the classical start (−1.2, 1): the minimum (1, 1) with Σr² = 0
 * is known in closed form (Moré, Garbow &amp; Hillstrom 1981, problem 1).
 */
class GeodesicLevenbergMarquardtTest {
    /** Row k = 1 gives the first residual, row k = 2 the second; the data are zeros. */
    static final ModelSpec ROSENBROCK = ModelParser.parse("rosenbrock.model", String.join("\n",
            "input k", "param b1 = -1.2", "param b2 = 1",
            "output r = (2 - k)*10*(b2 - b1^2) + (k - 1)*(1 - b1)"));

    static Calibrator rosenbrock() {
        return Calibrator.of(ROSENBROCK, AlgebraicSimulatorTest.rows(List.of("r", "k"), new double[][] {{0, 1}, {0, 2}}));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void rosenbrockFromTheClassicalStart(boolean acceleration) {
        FitResult r = rosenbrock().optimizer(new GeodesicLevenbergMarquardt(1000, acceleration)).fit();
        assertTrue(r.converged(), r.summary());
        assertEquals(1.0, r.value("b1"), 1e-12);
        assertEquals(1.0, r.value("b2"), 1e-12);
        assertTrue(r.loss() < 1e-28, r.summary());
        double[] h = r.lossHistory();
        for (int i = 1; i < h.length; i++) {
            assertTrue(h[i] <= h[i - 1], "accepted steps never raise the loss: " + java.util.Arrays.toString(h));
        }
        assertEquals(acceleration ? "Levenberg-Marquardt (geodesic)" : "Levenberg-Marquardt (scaled)", r.optimizer());
    }

    @Test
    void anIterationLimitIsAReportedFailureWithTheBestPointSoFar() {
        FitResult r = rosenbrock().optimizer(new GeodesicLevenbergMarquardt(2, true)).fit();
        assertTrue(!r.converged());
        assertEquals("maximum of 2 iterations reached", r.reason());
        assertEquals(2, r.iterations());
        assertTrue(r.loss() < r.lossHistory()[0], r.summary());
    }

    @Test
    void moreParametersThanObservationsIsRefused() {
        LeibnizException e = assertThrows(LeibnizException.class, () -> Calibrator.of(ROSENBROCK,
                AlgebraicSimulatorTest.rows(List.of("r", "k"), new double[][] {{0, 1}})).optimizer(
                new GeodesicLevenbergMarquardt()).fit());
        assertEquals("least squares with 1 observations cannot determine 2 parameters", e.getMessage());
    }

    @Test
    void byName() {
        assertEquals("Levenberg-Marquardt (geodesic)", Optimizers.byName("geodesic", 10).name());
        assertEquals(10, Optimizers.byName("lm-geodesic", 10).maxIterations());
    }
}
