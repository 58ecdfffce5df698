package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiStart.Optimizer#LBFGSB} (L-BFGS-B with the generalized Cauchy point) on petab-steady,
 * against the hand-derived maximum-likelihood estimate of {@link LevenbergMarquardtFitTest}.
 */
class LbfgsbFitTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    @Test
    void steadyStateProblemReachesTheClosedFormEstimate() {
        PetabObjective f = new PetabObjective(PetabProblem.read(SteadyStateMeasurementTest.steady()), TIGHT);
        double a0 = 1.2 + 9.75 / 4;
        double ratio = 9.75 / (4 * 1.2);
        double kr = 2 * Math.log(2.4375 / 1.3) / (1 + ratio);
        List<PetabProblem.Parameter> est = f.problem().estimated();
        MultiStart.Start s = MultiStart.one(f, 0, f.problem().nominalOnScale(), MultiStart.lower(est),
                MultiStart.upper(est), 300, SensitivityMethod.FORWARD, true);
        assertTrue(s.converged(), s.status());
        assertEquals(Math.log10(ratio * kr), s.theta()[0], 1e-6, "log10 kf");
        assertEquals(Math.log10(kr), s.theta()[1], 1e-6, "log10 kr");
        assertEquals(a0, s.theta()[2], 1e-6, "a0");
        assertEquals(-2 * Math.log(2 * Math.PI * 0.01) - 6.25, s.logLikelihood(), 1e-9);
    }
}
