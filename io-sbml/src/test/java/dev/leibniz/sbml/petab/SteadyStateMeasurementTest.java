package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.sbml.SbmlException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurements at time = inf (petab-steady/): the model of {@link ConservationLawTest} (A in c1 of
 * size 2 ⇌ B in c2 of size 0.5, A(0) = a0, B(0) = 0, amount c1·A + c2·B conserved). Without
 * pre-equilibration A(t) = A∞ + (a0 − A∞)·e^{−(kf+kr)t} with A∞ = a0·kr / (kf + kr) and
 * B∞ = c1·(a0 − A∞) / c2 = 4·a0·kf / (kf + kr). Rows: A at 0.5 and A, B at inf in condition main;
 * B at inf in main after pre-equilibration with kf = 1 (same total, so the same B∞): a simulation
 * with no finite time at all. a0 reaches the steady states only through the conserved total.
 */
class SteadyStateMeasurementTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    static Path steady() {
        try {
            return Path.of(SteadyStateMeasurementTest.class.getResource("/petab-steady/problem.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double expected(double kf, double kr, double a0) {
        double aInf = a0 * kr / (kf + kr);
        double bInf = 4 * a0 * kf / (kf + kr);
        double aHalf = aInf + (a0 - aInf) * Math.exp(-(kf + kr) * 0.5);
        return normal(2.5, aHalf) + normal(1.2, aInf) + normal(10, bInf) + normal(9.5, bInf);
    }

    private static double normal(double m, double y) {
        return -0.5 * Math.log(2 * Math.PI * 0.01) - 0.5 * Math.pow((m - y) / 0.1, 2);
    }

    @Test
    void logLikelihoodWithSteadyStateMeasurementsIsTheClosedForm() {
        PetabProblem p = PetabProblem.read(steady());
        assertEquals(Double.POSITIVE_INFINITY, p.measurements().get(1).time());
        PetabObjective f = new PetabObjective(p, TIGHT);
        assertEquals(expected(3, 0.5, 4), f.evaluate(p.nominalOnScale()).logLikelihood(), 1e-7);
        double[] other = {Math.log10(1.7), Math.log10(2.5), 3.2};
        PetabObjective.Evaluation e = f.evaluate(other);
        assertEquals(expected(1.7, 2.5, 3.2), e.logLikelihood(), 1e-7);
        assertEquals(4 * 3.2 * 1.7 / 4.2, e.simulated()[2], 1e-8, "B at inf");
        assertEquals(4 * 3.2 * 1.7 / 4.2, e.simulated()[3], 1e-8, "B at inf after pre-equilibration");
    }

    @Test
    void gradientThroughSteadyStatesMatchesCentralDifferencesOfTheClosedForm() {
        PetabProblem p = PetabProblem.read(steady());
        PetabObjective f = new PetabObjective(p, TIGHT);
        double[] theta = {Math.log10(1.7), Math.log10(2.5), 3.2};
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD,
                SensitivityMethod.CONTINUOUS_ADJOINT}) {
            PetabObjective.ValueAndGradient vg = f.gradient(theta, m);
            assertEquals(expected(1.7, 2.5, 3.2), vg.logLikelihood(), 1e-7);
            for (int i = 0; i < 3; i++) {
                double h = 1e-6;
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[i] += h;
                down[i] -= h;
                double fd = (expected(Math.pow(10, up[0]), Math.pow(10, up[1]), up[2])
                        - expected(Math.pow(10, down[0]), Math.pow(10, down[1]), down[2])) / (2 * h);
                assertEquals(fd, vg.gradient()[i], 1e-6 * Math.max(1, Math.abs(fd)), m + " " + p.estimated().get(i).id());
            }
        }
    }

    @Test
    void negativeAndNonNumericTimesAreRefusedNamingTheRow(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"model.xml", "conditions.tsv", "observables.tsv", "parameters.tsv", "problem.yaml"}) {
            Files.copy(steady().resolveSibling(f), dir.resolve(f));
        }
        String header = "observableId\tsimulationConditionId\tmeasurement\ttime\n";
        Files.writeString(dir.resolve("measurements.tsv"), header + "obs_A\tmain\t2.5\t1\nobs_A\tmain\t2.5\t-1\n");
        SbmlException e = assertThrows(SbmlException.class, () -> PetabProblem.read(dir.resolve("problem.yaml")));
        assertTrue(e.getMessage().contains("measurements.tsv:3: time -1.0 is not supported"), e.getMessage());
        Files.writeString(dir.resolve("measurements.tsv"), header + "obs_A\tmain\t2.5\tforever\n");
        e = assertThrows(SbmlException.class, () -> PetabProblem.read(dir.resolve("problem.yaml")));
        assertTrue(e.getMessage().contains("measurements.tsv:2: time 'forever' is not a number"), e.getMessage());
    }
}
