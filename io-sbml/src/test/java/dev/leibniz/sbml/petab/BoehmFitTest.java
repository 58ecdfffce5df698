package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.SensitivityMethod;
import org.junit.jupiter.api.Test;

/**
 * One start of the documented Boehm multi-start (`leibniz fit Boehm_JProteomeRes2014.yaml
 * --starts 20`, seed 1; docs/petab.md): start 16 of that Latin hypercube, run by the
 * bound-constrained L-BFGS with the command's settings, reaches a log-likelihood at least as good
 * as the reference value at the nominal parameters (−138.22199693517703, AMICI's published
 * figure), with k_exp_hetero and k_imp_homo exactly on their bounds (log10 −5 and 5), as in the
 * published fit. The whole 20-start run takes minutes and is a documented command, not a test.
 */
class BoehmFitTest {
    private static final double REFERENCE = -138.22199693517703;

    @Test
    void start16ReachesTheReferenceLikelihoodWithTwoParametersOnTheirBounds() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Boehm_JProteomeRes2014"));
        PetabObjective f = new PetabObjective(p);
        double[] start = MultiStart.starts(f, 20, 1)[15];
        MultiStart.Start r = MultiStart.one(f, 15, start, MultiStart.lower(p.estimated()), MultiStart.upper(p.estimated()),
                300, SensitivityMethod.FORWARD);
        assertTrue(r.logLikelihood() >= REFERENCE, r.toString());
        assertEquals(-5, r.theta()[p.estimated().indexOf(parameter(p, "k_exp_hetero"))], 0.0);
        assertEquals(5, r.theta()[p.estimated().indexOf(parameter(p, "k_imp_homo"))], 0.0);
        // the same point at the tolerances of the likelihood test (rtol 1e-10): still at least the reference
        double tight = new PetabObjective(p, BenchmarkProblemsTest.BOEHM).evaluate(r.theta()).logLikelihood();
        assertTrue(tight >= REFERENCE, "llh at rtol 1e-10: " + tight);
    }

    private static PetabProblem.Parameter parameter(PetabProblem p, String id) {
        return p.estimated().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    }
}
