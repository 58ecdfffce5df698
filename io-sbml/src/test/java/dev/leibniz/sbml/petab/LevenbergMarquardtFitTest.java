package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Levenberg–Marquardt fit ({@link MultiStart.Optimizer#LEVENBERG_MARQUARDT}) on problems with
 * pre-equilibration, time = inf rows and Laplace noise, against maximum-likelihood estimates
 * derived by hand.
 */
class LevenbergMarquardtFitTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    /**
     * petab-steady (A ⇌ B across compartments of sizes 2 and 0.5, normal noise σ = 0.1; see
     * {@link SteadyStateMeasurementTest}): data A(0.5) = 2.5, A∞ = 1.2, B∞ = 10 and B∞ = 9.5 (the last
     * after pre-equilibration). Three parameters fit A(0.5), A∞ and the mean B∞ = 9.75 exactly:
     * a0 = A∞ + B∞/4 = 3.6375 (the conserved amount 2a0 = 2A∞ + B∞/2), kf/kr = B∞/(4A∞) = 2.03125,
     * and e^{−(kf+kr)/2} = (2.5 − A∞)/(a0 − A∞) gives kf + kr = 2 ln(2.4375/1.3); then
     * ℓ = −2 ln(2π·0.01) − ½(2.5² + 2.5²).
     */
    @Test
    void steadyStatesPreEquilibrationAndConservationLawReachTheClosedFormEstimate() {
        PetabObjective f = new PetabObjective(PetabProblem.read(SteadyStateMeasurementTest.steady()), TIGHT);
        assertEquals(MultiStart.Optimizer.LEVENBERG_MARQUARDT, MultiStart.defaultOptimizer(f));
        double a0 = 1.2 + 9.75 / 4;
        double ratio = 9.75 / (4 * 1.2);
        double sum = 2 * Math.log(2.4375 / 1.3);
        double kr = sum / (1 + ratio);
        double kf = ratio * kr;
        List<PetabProblem.Parameter> est = f.problem().estimated();
        MultiStart.Start s = MultiStart.oneByFisher(f, 0, f.problem().nominalOnScale(), MultiStart.lower(est),
                MultiStart.upper(est), 100);
        assertTrue(s.converged(), s.status());
        assertEquals(Math.log10(kf), s.theta()[0], 1e-7, "log10 kf");
        assertEquals(Math.log10(kr), s.theta()[1], 1e-7, "log10 kr");
        assertEquals(a0, s.theta()[2], 1e-7, "a0");
        assertEquals(-2 * Math.log(2 * Math.PI * 0.01) - 6.25, s.logLikelihood(), 1e-9);
    }

    /**
     * petab-laplace ({@link FisherInformationClosedFormTest#laplaceSimulated}): the simulations are
     * c·kp with c = (1, 1, 1, 0.75), Laplace noise with a common estimated scale b. The MLE of kp
     * minimises Σ|m − c·kp| = Σ c·|m/c − kp|, the weighted median of m/c = (1.0, 1.3, 2.2, 1.6) with
     * weights c: the weight below 1.3 (1) and the weight above it (1 + 0.75) both fall short of half
     * the total 3.75, so kp = 1.3 (the subdifferential there, [−1.75, 0.25], holds 0); then b = Σ|m − c·kp| / 4 = (0.3 + 0 + 0.9 + 0.225)/4 = 0.35625 and
     * ℓ = −4 ln(2b) − 4. The optimum sits on the kink of |r₂|, where the projected gradient never
     * vanishes: the run ends when no step is acceptable any more, so only where it ends is asserted.
     */
    @Test
    void laplaceNoiseReachesTheWeightedMedian() {
        PetabObjective f = new PetabObjective(PetabProblem.read(FisherInformationClosedFormTest.laplace()), TIGHT);
        assertEquals(MultiStart.Optimizer.LBFGS, MultiStart.defaultOptimizer(f));
        List<PetabProblem.Parameter> est = f.problem().estimated();
        double[] start = {Math.log10(0.5), Math.log10(1)};
        MultiStart.Start s = MultiStart.oneByFisher(f, 0, start, MultiStart.lower(est), MultiStart.upper(est), 200);
        assertEquals(Math.log10(1.3), s.theta()[0], 1e-8, s.status());
        assertEquals(Math.log10(0.35625), s.theta()[1], 1e-6, s.status());
        assertEquals(-4 * Math.log(2 * 0.35625) - 4, s.logLikelihood(), 1e-9);
        assertEquals(FisherInformationClosedFormTest.laplaceNll(s.theta()), -s.logLikelihood(), 1e-9);
    }

    /** Laplace noise was refused before; now LM runs through {@link MultiStart#run} as asked. */
    @Test
    void multiStartTakesLevenbergMarquardtOnLaplaceNoise() {
        PetabObjective f = new PetabObjective(PetabProblem.read(FisherInformationClosedFormTest.laplace()), TIGHT);
        List<MultiStart.Start> r = MultiStart.run(f, 3, 1, 200, SensitivityMethod.FORWARD,
                MultiStart.Optimizer.LEVENBERG_MARQUARDT, null);
        assertEquals(-4 * Math.log(2 * 0.35625) - 4, r.get(0).logLikelihood(), 1e-9, r.get(0).status());
    }
}
