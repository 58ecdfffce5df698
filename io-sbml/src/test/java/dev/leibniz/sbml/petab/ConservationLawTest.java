package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.sbml.SbmlException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pre-equilibration of a network with a conservation law (petab-conserved/): A in c1 (size 2)
 * exchanges with B in c2 (size 0.5) at kf·A·c1 − kr·B·c2 per unit time, A(0) = a0, B(0) = 0, so
 * the amount T = c1·A + c2·B = c1·a0 is conserved and the Jacobian is singular at every steady
 * state. Pre-equilibrated with kf = 1: A* = a0·kr / (1 + kr). Then, with kf, d[A]/dt =
 * −(kf + kr)·A + kr·T/c1, so A(t) = A∞ + (A* − A∞)·e^{−(kf+kr)t} with A∞ = a0·kr / (kf + kr), and
 * B = c1·(a0 − A) / c2. Measurements of A at 0 and 1, of B at 1 and 2, normal noise σ = 0.1.
 */
class ConservationLawTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    static Path conserved() {
        try {
            return Path.of(ConservationLawTest.class.getResource("/petab-conserved/problem.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double expected(double kf, double kr, double a0) {
        double aStar = a0 * kr / (1 + kr);
        double aInf = a0 * kr / (kf + kr);
        java.util.function.DoubleUnaryOperator a = t -> aInf + (aStar - aInf) * Math.exp(-(kf + kr) * t);
        java.util.function.DoubleUnaryOperator b = t -> 2 * (a0 - a.applyAsDouble(t)) / 0.5;
        return normal(1.5, a.applyAsDouble(0)) + normal(1, a.applyAsDouble(1)) + normal(9, b.applyAsDouble(1))
                + normal(11, b.applyAsDouble(2));
    }

    private static double normal(double m, double y) {
        return -0.5 * Math.log(2 * Math.PI * 0.01) - 0.5 * Math.pow((m - y) / 0.1, 2);
    }

    @Test
    void stoichiometryHasTheAmountConservationLaw() {
        PetabProblem p = PetabProblem.read(conserved());
        double[][] s = p.model().stoichiometry(p.model().parameterValues());
        ConservationLaws laws = ConservationLaws.of(s);
        assertEquals(1, laws.count());
        // l ∝ (c1, c2) = (2, 0.5), normalised to 1 at its own state B: (4, 1)
        assertArrayEquals(new double[] {4, 1}, laws.weights()[0], 1e-15);
        assertEquals(1, laws.states()[0]);
    }

    /** Two conserved moieties and one state no reaction touches: E + ES, S + ES + P, and X. */
    @Test
    void leftNullSpaceOfAnEnzymeNetwork() {
        // states E, S, ES, P, X; reactions E + S -> ES, ES -> E + S, ES -> E + P
        double[][] s = {{-1, 1, 1}, {-1, 1, 0}, {1, -1, -1}, {0, 0, 1}, {0, 0, 0}};
        ConservationLaws laws = ConservationLaws.of(s);
        assertEquals(3, laws.count());
        for (double[] l : laws.weights()) {
            for (int r = 0; r < 3; r++) {
                double sum = 0;
                for (int i = 0; i < 5; i++) {
                    sum += l[i] * s[i][r];
                }
                assertEquals(0, sum, 1e-15);
            }
        }
        assertArrayEquals(new int[] {2, 3, 4}, laws.states());
    }

    @Test
    void logLikelihoodAfterPreEquilibrationWithAConservationLawIsTheClosedForm() {
        PetabProblem p = PetabProblem.read(conserved());
        PetabObjective f = new PetabObjective(p, TIGHT);
        double[] theta = p.nominalOnScale();
        assertEquals(expected(3, 0.5, 4), f.evaluate(theta).logLikelihood(), 1e-7);
        double[] other = {Math.log10(1.7), Math.log10(2.5), 3.2};
        assertEquals(expected(1.7, 2.5, 3.2), f.evaluate(other).logLikelihood(), 1e-7);
    }

    /** a0 reaches ℓ only through the conserved total: the path through dy₀/dp in the steady state's adjoint. */
    @Test
    void gradientThroughTheConservedTotalMatchesCentralDifferencesOfTheClosedForm() {
        PetabProblem p = PetabProblem.read(conserved());
        PetabObjective f = new PetabObjective(p, TIGHT);
        double[] theta = {Math.log10(1.7), Math.log10(2.5), 3.2};
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD,
                SensitivityMethod.CONTINUOUS_ADJOINT}) {
            double[] g = f.gradient(theta, m).gradient();
            for (int i = 0; i < 3; i++) {
                double h = 1e-6;
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[i] += h;
                down[i] -= h;
                double fd = (expected(Math.pow(10, up[0]), Math.pow(10, up[1]), up[2])
                        - expected(Math.pow(10, down[0]), Math.pow(10, down[1]), down[2])) / (2 * h);
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), m + " " + p.estimated().get(i).id());
            }
        }
    }
}
