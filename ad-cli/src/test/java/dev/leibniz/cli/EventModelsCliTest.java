package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files with events and inputs at the command line: {@code fit} recovers the bouncing ball's
 * restitution and drop height and the two-dose model's rates and dose from their synthetic data
 * (made from the closed forms, see examples/*.csv); {@code simulate} stops at a terminal event;
 * a bad event line or an event that never fires is one {@code error:} line naming file:line:column.
 */
class EventModelsCliTest {
    @Test
    void fitRecoversTheBouncingBallsRestitutionAndHeight() {
        CliRun r = CliRun.of("fit", "../examples/bouncing-ball.model", "--data", "../examples/bouncing-ball.csv",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode p = r.json().get("parameters");
        assertEquals(0.8, p.get("e").asDouble(), 1e-7);
        assertEquals(10, p.get("h0").asDouble(), 1e-6);
    }

    @Test
    void fitRecoversTheTwoDoseModelsRatesAndDose() {
        CliRun r = CliRun.of("fit", "../examples/pk-two-doses.model", "--data", "../examples/pk-two-doses.csv",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode p = r.json().get("parameters");
        assertEquals(1.2, p.get("ka").asDouble(), 1e-6);
        assertEquals(0.15, p.get("ke").asDouble(), 1e-7);
        assertEquals(100, p.get("D").asDouble(), 1e-5);
    }

    @Test
    void simulateStopsAtATerminalEvent() {
        CliRun r = CliRun.of("simulate", "../examples/falling-stone.model", "--t1", "3", "--dt", "0.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        double tau = (3 + Math.sqrt(9 + 2 * 9.81 * 10)) / 9.81;
        JsonNode t = j.get("t");
        assertEquals(5, t.size(), "0, 0.5, 1, 1.5 and the landing");
        assertEquals(tau, t.get(4).asDouble(), 1e-9);
        assertEquals(0, j.get("states").get("h").get(4).asDouble(), 1e-9);
        assertTrue(j.get("stopped").asBoolean());
        assertEquals("falling-stone.model:14:1: the event 'when h < 0'", j.get("events").get(0).get("event").asText());
        CliRun text = CliRun.of("simulate", "../examples/falling-stone.model", "--t1", "3");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("stopped at t = 1.76603503 by falling-stone.model:14:1"), text.out());
    }

    @Test
    void simulateAnInfusionAndDoses() {
        CliRun r = CliRun.of("simulate", "../examples/infusion.model", "--t1", "5", "--dt", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        double at3 = 25 / 0.3 * (1 - Math.exp(-0.6));
        assertEquals(at3, r.json().get("states").get("amount").get(3).asDouble(), 1e-6);
        CliRun pk = CliRun.of("simulate", "../examples/pk-two-doses.model", "--t1", "24");
        assertEquals(0, pk.exit(), pk.err());
        assertTrue(pk.out().contains("2 events; the first at t = 0: pk-two-doses.model:15:1: the event 'at t = 0, 12'"), pk.out());
    }

    @Test
    void badEventsAreOneErrorLineNamingTheirPlace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("ball.model");
        Files.writeString(bad, "state h = 1\nstate v = 0\nder(h) = v\nder(v) = -9.81\nwhen h < 0: w = -v\n");
        CliRun r = CliRun.of("simulate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: ball.model:5:13: a reset sets a state: 'w' is not defined"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Path never = dir.resolve("never.model");
        Files.writeString(never, "state h = 1\nstate v = 0\nder(h) = v\nder(v) = -9.81\nwhen h > 5: v = -v\n");
        CliRun n = CliRun.of("simulate", never.toString(), "--t1", "1");
        assertEquals(2, n.exit(), n.err());
        assertTrue(n.err().startsWith("error: never.model:5:1: the event 'when h > 5' never fired on [0, 1]"), n.err());
        assertFalse(n.err().contains("\tat "), n.err());
        Path nan = dir.resolve("nan.model");
        Files.writeString(nan, "state h = 1\nstate v = 0\nder(h) = v\nder(v) = -9.81\nwhen h < 0: v = log(v)\n");
        CliRun q = CliRun.of("simulate", nan.toString(), "--t1", "1");
        assertEquals(1, q.exit(), q.err());
        assertTrue(q.err().startsWith("error: nan.model:5:1: the event 'when h < 0': the reset of v at t = 0.45"),
                q.err());
    }
}
