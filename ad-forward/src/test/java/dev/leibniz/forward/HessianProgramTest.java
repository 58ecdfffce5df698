package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Forward-over-reverse second derivatives of a function with a closed-form Hessian. */
class HessianProgramTest {
    // f = x³y + sin(xy)
    private static final Graph F = Graph.trace(v -> v[0].pow(3).mul(v[1]).add(v[0].mul(v[1]).sin()), "x", "y");

    private static double[][] exact(double x, double y) {
        double s = Math.sin(x * y);
        double c = Math.cos(x * y);
        double fxx = 6 * x * y - y * y * s;
        double fxy = 3 * x * x + c - x * y * s;
        double fyy = -x * x * s;
        return new double[][] {{fxx, fxy}, {fxy, fyy}};
    }

    @Test
    void fullHessianMatchesTheClosedForm() {
        double x = 0.9;
        double y = -0.6;
        double[][] h = exact(x, y);
        for (int lanes : new int[] {1, 2}) {
            DMatrixRMaj got = HessianProgram.prepare(F, 0, lanes, EvalOptions.DEFAULT).hessian(new double[] {x, y});
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(h[i][j], got.get(i, j), 1e-14, "H[" + i + "][" + j + "] with " + lanes + " lanes");
                }
            }
        }
        assertEquals(h[0][1], Hessians.hessian(F, new double[] {x, y}).get(1, 0), 1e-14);
    }

    @Test
    void batchedProductsAreHTimesTheSeedMatrix() {
        double x = 1.3;
        double y = 0.4;
        double[][] h = exact(x, y);
        HessianProgram hp = HessianProgram.prepare(F, 0, 2, EvalOptions.DEFAULT);
        TangentLanes ws = hp.newWorkspace();
        // V = [[1, 2], [-3, 0.5]] row-major: column l is direction l
        double[] v = {1, 2, -3, 0.5};
        double[] out = new double[4];
        hp.hvp(new double[] {x, y}, v, ws, out);
        for (int i = 0; i < 2; i++) {
            for (int l = 0; l < 2; l++) {
                double expected = h[i][0] * v[l] + h[i][1] * v[2 + l];
                assertEquals(expected, out[i * 2 + l], 1e-13, "(HV)[" + i + "][" + l + "]");
            }
        }
        double[] single = Hessians.hvp(F, new double[] {x, y}, new double[] {2, 0.5});
        assertEquals(h[0][0] * 2 + h[0][1] * 0.5, single[0], 1e-13);
        assertEquals(h[1][0] * 2 + h[1][1] * 0.5, single[1], 1e-13);
        assertEquals(F.outputCount() + F.inputCount(), hp.gradientGraph().outputCount());
    }
}
