package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.ode.ButcherTableau;
import org.junit.jupiter.api.Test;

/**
 * The error estimate {@code h·(((0 + e₀k₀) + e₁k₁) + …)} and the new state of an attempt, bit for
 * bit, in every form {@link ExplicitRungeKutta} computes them: the one-pass form of seven-stage
 * methods on large systems (new state and error together), the column of accumulators, and the
 * rows of small systems — with zeros of both signs and non-finite stages. The reference sums are
 * written out here from the definition, from the stages the attempt kept.
 */
class ExplicitRungeKuttaErrorEstimateTest {
    /** u' = A u + sin(t + i), with −0 in every third component and an optional poison in the last. */
    private record Linear(int dim, double poison) implements OdeSystem {
        public int dimension() {
            return dim;
        }

        public void derivative(double t, double[] u, double[] du) {
            for (int i = 0; i < dim; i++) {
                if (i % 3 == 0) {
                    du[i] = -0.0;
                    continue;
                }
                double s = Math.sin(t + i);
                for (int j = 0; j < dim; j++) {
                    s += ((i * 5 + j * 2) % 7 - 3) * 0.25 * u[j];
                }
                du[i] = s;
            }
            du[dim - 1] += poison * t;
        }

        public String componentName(int i) {
            return "u" + i;
        }
    }

    private static void check(ButcherTableau tab, int dim, double poison) {
        ExplicitRungeKutta rk = new ExplicitRungeKutta(tab, new Linear(dim, poison));
        double[] y = new double[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = i % 4 == 0 ? -0.0 : 0.2 * i - 1.1;
        }
        double h = 0.0625;
        double[] yNew = new double[dim];
        ErrorNorm norm = new ErrorNorm(1e-6, 1e-9, dim);
        double got = rk.attempt(0.7, y, h, yNew, norm);
        int s = tab.stages();
        double[] e = tab.errorWeights();
        double[] b = tab.b();
        double[] err = new double[dim];
        for (int m = 0; m < dim; m++) {
            double a = 0.0;
            double c = 0.0;
            for (int j = 0; j < s; j++) {
                a += e[j] * rk.stage(j)[m];
                c += b[j] * rk.stage(j)[m];
            }
            err[m] = h * a;
            String what = tab.name() + ", dimension " + dim + ", poison " + poison + ", component " + m;
            assertEquals(Double.doubleToRawLongBits(err[m]), Double.doubleToRawLongBits(rk.errorEstimate()[m]),
                    "error estimate: " + what);
            assertEquals(Double.doubleToRawLongBits(y[m] + h * c), Double.doubleToRawLongBits(yNew[m]),
                    "new state: " + what);
        }
        assertEquals(Double.doubleToRawLongBits(norm.norm(err, y, yNew)), Double.doubleToRawLongBits(got),
                tab.name() + " error norm, dimension " + dim);
    }

    @Test
    void everyFormGivesTheDefinitionsBits() {
        for (ButcherTableau tab : new ButcherTableau[] {ButcherTableau.DOPRI5, ButcherTableau.TSIT5,
            ButcherTableau.BS3}) {
            for (int dim : new int[] {2, ExplicitRungeKutta.COLUMN_DIMENSION, 14, 33}) {
                check(tab, dim, 0.0);
                check(tab, dim, Double.NaN);
                check(tab, dim, Double.NEGATIVE_INFINITY);
            }
        }
    }
}
