package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * Forward sensitivities against the adjoints, the "forward and adjoint sensitivities
 * agree", for Fujita and Crauste (Boehm's is in {@link BenchmarkGradientTest}, where both also
 * meet central differences). The two methods share nothing but the right-hand side's graph: the
 * forward one integrates dY/dp alongside Y, the continuous adjoint integrates λ backwards from the
 * measurement times, the discrete adjoint replays the accepted steps in reverse.
 */
class ForwardAdjointAgreementTest {

    /**
     * Fujita (19 parameters, 6 conditions, stiff) with io-sbml's default Rodas5P at rtol 1e-8,
     * atol 1e-10, at the nominal point moved ±0.05 in log10: the gradients agree to 1e-5 of each entry
     * (2e-8 measured at rtol 1e-10), the log-likelihoods to 1e-4 (the tolerance; measured 1.4e-5).
     */
    @Test
    void fujitaForwardAndContinuousAdjointAgree() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Fujita_SciSignal2010"));
        PetabObjective f = new PetabObjective(p);
        double[] theta = p.nominalOnScale();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += i % 2 == 0 ? 0.05 : -0.05;
        }
        PetabObjective.ValueAndGradient forward = f.gradient(theta, SensitivityMethod.FORWARD);
        PetabObjective.ValueAndGradient adjoint = f.gradient(theta, SensitivityMethod.CONTINUOUS_ADJOINT);
        // the two solves take different steps (the forward one controls the sensitivities' error too)
        assertEquals(forward.logLikelihood(), adjoint.logLikelihood(), 1e-4);
        for (int i = 0; i < theta.length; i++) {
            double fw = forward.gradient()[i];
            assertEquals(fw, adjoint.gradient()[i], 1e-5 * Math.abs(fw), p.estimated().get(i).id());
        }
    }

    /**
     * Crauste (12 parameters, Dormand–Prince) at its nominal point, which sits on a knife edge (a
     * pathogen growing as P²; see {@link BenchmarkGradientTest}): its gradient is dominated by one
     * direction and is so ill-conditioned that at rtol 1e-10 the forward gradient and the adjoints
     * differ by 4 %. The agreement must come with the tolerance: at rtol 1e-12 the continuous and
     * the discrete adjoint agree to 1e-8 relative (measured 1e-9) and the forward gradient is within
     * 1e-3 of them (measured 3.8e-4 for every entry, the same relative gap), and the gap shrinks by
     * more than 30 when rtol drops from 1e-10 to 1e-12 (measured ≈ 100, linear in rtol).
     */
    @Test
    void crausteForwardAndAdjointsAgreeAsTheToleranceShrinks() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Crauste_CellSystems2017"));
        double[] theta = p.nominalOnScale();
        SolverOptions tight = BenchmarkProblemsTest.CRAUSTE;
        PetabObjective f = new PetabObjective(p, tight);
        double[] forward = f.gradient(theta, SensitivityMethod.FORWARD).gradient();
        double[] continuous = f.gradient(theta, SensitivityMethod.CONTINUOUS_ADJOINT).gradient();
        double[] discrete = f.gradient(theta, SensitivityMethod.DISCRETE_ADJOINT).gradient();
        for (int i = 0; i < theta.length; i++) {
            String id = p.estimated().get(i).id();
            assertEquals(discrete[i], continuous[i], 1e-8 * Math.abs(discrete[i]), "continuous vs discrete adjoint " + id);
            assertEquals(forward[i], continuous[i], 1e-3 * Math.abs(forward[i]), "forward vs adjoint " + id);
        }
        PetabObjective loose = new PetabObjective(p, tight.withTolerances(1e-10, 1e-12));
        double[] forwardLoose = loose.gradient(theta, SensitivityMethod.FORWARD).gradient();
        double[] adjointLoose = loose.gradient(theta, SensitivityMethod.CONTINUOUS_ADJOINT).gradient();
        double gapTight = distance(forward, continuous);
        double gapLoose = distance(forwardLoose, adjointLoose);
        assertTrue(gapLoose > 30 * gapTight, "gap at rtol 1e-10: " + gapLoose + ", at 1e-12: " + gapTight);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
