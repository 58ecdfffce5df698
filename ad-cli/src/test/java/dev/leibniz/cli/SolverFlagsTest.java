package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code --rtol --atol --max-steps --max-step} on {@code simulate} and {@code fit}: they reach the
 * solver (a loose tolerance changes the answer, a tiny step budget makes the solve fail with exit
 * 1 naming the budget flag), and bad values are usage errors (exit 2) naming the flag.
 */
class SolverFlagsTest {
    static final String OSCILLATOR = MethodOptionTest.OSCILLATOR;

    private static double xAtEnd(CliRun r) {
        assertEquals(0, r.exit(), r.err());
        var x = r.json().get("states").get("x");
        return x.get(x.size() - 1).asDouble();
    }

    /** x(5) of x'' + 0.4 x' + 4 x = 0, x(0) = 1, v(0) = 0 (the model file's defaults). */
    private static double exact(double t) {
        double w = 2;
        double z = 0.1;
        double wd = w * Math.sqrt(1 - z * z);
        return Math.exp(-z * w * t) * (Math.cos(wd * t) + z * w / wd * Math.sin(wd * t));
    }

    @Test
    void tolerancesReachTheSolver() {
        double tight = xAtEnd(CliRun.of("simulate", OSCILLATOR, "--t1", "5", "--dt", "5", "--json"));
        double loose = xAtEnd(CliRun.of("simulate", OSCILLATOR, "--t1", "5", "--dt", "5", "--rtol", "1e-3",
                "--atol", "1e-3", "--json"));
        assertEquals(exact(5), tight, 1e-8);
        assertTrue(Math.abs(loose - exact(5)) > 1e-6, "rtol 1e-3 is visibly less accurate: " + loose);
        assertEquals(exact(5), loose, 1e-2);
        double capped = xAtEnd(CliRun.of("simulate", OSCILLATOR, "--t1", "5", "--dt", "5", "--rtol", "1e-3",
                "--atol", "1e-3", "--max-step", "0.01", "--json"));
        assertTrue(Math.abs(capped - exact(5)) < Math.abs(loose - exact(5)), "--max-step 0.01 forces small steps");
    }

    @Test
    void aTinyStepBudgetIsAComputationFailureNamingTheFlag() {
        CliRun r = CliRun.of("simulate", OSCILLATOR, "--t1", "5", "--max-steps", "3");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: too many steps: the budget of 3 step attempts"), r.err());
        assertTrue(r.err().contains("--max-steps"), r.err());
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlag() {
        String[][] cases = {
            {"--rtol", "0", "the relative tolerance (rtol, --rtol) must be positive and finite, got 0.0"},
            {"--atol", "-1e-6", "the absolute tolerance (atol, --atol) must be positive and finite, got -1.0E-6"},
            {"--max-steps", "-5", "the step budget (maxSteps, --max-steps) must be at least 1, got -5"},
            {"--max-step", "0", "the maximum step (maxStep, --max-step) must be positive, got 0.0"}};
        for (String[] c : cases) {
            for (String command : new String[] {"simulate", "fit"}) {
                CliRun r = command.equals("simulate") ? CliRun.of("simulate", OSCILLATOR, c[0], c[1])
                        : CliRun.of("fit", "../examples/lotka-volterra.model", "--data", "../examples/hudson-bay-lynx-hare.csv", c[0],
                        c[1]);
                assertEquals(2, r.exit(), command + " " + c[0] + ": " + r.err());
                assertEquals("error: " + c[2], r.err().strip(), command + " " + c[0]);
            }
        }
    }
}
