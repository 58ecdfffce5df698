package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.models.calibration.Objective;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class SirTest {
    static final double[] TRUTH = {0.35, 0.12, 3.0};
    static final double[] TIMES = SyntheticData.times(2, 3, 30);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new Sir(), ModelChecks.file("sir.model"), 2);
    }

    @Test
    void populationIsConservedAndFinalSizeRelationHolds() {
        Solution s = new OdeSimulator(new Sir()).solve(TRUTH, new double[] {50, 400});
        for (int k = 0; k < 2; k++) {
            assertEquals(Sir.N, s.value(k, 0) + s.value(k, 1) + s.value(k, 2), 1e-8);
        }
        // final-size relation of the SIR model: ln(S∞/S₀) = −R₀ (1 − S∞/N) with R₀ = β/γ (R(0) = 0)
        double sInf = s.value(1, 0);
        double s0 = Sir.N - TRUTH[2];
        double r0 = TRUTH[0] / TRUTH[1];
        assertTrue(s.value(1, 1) < 1e-6, "epidemic over by t = 400");
        assertEquals(Math.log(sInf / s0), -r0 * (Sir.N - s.value(1, 1) - sInf) / Sir.N, 1e-6);
    }

    @Test
    void recoversFromInfectiousAndRecoveredWithoutNoise() {
        ModelChecks.assertRecovers(new Sir(), TRUTH, TIMES, List.of("I", "R"), 0.1);
    }

    @Test
    void recoversFromIncidenceAloneWithNoise() {
        ModelChecks.assertRecoversWithNoise(new Sir(), TRUTH, TIMES, List.of("incidence"), 0.1, 0.5);
    }

    /**
     * The gradient of a loss on an output (incidence, a function of states and parameters) is the
     * same by forward sensitivities and by both adjoints: the output's cotangent is pulled back to
     * the states and, directly, to β.
     */
    @Test
    void outputLossGradientAgreesAcrossSensitivityMethods() {
        OdeSimulator sim = new OdeSimulator(new Sir());
        DataSet counts = SyntheticData.simulate(sim, TRUTH, TIMES, List.of("incidence", "I"),
                SyntheticData.NoiseKind.POISSON, 0, 3);
        double[] theta = {0.4, 0.1, 2.5};
        double[] reference = null;
        for (SensitivityMethod m : SensitivityMethod.values()) {
            if (m == SensitivityMethod.AUTO) {
                continue;
            }
            Objective f = Calibrator.of(sim, counts).loss(Losses.POISSON_DEVIANCE).sensitivity(m).objective();
            double[] g = new double[3];
            f.valueAndGradient(f.free(theta), g);
            if (reference == null) {
                reference = g;
            } else {
                for (int i = 0; i < 3; i++) {
                    assertEquals(reference[i], g[i], 1e-6 * (1 + Math.abs(reference[i])), m + " d/du" + i);
                }
            }
        }
    }

    /** A Poisson deviance is not a sum of squares, so the default optimizer is L-BFGS. */
    @Test
    void poissonCountsWithLbfgs() {
        OdeSimulator sim = new OdeSimulator(new Sir());
        DataSet counts = SyntheticData.simulate(sim, TRUTH, TIMES, List.of("incidence"),
                SyntheticData.NoiseKind.POISSON, 0, 7);
        FitResult r = Calibrator.of(sim, counts).loss(Losses.POISSON_DEVIANCE).start(new double[] {0.4, 0.1, 2.5}).fit();
        assertTrue(r.converged(), r.reason());
        assertEquals("L-BFGS", r.optimizer());
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(r.values()[i] - TRUTH[i]) < 4 * r.standardErrors()[i], r.summary());
        }
        assertTrue(r.gradientNorm() < 1e-3 * (1 + r.lossHistory()[0]), r.summary());
    }
}
