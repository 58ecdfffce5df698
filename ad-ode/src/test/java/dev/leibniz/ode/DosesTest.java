package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * Two oral doses into a one-compartment model with first-order absorption,
 * <pre>  gut' = −ka·gut,   blood' = ka·gut − ke·blood,   doses of D into gut at t = 0 and t = 12,</pre>
 * against the closed form (Bateman's function, superposed per dose),
 * <pre>  blood(t) = Σ_{t_d ≤ t} D ka/(ka − ke) (e^{−ke(t − t_d)} − e^{−ka(t − t_d)}),   gut(t) = Σ D e^{−ka(t − t_d)};</pre>
 * the sensitivities to ka, ke and D against central differences of the closed form; and a
 * Gauss–Newton fit to synthetic data built on those sensitivities recovers the parameters.
 */
class DosesTest {
    static final double[] TRUE = {1.2, 0.15, 100};
    static final double[] TIMES = {0.5, 1, 2, 4, 8, 12, 12.5, 13, 14, 16, 20, 24};

    static OdeProblem oneCompartment() {
        return OdeProblem.builder().states("gut", "blood").parameters("ka", "ke", "D")
                .rhs((t, y, p) -> new Var[] {p[0].mul(y[0]).neg(), p[0].mul(y[0]).sub(p[1].mul(y[1]))})
                .initial(0, 0).build();
    }

    static Doses twoDoses() {
        return Doses.on(oneCompartment()).add(0, "gut", "D").add(12, "gut", "D");
    }

    static double[] closedForm(double[] p, double t) {
        double ka = p[0];
        double ke = p[1];
        double d = p[2];
        double gut = 0;
        double blood = 0;
        for (double td : new double[] {0, 12}) {
            if (t >= td) {
                double s = t - td;
                gut += d * Math.exp(-ka * s);
                blood += d * ka / (ka - ke) * (Math.exp(-ke * s) - Math.exp(-ka * s));
            }
        }
        return new double[] {gut, blood};
    }

    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-10, 1e-10);

    @Test
    void statesMatchTheClosedFormIncludingRightAtTheSecondDose() {
        Solution s = twoDoses().solve(TRUE, TIMES, TIGHT);
        for (int k = 0; k < TIMES.length; k++) {
            double[] ref = closedForm(TRUE, TIMES[k]);
            assertEquals(ref[0], s.value(k, 0), 1e-7 * TRUE[2], "gut at t = " + TIMES[k]);
            assertEquals(ref[1], s.value(k, 1), 1e-7 * TRUE[2], "blood at t = " + TIMES[k]);
        }
        // right-continuous: at t = 12 the gut holds the second dose and what is left of the first
        assertEquals(100 + 100 * Math.exp(-1.2 * 12), s.value(5, 0), 1e-6);
    }

    @Test
    void sensitivitiesAcrossTheDosesMatchCentralDifferencesOfTheClosedForm() {
        Sensitivities sens = twoDoses().forwardSensitivities(TRUE, TIMES, TIGHT);
        for (int k = 0; k < TIMES.length; k++) {
            final double t = TIMES[k];
            for (int i = 0; i < 2; i++) {
                final int comp = i;
                double[] fd = Problems.centralDifference(p -> closedForm(p, t)[comp], TRUE, 1e-6);
                for (int j = 0; j < 3; j++) {
                    assertEquals(fd[j], sens.parameter(k, i, j), 1e-6 * Math.max(1, Math.abs(fd[j])),
                            "d state " + i + " / d p " + j + " at t = " + t);
                }
            }
        }
    }

    /** Gauss–Newton on the blood concentrations from a start 30% off recovers ka, ke and D. */
    @Test
    void aGaussNewtonFitRecoversTheParameters() {
        double[] data = new double[TIMES.length];
        for (int k = 0; k < TIMES.length; k++) {
            data[k] = closedForm(TRUE, TIMES[k])[1];
        }
        double[] p = {1.2 * 1.3, 0.15 * 0.7, 100 * 1.3};
        for (int it = 0; it < 30; it++) {
            Sensitivities s = twoDoses().forwardSensitivities(p, TIMES, TIGHT);
            double[][] jtj = new double[3][3];
            double[] jtr = new double[3];
            for (int k = 0; k < TIMES.length; k++) {
                double r = s.solution().value(k, 1) - data[k];
                double[] row = s.withRespectToParameters(k)[1];
                for (int a = 0; a < 3; a++) {
                    jtr[a] += row[a] * r;
                    for (int b = 0; b < 3; b++) {
                        jtj[a][b] += row[a] * row[b];
                    }
                }
            }
            double[] step = new org.apache.commons.math3.linear.LUDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(jtj)).getSolver()
                    .solve(new org.apache.commons.math3.linear.ArrayRealVector(jtr)).toArray();
            for (int a = 0; a < 3; a++) {
                p[a] -= step[a];
            }
        }
        for (int a = 0; a < 3; a++) {
            assertEquals(TRUE[a], p[a], 1e-6 * TRUE[a], "parameter " + a);
        }
    }

    @Test
    void badDosesAreNamed() {
        Doses d = Doses.on(oneCompartment());
        assertTrue(assertThrows(OdeException.class, () -> d.add(1, "liver", 5)).getMessage()
                .contains("names the state 'liver', which the problem does not have; its states are [gut, blood]"));
        assertTrue(assertThrows(OdeException.class, () -> d.add(1, "gut", "dose")).getMessage()
                .contains("names the amount parameter 'dose'"));
        assertTrue(assertThrows(OdeException.class, () -> d.add(-1, "gut", 5)).getMessage()
                .contains("at t = -1.0 is not a finite time at or after the start time t0 = 0.0"));
        assertTrue(assertThrows(OdeException.class, () -> d.add(1, "gut", Double.NaN)).getMessage()
                .contains("has amount NaN"));
    }
}
