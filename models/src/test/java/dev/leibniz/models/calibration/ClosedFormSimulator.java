package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.spec.Parameter;
import java.util.List;

/**
 * A test model with a closed form: y(t) = A·exp(k·t) and z(t) = a + b·t (independent parts, so
 * each has textbook estimates), with exact derivatives. Parameters A, k, a, b.
 */
final class ClosedFormSimulator implements Simulator {
    private final List<Parameter> params;

    ClosedFormSimulator(double a0, double k0, double lin0, double slope0, double lowerA) {
        this.params = List.of(
                new Parameter("A", a0, lowerA, Double.POSITIVE_INFINITY, new dev.leibniz.models.spec.Position(1, 1)),
                Parameter.free("k", k0), Parameter.free("a", lin0), Parameter.free("b", slope0));
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public List<String> observableNames() {
        return List.of("y", "z");
    }

    @Override
    public double startTime() {
        return 0;
    }

    @Override
    public void simulate(double[] th, double[] times, int[] columns, double[][] values, double[][][] jacobian) {
        if (th[1] > 50) {
            throw new LeibnizException("blows up");
        }
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            double e = Math.exp(th[1] * t);
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] == 0) {
                    values[i][c] = th[0] * e;
                    if (jacobian != null) {
                        jacobian[i][c] = new double[] {e, th[0] * t * e, 0, 0};
                    }
                } else {
                    values[i][c] = th[2] + th[3] * t;
                    if (jacobian != null) {
                        jacobian[i][c] = new double[] {0, 0, 1, t};
                    }
                }
            }
        }
    }
}
