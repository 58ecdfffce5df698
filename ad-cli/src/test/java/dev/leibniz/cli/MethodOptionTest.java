package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leibniz.ode.Method;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --method} accepts every method registered in ad-ode, by name and case-insensitively
 * (before, it knew two by a switch and rejected {@code rk4}); its help and its error for an
 * unknown name list the registered names.
 */
class MethodOptionTest {
    static final String OSCILLATOR = "../examples/damped-oscillator.model";
    static final String LOTKA_VOLTERRA = "../examples/lotka-volterra.model";

    static Stream<String> names() {
        return Method.names().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyRegisteredMethodSimulatesTheDampedOscillatorToItsClosedForm(String name) {
        Method m = Method.byName(name);
        // spelled as in the registry and in upper case: the same answer
        for (String spelling : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            CliRun r = CliRun.of("simulate", OSCILLATOR, "--t1", "5", "--dt", "0.5", "--method", spelling, "--json");
            assertEquals(0, r.exit(), spelling + ": " + r.err());
            JsonNode j = r.json();
            // x'' + 2ζω x' + ω² x = 0, x(0) = 1, v(0) = 0 (the model file's defaults)
            double w = 2;
            double z = 0.1;
            double wd = w * Math.sqrt(1 - z * z);
            // the simulator's tolerances are 1e-10 (1e-7 leaves room for 5 time units of growth; the
            // order-2 Rosenbrock method and its interpolant reach 1e-6 there, as in ad-ode's
            // SensitivityClosedFormTest); the fixed step is 5/1000, at which Euler's first-order
            // error is about h·ω²·t/2 times the amplitude
            double tol = m.order() == 1 ? 5e-2 : m.order() == 2 ? 1e-6 : 1e-7;
            for (int k = 0; k < j.get("t").size(); k++) {
                double t = j.get("t").get(k).asDouble();
                double decay = Math.exp(-z * w * t);
                double x = decay * (Math.cos(wd * t) + z * w / wd * Math.sin(wd * t));
                double v = -decay * (w * w / wd) * Math.sin(wd * t);
                assertEquals(x, j.get("states").get("x").get(k).asDouble(), tol, spelling + ": x at t = " + t);
                assertEquals(v, j.get("states").get("v").get(k).asDouble(), tol, spelling + ": v at t = " + t);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyRegisteredMethodSimulatesLotkaVolterraLikeTightDormandPrince(String name) {
        Method m = Method.byName(name);
        CliRun ref = CliRun.of("simulate", LOTKA_VOLTERRA, "--t1", "10", "--dt", "2.5", "--json");
        CliRun r = CliRun.of("simulate", LOTKA_VOLTERRA, "--t1", "10", "--dt", "2.5", "--method", name, "--json");
        assertEquals(0, r.exit(), name + ": " + r.err());
        // the default is Dormand-Prince at rtol 1e-10; the fixed steps are 10/1000, where Euler is
        // a few percent off (first order) and RK4 far closer
        double rel = m.order() == 1 ? 0.05 : m.order() == 2 ? 1e-5 : 1e-6;
        for (String state : new String[] {"hare", "lynx"}) {
            JsonNode a = ref.json().get("states").get(state);
            JsonNode b = r.json().get("states").get(state);
            for (int k = 0; k < a.size(); k++) {
                assertEquals(a.get(k).asDouble(), b.get(k).asDouble(), rel * Math.abs(a.get(k).asDouble()),
                        name + ": " + state + " at output " + k);
            }
        }
    }

    @Test
    void unknownMethodIsAUsageErrorListingTheRegisteredNames() {
        CliRun r = CliRun.of("simulate", OSCILLATOR, "--method", "rk45");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: --method: unknown method 'rk45'; valid: "), err);
        for (Method m : Method.values()) {
            assertTrue(err.contains(m.id() + " (" + m.summary() + ")"), err);
        }
        CliRun fit = CliRun.of("fit", LOTKA_VOLTERRA, "--data", "../examples/hudson-bay-lynx-hare.csv", "--method",
                "heun");
        assertEquals(2, fit.exit(), fit.err());
        assertTrue(fit.err().contains("unknown method 'heun'"), fit.err());
    }

    @Test
    void helpListsTheRegisteredNames() {
        for (String command : new String[] {"simulate", "fit"}) {
            CliRun r = CliRun.of(command, "--help");
            assertEquals(0, r.exit(), r.err());
            String help = r.out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--method=METHOD"), help);
            assertTrue(help.contains(String.join(", ", Method.names())), command + " help: " + help);
        }
    }

    @Test
    void fitRunsWithAnotherMethodAndReachesTheSameOptimum() {
        // the lynx-hare fit by Tsitouras instead of Dormand-Prince: the same optimum to 0.1%
        CliRun r = CliRun.of("fit", LOTKA_VOLTERRA, "--data", "../examples/hudson-bay-lynx-hare.csv", "--loss", "logsse",
                "--method", "Tsit5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode p = r.json().get("parameters");
        assertEquals(0.5402, p.get("alpha").asDouble(), 1e-3 * 0.5402);
        assertEquals(0.7964, p.get("gamma").asDouble(), 1e-3 * 0.7964);
        assertEquals(2.01866, r.json().get("loss").asDouble(), 1e-3 * 2.01866);
    }
}
