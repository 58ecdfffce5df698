package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Method;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatEquationTest {
    static final HeatEquation MODEL = new HeatEquation(9);
    static final double[] TRUTH = {0.08, 1.5};
    static final double[] TIMES = SyntheticData.times(0.1, 0.1, 20);

    @Test
    void shippedFileIsTheGeneratorsOutputAndAgreesWithJava() throws Exception {
        assertEquals(HeatEquation.modelFile(9), Files.readString(ModelChecks.EXAMPLES.resolve("heat-equation.model")));
        ModelChecks.assertSameModel(MODEL, ModelChecks.file("heat-equation.model"), 8);
    }

    @Test
    void jacobianIsTridiagonal() {
        double[] y = new double[9];
        for (int i = 0; i < 9; i++) {
            y[i] = Math.cos(i);
        }
        boolean[][] reached = new boolean[9][9];
        double[][] j = Jacobians.reverse(MODEL, y, TRUTH, reached);
        double c = TRUTH[0] * 100;
        for (int i = 0; i < 9; i++) {
            for (int k = 0; k < 9; k++) {
                double expected = i == k ? -2 * c : Math.abs(i - k) == 1 ? c : 0.0;
                assertEquals(expected, j[i][k], 1e-12, "J[" + i + "][" + k + "]");
                assertEquals(Math.abs(i - k) <= 1, reached[i][k], "structure at " + i + "," + k);
            }
        }
    }

    @Test
    void semiDiscreteSolutionMatchesItsClosedForm() {
        Solution s = new OdeSimulator(MODEL).solve(TRUTH, TIMES);
        for (int k = 0; k < s.size(); k++) {
            for (int i = 0; i < 9; i++) {
                assertEquals(MODEL.exact(TRUTH, i, TIMES[k]), s.value(k, i), 1e-9, "u" + (i + 1) + " at " + TIMES[k]);
            }
        }
    }

    /** The stiff (Rosenbrock) solver with its dense Jacobian gives the same decay at its own tolerance. */
    @Test
    void rosenbrockAgrees() {
        SolverOptions stiff = SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(1e-8, 1e-10);
        Solution s = new OdeSimulator(MODEL, stiff).solve(TRUTH, new double[] {1.0, 2.0});
        for (int i = 0; i < 9; i++) {
            assertEquals(MODEL.exact(TRUTH, i, 2.0), s.value(1, i), 1e-6);
        }
        assertTrue(s.statistics().steps() > 0);
    }

    @Test
    void recoversDiffusivityAndAmplitudeWithoutNoise() {
        ModelChecks.assertRecovers(MODEL, TRUTH, TIMES, List.of("u2", "u5", "u8"), 0.2);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(MODEL, TRUTH, TIMES, List.of("u2", "u5", "u8"), 0.2, 0.01);
    }
}
