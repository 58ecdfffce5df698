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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small hand-written PEtab problem (petab-small/): S' = kp − kd·S, S(0) = 10, with a condition
 * overriding S(0), a pre-equilibration to the steady state kp/kd, a lin/normal observable with an
 * estimated noise parameter on log scale, and a log10/Laplace observable with an observable
 * parameter on log10 scale. Its log-likelihood is written out below from the closed-form solution.
 */
class PetabReaderTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    static Path small() {
        try {
            return Path.of(PetabReaderTest.class.getResource("/petab-small/problem.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ℓ at kd, scale, sd from S(t) = S₀ e^{−kd t} and the steady state kp/kd (kp = 2) as pre-equilibration. */
    static double expected(double kd, double scale, double sd) {
        double l = normal(8, 10 * Math.exp(-kd * 0.5), sd)          // condition base
                + normal(3, 5 * Math.exp(-kd), sd)                   // condition half: S(0) = 5
                + normal(2, 2 / kd * Math.exp(-kd), sd);             // pre-equilibrated to 2/kd, then kp = 0
        double y = scale * 10 * Math.exp(-kd);                     // log10 scale, Laplace, sigma 0.2
        l += -Math.log(2 * 0.2) - Math.abs(Math.log10(50) - Math.log10(y)) / 0.2 - Math.log(50 * Math.log(10));
        return l;
    }

    private static double normal(double m, double y, double sd) {
        return -0.5 * Math.log(2 * Math.PI * sd * sd) - 0.5 * Math.pow((m - y) / sd, 2);
    }

    @Test
    void logLikelihoodIsTheHandDerivedOne() {
        PetabProblem p = PetabProblem.read(small());
        PetabObjective f = new PetabObjective(p, TIGHT);
        double[] theta = p.nominalOnScale();
        assertEquals(Math.log10(0.5), theta[0], 1e-15);
        assertEquals(expected(0.5, 2, 0.1), f.evaluate(theta).logLikelihood(), 1e-7);
        double[] other = {Math.log10(0.8), Math.log10(3), Math.log(0.3)};
        assertEquals(expected(0.8, 3, 0.3), f.evaluate(other).logLikelihood(), 1e-7);
    }

    @Test
    void gradientOnTheParameterScalesMatchesCentralDifferencesOfTheClosedForm() {
        PetabProblem p = PetabProblem.read(small());
        PetabObjective f = new PetabObjective(p, TIGHT);
        double[] theta = {Math.log10(0.8), Math.log10(3), Math.log(0.3)};
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD,
                SensitivityMethod.CONTINUOUS_ADJOINT, SensitivityMethod.DISCRETE_ADJOINT}) {
            double[] g = f.gradient(theta, m).gradient();
            for (int i = 0; i < 3; i++) {
                double h = 1e-5;
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[i] += h;
                down[i] -= h;
                double fd = (expected(Math.pow(10, up[0]), Math.pow(10, up[1]), Math.exp(up[2]))
                        - expected(Math.pow(10, down[0]), Math.pow(10, down[1]), Math.exp(down[2]))) / (2 * h);
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), m + " parameter " + i);
            }
        }
    }

    @Test
    void aMeasurementOfAnUnknownObservableIsNamedWithItsRow(@TempDir Path dir) throws IOException {
        Path y = copy(dir);
        Files.writeString(dir.resolve("measurements.tsv"), Files.readString(dir.resolve("measurements.tsv"))
                .replace("obs_S\t\thalf", "obs_T\t\thalf"));
        SbmlException e = assertThrows(SbmlException.class, () -> PetabProblem.read(y));
        assertTrue(e.getMessage().contains("measurements.tsv:3: observable 'obs_T' is not in the observable table"),
                e.getMessage());
    }

    @Test
    void aNonPositiveMeasurementOnALogScaleIsNamedWithItsRow(@TempDir Path dir) throws IOException {
        Path y = copy(dir);
        Files.writeString(dir.resolve("measurements.tsv"), Files.readString(dir.resolve("measurements.tsv"))
                .replace("\t50\t1\t", "\t-1\t1\t"));
        SbmlException e = assertThrows(SbmlException.class, () -> PetabProblem.read(y));
        assertTrue(e.getMessage().contains("measurements.tsv:4: measurement -1.0 of observable 'obs_scaled' is not"
                + " positive"), e.getMessage());
    }

    @Test
    void aMissingFileNamedInTheYamlIsNamed(@TempDir Path dir) throws IOException {
        Path y = copy(dir);
        Files.delete(dir.resolve("observables.tsv"));
        SbmlException e = assertThrows(SbmlException.class, () -> PetabProblem.read(y));
        assertTrue(e.getMessage().contains("observable_files names 'observables.tsv', which does not exist"),
                e.getMessage());
    }

    @Test
    void aConditionSettingAnUnknownIdIsNamed(@TempDir Path dir) throws IOException {
        Path y = copy(dir);
        Files.writeString(dir.resolve("conditions.tsv"), Files.readString(dir.resolve("conditions.tsv"))
                .replace("\tS\tkp\n", "\tS\tkq\n"));
        PetabProblem p = PetabProblem.read(y);
        SbmlException e = assertThrows(SbmlException.class, () -> new PetabObjective(p));
        assertTrue(e.getMessage().contains("conditions.tsv:2: condition 'base' sets 'kq'"), e.getMessage());
    }

    @Test
    void yamlTagsCannotInstantiateJavaTypes(@TempDir Path dir) throws IOException {
        Path y = copy(dir);
        Path marker = dir.resolve("created-by-yaml");
        Files.writeString(y, "format_version: !!java.io.FileOutputStream [\"" + marker + "\"]\n"
                + Files.readString(y).replace("format_version: 1\n", ""));
        try {
            PetabProblem.read(y); // the tag is ignored: the YAML is read into a plain tree
        } catch (SbmlException e) {
            // refusing is fine too
        }
        assertTrue(Files.notExists(marker), "a YAML tag instantiated a Java type");
    }

    @Test
    void yamlAliasBombsAreStoppedByTheParserLimits(@TempDir Path dir) throws IOException {
        StringBuilder s = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            s.append(c).append(": &").append(c).append(" [*").append(prev).append(",*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append(",*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append("]\n");
        }
        Path y = dir.resolve("bomb.yaml");
        Files.writeString(y, s.toString());
        SbmlException e = assertThrows(SbmlException.class, () -> PetabProblem.read(y));
        assertTrue(e.getMessage().contains("bomb.yaml"), e.getMessage());
    }

    private static Path copy(Path dir) throws IOException {
        Path src = small().getParent();
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir.resolve("problem.yaml");
    }
}
