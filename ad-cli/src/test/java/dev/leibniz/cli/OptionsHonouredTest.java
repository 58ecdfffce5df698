package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 9: no option is silently ignored or fixed. A parameter value outside its
 * declared bounds is bad input naming the bound; the optimizer's settings are options that
 * change what it does, and a setting the chosen optimizer does not have is an error.
 */
class OptionsHonouredTest {
    @TempDir
    Path dir;

    private Path decay() throws Exception {
        Path m = dir.resolve("decay.model");
        Files.writeString(m, "param k = 0.5 in [0, 10]\nparam c = 1\nstate x = c\nder(x) = -k*x\n");
        return m;
    }

    @Test
    void setOutsideTheDeclaredBoundsNamesTheBound() throws Exception {
        Path m = decay();
        CliRun below = CliRun.of("simulate", m.toString(), "--set", "k=-1");
        assertEquals(2, below.exit());
        assertEquals("error: --set: k = -1 is below its lower bound 0 (declared at decay.model:1:7: in [0, 10])\n",
                below.err());
        CliRun above = CliRun.of("simulate", m.toString(), "--set", "k=10.5", "--json");
        assertEquals(2, above.exit());
        assertEquals("error: --set: k = 10.5 is above its upper bound 10 (declared at decay.model:1:7: in [0, 10])\n",
                above.err());
        // the bounds themselves, and an unbounded parameter, are accepted
        assertEquals(0, CliRun.of("simulate", m.toString(), "--set", "k=10,c=-1e6", "--json").exit());
        CliRun jac = CliRun.of("jacobian", m.toString(), "--at", "k=11");
        assertEquals(2, jac.exit());
        assertTrue(jac.err().startsWith("error: --at: k = 11 is above its upper bound 10"), jac.err());
    }

    /**
     * Adam's learning rate is an option: its first step moves every free coordinate by about the
     * learning rate (Adam's bias-corrected first step is η·sign(g)), so after one iteration the
     * positive parameters (free coordinate log θ) are scaled by e^{±η}.
     */
    @Test
    void adamLearningRateIsHonoured() {
        for (double eta : new double[] {0.01, 0.2}) {
            CliRun r = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--optimizer", "adam",
                    "--learning-rate", Double.toString(eta), "--max-iter", "1", "--fit", "alpha", "--json");
            assertEquals(0, r.exit(), r.err());
            double alpha = r.json().get("parameters").get("alpha").asDouble();
            double ratio = Math.abs(Math.log(alpha / 0.5));
            assertEquals(eta, ratio, 1e-6 * eta, "log(alpha/alpha0) after one step of learning rate " + eta);
        }
    }

    @Test
    void tolerancesChangeWhenTheFitStops() {
        JsonNode loose = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--loss", "logsse",
                "--optimizer", "lm", "--tolerance", "1e-2", "--json").json();
        JsonNode tight = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--loss", "logsse",
                "--optimizer", "lm", "--json").json();
        assertTrue(loose.get("iterations").asInt() < tight.get("iterations").asInt(),
                loose.get("iterations") + " vs " + tight.get("iterations"));
        assertNotEquals(loose.get("loss").asDouble(), tight.get("loss").asDouble());
    }

    @Test
    void aSettingTheOptimizerDoesNotHaveIsAnError() {
        CliRun r = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--optimizer", "lm",
                "--learning-rate", "0.1");
        assertEquals(2, r.exit());
        assertEquals("error: --learning-rate does not apply to Levenberg-Marquardt; it is a setting of adam, gd\n",
                r.err());
        CliRun none = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--learning-rate", "0.1");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("error: --learning-rate, --gradient-tolerance and --tolerance need --optimizer"),
                none.err());
        CliRun negative = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--optimizer", "adam",
                "--learning-rate", "-0.1");
        assertEquals(2, negative.exit());
        assertEquals("error: --learning-rate must be a positive number, got -0.1\n", negative.err());
    }
}
