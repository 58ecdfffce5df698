package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class Brusselator2DTest {
    static final Brusselator2D MODEL = new Brusselator2D(4);
    static final double[] TRUTH = {1.0, 1.7, 0.02};
    static final double[] TIMES = SyntheticData.times(0.5, 0.5, 16);

    @Test
    void shippedFileIsTheGeneratorsOutputAndAgreesWithJava() throws Exception {
        assertEquals(Brusselator2D.modelFile(4), Files.readString(ModelChecks.EXAMPLES.resolve("brusselator-2d.model")));
        ModelChecks.assertSameModel(MODEL, ModelChecks.file("brusselator-2d.model"), 9);
    }

    /** The graph's Jacobian has exactly the reaction–diffusion stencil (12n² non-zeros) and matches finite differences. */
    @Test
    void jacobianIsSparseWithTheStencilPattern() {
        int n = 4, m = n * n;
        double[] y = new double[2 * m];
        for (int k = 0; k < y.length; k++) {
            y[k] = 0.5 + 0.1 * Math.sin(3.0 * k);
        }
        boolean[][] reached = new boolean[2 * m][2 * m];
        double[][] j = Jacobians.reverse(MODEL, y, TRUTH, reached);
        double[][] fd = Jacobians.finiteDifferences(MODEL, y, TRUTH, 1e-6);
        int nonzero = 0;
        for (int row = 0; row < 2 * m; row++) {
            int cell = row % m;
            int i = cell / n, jj = cell % n;
            for (int col = 0; col < 2 * m; col++) {
                int other = col % m;
                boolean sameField = (row < m) == (col < m);
                boolean neighbour = other == MODEL.index(i + 1, jj) || other == MODEL.index(i - 1, jj)
                        || other == MODEL.index(i, jj + 1) || other == MODEL.index(i, jj - 1);
                boolean expected = other == cell || (sameField && neighbour);
                assertEquals(expected, reached[row][col], "pattern at " + row + "," + col);
                assertEquals(fd[row][col], j[row][col], 1e-7, "J[" + row + "][" + col + "]");
                nonzero += reached[row][col] ? 1 : 0;
            }
        }
        assertEquals(12 * m, nonzero);
    }

    @Test
    void homogeneousEquilibriumIsFixed() {
        double[] theta = TRUTH;
        int m = 16;
        double[] y = new double[2 * m];
        for (int k = 0; k < m; k++) {
            y[k] = theta[0];
            y[m + k] = theta[1] / theta[0];
        }
        double[] f = MODEL.problem().rhs().evaluate(Jacobians.inputs(MODEL.problem().rhs(), MODEL, 0, y, theta));
        for (double v : f) {
            assertEquals(0.0, v, 1e-14);
        }
        // the perturbed start relaxes towards it (B < 1 + A²)
        Solution s = new OdeSimulator(MODEL).solve(theta, new double[] {60.0});
        assertEquals(theta[0], s.value(0, 5), 1e-3);
        assertEquals(theta[1] / theta[0], s.value(0, m + 5), 1e-3);
    }

    @Test
    void recoversReactionAndDiffusionWithoutNoise() {
        ModelChecks.assertRecovers(MODEL, TRUTH, TIMES, List.of("u_1_2", "v_1_2", "u_2_2", "u_3_3"), 0.1);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(MODEL, TRUTH, TIMES, List.of("u_1_2", "v_1_2", "u_2_2", "u_3_3"), 0.1,
                0.005);
    }
}
