package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEtab commands on io-sbml's small hand-written problem (S' = kp − kd S; its log-likelihood
 * is derived in closed form in io-sbml's PetabReaderTest, value −41.2177… at the nominal values).
 */
class PetabCommandsTest {
    static final String SMALL = Path.of("..", "io-sbml", "src", "test", "resources", "petab-small", "problem.yaml")
            .toString();

    /** The closed form of PetabReaderTest#expected at kd = 0.5, scale = 2, sd = 0.1. */
    static double expected() {
        double kd = 0.5;
        double l = normal(8, 10 * Math.exp(-kd * 0.5)) + normal(3, 5 * Math.exp(-kd)) + normal(2, 2 / kd * Math.exp(-kd));
        double y = 2 * 10 * Math.exp(-kd);
        return l - Math.log(0.4) - Math.abs(Math.log10(50) - Math.log10(y)) / 0.2 - Math.log(50 * Math.log(10));
    }

    private static double normal(double m, double y) {
        return -0.5 * Math.log(2 * Math.PI * 0.01) - 0.5 * Math.pow((m - y) / 0.1, 2);
    }

    @Test
    void evaluatePrintsTheLogLikelihoodAndGradientAsJson() {
        CliRun r = CliRun.of("evaluate", SMALL, "--json", "--rtol", "1e-10", "--atol", "1e-12");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = r.json();
        assertEquals(expected(), doc.get("llh").asDouble(), 1e-6);
        assertEquals("log10", doc.get("scales").get("kd").asText());
        assertEquals(3, doc.get("gradient").size());
        // JSBML's bundled log4j2.xml would write this file into the working directory
        assertTrue(Files.notExists(Path.of("jsbml.log")), "the command left jsbml.log behind");
    }

    @Test
    void evaluateReadsParameterValuesFromAFile(@TempDir Path dir) throws IOException {
        Path params = dir.resolve("p.tsv");
        Files.writeString(params, "parameterId\tvalue\nkd\t0.5\nscale\t2\nsd\t0.1\n");
        CliRun r = CliRun.of("evaluate", SMALL, "--params", params.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("log-likelihood"), r.out());
        Files.writeString(params, "parameterId\tvalue\nkq\t0.5\n");
        CliRun bad = CliRun.of("evaluate", SMALL, "--params", params.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("error: " + params + ":2: 'kq' is not an estimated parameter"), bad.err());
    }

    @Test
    void simulateOfAYamlFileWritesTheSimulatedDataLayout() {
        CliRun r = CliRun.of("simulate", SMALL, "--rtol", "1e-10", "--atol", "1e-12");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("observableId\tpreequilibrationConditionId\tsimulationConditionId\tsimulation\ttime"
                + "\tobservableParameters\tnoiseParameters", lines[0]);
        assertEquals(5, lines.length);
        String[] first = lines[1].split("\t", -1);
        assertEquals("obs_S", first[0]);
        assertEquals(10 * Math.exp(-0.25), Double.parseDouble(first[3]), 1e-6);
    }

    @Test
    void aMissingProblemFileIsBadInput() {
        CliRun r = CliRun.of("evaluate", "no-such-problem.yaml");
        assertEquals(2, r.exit());
        assertEquals("error: no-such-problem.yaml: no such file", r.err().strip());
    }

    @Test
    void anUnsupportedSbmlConstructIsBadInputNamingTheElement(@TempDir Path dir) throws IOException {
        Path src = Path.of(SMALL).getParent();
        for (String f : new String[] {"problem.yaml", "parameters.tsv", "observables.tsv", "conditions.tsv",
            "measurements.tsv", "model.xml"}) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        Path model = dir.resolve("model.xml");
        Files.writeString(model, Files.readString(model).replace("    </listOfReactions>\n", "    </listOfReactions>\n"
                + "    <listOfEvents><event id=\"pulse\"><trigger><math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
                + "<true/></math></trigger></event></listOfEvents>\n"));
        CliRun r = CliRun.of("evaluate", dir.resolve("problem.yaml").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("error: " + model + ": event 'pulse': events are not supported by the ODE layer yet", r.err().strip());
    }

    @Test
    void anUnknownOptimizerIsBadInput(@TempDir Path dir) {
        CliRun r = CliRun.of("fit", SMALL, "--starts", "1", "--out", dir.toString(), "--optimizer", "newton");
        assertEquals(2, r.exit(), r.err());
        assertEquals("error: --optimizer: unknown optimizer 'newton'; valid: lbfgs, lbfgsb, lm", r.err().strip());
    }

    @Test
    void lbfgsbFitsTheSmallProblem(@TempDir Path dir) {
        CliRun r = CliRun.of("fit", SMALL, "--starts", "3", "--out", dir.toString(), "--optimizer", "lbfgsb", "--json",
                "--rtol", "1e-10", "--atol", "1e-12");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.json().get("bestLogLikelihood").asDouble() >= expected() - 1e-6, r.out());
    }

    /** LM on Laplace noise and pre-equilibration (refused before issue 17's last round). */
    @Test
    void levenbergMarquardtFitsLaplaceNoiseAndPreEquilibration(@TempDir Path dir) {
        CliRun r = CliRun.of("fit", SMALL, "--starts", "3", "--out", dir.toString(), "--optimizer", "lm", "--json",
                "--rtol", "1e-10", "--atol", "1e-12");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = r.json();
        assertTrue(doc.get("bestLogLikelihood").asDouble() >= expected() - 1e-6, doc.toString());
    }

    @Test
    void fitFindsAtLeastTheNominalLikelihoodAndWritesItsFiles(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("fit", SMALL, "--starts", "3", "--out", dir.toString(), "--json", "--rtol", "1e-10",
                "--atol", "1e-12");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = r.json();
        assertTrue(doc.get("bestLogLikelihood").asDouble() >= expected() - 1e-6, doc.toString());
        assertEquals(3, doc.get("starts").size());
        for (String f : new String[] {"report.json", "parameters.tsv", "waterfall.png", "fit-base.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        CliRun again = CliRun.of("evaluate", SMALL, "--params", dir.resolve("parameters.tsv").toString(), "--json",
                "--rtol", "1e-10", "--atol", "1e-12");
        assertEquals(doc.get("bestLogLikelihood").asDouble(), again.json().get("llh").asDouble(), 1e-6);
    }
}
