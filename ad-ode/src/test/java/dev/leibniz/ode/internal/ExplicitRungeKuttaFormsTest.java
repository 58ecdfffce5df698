package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.ode.ButcherTableau;
import org.junit.jupiter.api.Test;

/**
 * {@link ExplicitRungeKutta} combines stages row by row for small systems and column by column
 * (stage rows hoisted, a stage input of four to seven terms in two passes, or a column of
 * accumulators) from {@value ExplicitRungeKutta#COLUMN_DIMENSION} components on. Every form must give the bits of the defining formula
 * {@code y + h·(((0 + w₀k₀) + w₁k₁) + …)}, written out here independently, on systems either side
 * of the switch, for tableaus of 3 to 9 stages (the last beyond the hoisted forms), with signed
 * zeros and non-finite stages; the error estimate's norm too. On a large system Dormand–Prince's
 * and Tsitouras's new state is copied from the last stage's input when the last stage is finite
 * (the unpoisoned runs) and summed when it is not (the poisoned ones): both against the definition.
 */
class ExplicitRungeKuttaFormsTest {
    /** A linear system u' = A u + c with entries chosen to produce zeros of both signs and big ranges. */
    private static final class Linear implements OdeSystem {
        private final int dim;
        private final double poison;

        Linear(int dim, double poison) {
            this.dim = dim;
            this.poison = poison;
        }

        public int dimension() {
            return dim;
        }

        public void derivative(double t, double[] u, double[] du) {
            for (int i = 0; i < dim; i++) {
                if (i % 3 == 0) {
                    du[i] = -0.0; // with y = −0 there: a sum that must come out +0 (0 + −0), then y + h·(+0) = +0
                    continue;
                }
                double s = Math.sin(t + i);
                for (int j = 0; j < dim; j++) {
                    s += ((i * 7 + j * 3) % 5 - 2) * 0.3 * u[j];
                }
                du[i] = s;
            }
            du[dim - 1] += poison * t; // NaN or ∞ in the last component only, when poisoned
        }

        public String componentName(int i) {
            return "u" + i;
        }
    }

    /** y + h Σ w_j k_j as the definition writes it, one component at a time. */
    private static double[] reference(double[] y, double h, double[] w, int count, double[][] k) {
        double[] out = new double[y.length];
        for (int m = 0; m < y.length; m++) {
            double a = 0.0;
            for (int j = 0; j < count; j++) {
                a += w[j] * k[j][m];
            }
            out[m] = y[m] + h * a;
        }
        return out;
    }

    private static void check(ButcherTableau tab, int dim, double poison) {
        Linear sys = new Linear(dim, poison);
        ExplicitRungeKutta rk = new ExplicitRungeKutta(tab, sys);
        double[] y = new double[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = i % 4 == 0 ? -0.0 : 0.1 * i - 0.5;
        }
        double h = 0.125;
        double t = 0.3;
        double[] yNew = new double[dim];
        double norm = rk.attempt(t, y, h, yNew, new ErrorNorm(1e-6, 1e-9, dim));
        int s = tab.stages();
        double[][] k = new double[s][];
        for (int i = 0; i < s; i++) {
            k[i] = rk.stage(i).clone();
        }
        // every stage input Y_i (kept by computeStages) must be the definition's bits, and k_i = F(Y_i)
        double[][] inputs = new double[s][dim];
        rk.computeStages(t, y, h, inputs);
        for (int i = 1; i < s; i++) {
            double[] yi = reference(y, h, tab.a()[i], i, k);
            assertBits(yi, inputs[i], tab + " stage input " + i + " at dimension " + dim);
            double[] ki = new double[dim];
            sys.derivative(t + tab.c()[i] * h, yi, ki);
            assertBits(ki, k[i], tab + " stage " + i + " at dimension " + dim);
        }
        assertBits(reference(y, h, tab.b(), s, k), yNew, tab + " new state at dimension " + dim);
        if (tab.hasErrorEstimate()) {
            // h·Σ e_j k_j as 0 + h·Σ: the same but for the sign of a zero, which the norm ignores
            double[] err = reference(new double[dim], h, tab.errorWeights(), s, k);
            assertEquals(new ErrorNorm(1e-6, 1e-9, dim).norm(err, y, yNew), norm, 0.0, tab + " error norm, dimension " + dim);
        }
        if (tab.hasDenseOutput()) {
            double[] theta = new double[s];
            tab.denseWeights(0.375, theta);
            double[] out = new double[dim];
            rk.interpolate(0.375, t, y, h, out);
            assertBits(reference(y, h, theta, s, k), out, tab + " dense output at dimension " + dim);
        }
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        for (int m = 0; m < expected.length; m++) {
            assertEquals(Double.doubleToRawLongBits(expected[m]), Double.doubleToRawLongBits(actual[m]),
                    what + " component " + m + ": " + expected[m] + " vs " + actual[m]);
        }
    }

    /** Nine stages with arbitrary coefficients (no method: only the combinations are under test). */
    private static ButcherTableau nineStages() {
        int s = 9;
        double[] c = new double[s];
        double[][] a = new double[s][];
        double[] b = new double[s];
        double[] e = new double[s];
        for (int i = 0; i < s; i++) {
            c[i] = i / 8.0;
            a[i] = new double[i];
            for (int j = 0; j < i; j++) {
                a[i][j] = (j % 2 == 0 ? 1 : -0.5) * c[i] / (j + 1);
            }
            b[i] = 1.0 / s;
            e[i] = (i % 3 - 1) * 0.01;
        }
        return new ButcherTableau("nine stages", c, a, b, e, 1, 1, false, null, 0);
    }

    @Test
    void everyLoopOrderGivesTheDefinitionsBits() {
        for (ButcherTableau tab : new ButcherTableau[] {ButcherTableau.RK4, ButcherTableau.DOPRI5,
            ButcherTableau.TSIT5, ButcherTableau.BS3, nineStages()}) {
            for (int dim : new int[] {2, ExplicitRungeKutta.COLUMN_DIMENSION - 1, ExplicitRungeKutta.COLUMN_DIMENSION,
                14, 33}) {
                check(tab, dim, 0.0);
                check(tab, dim, Double.NaN);
                check(tab, dim, Double.POSITIVE_INFINITY);
            }
        }
    }
}
