package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grad, graph and modes end to end: the JSON contract, exit statuses, and error lines. */
class ExpressionCommandsTest {

    @Test
    void gradientMatchesClosedFormInBothModes() {
        double x = 1.5;
        double y = 0.5;
        for (String mode : new String[] {"reverse", "forward"}) {
            CliRun r = CliRun.of("grad", "sin(x^2)*exp(y)", "--at", "x=1.5,y=0.5", "--mode", mode, "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.err());
            JsonNode j = r.json();
            assertEquals(Math.sin(x * x) * Math.exp(y), j.get("value").asDouble(), 1e-15);
            assertEquals(Math.cos(x * x) * 2 * x * Math.exp(y), j.get("gradient").get("x").asDouble(), 1e-14);
            assertEquals(Math.sin(x * x) * Math.exp(y), j.get("gradient").get("y").asDouble(), 1e-15);
        }
    }

    @Test
    void graphReportsOptimizationAndSavedValues(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        CliRun r = CliRun.of("graph", "x^2*(x+1) + sin(x^2)", "--optimize", "--dot", dot.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(8, j.get("nodes").asInt());
        assertEquals(7, j.get("optimizedNodes").asInt()); // CSE merges the two x^2
        assertEquals(8, j.get("listing").size());
        // the backward pass keeps x (for x^2 and x+1's partner), x^2 (for mul and sin) and x+1
        assertEquals("[\"x\",\"%1\",\"%3\"]", j.get("saved").toString());
        assertTrue(Files.readString(dot).startsWith("digraph"));

        CliRun text = CliRun.of("graph", "sin(x)*y", "--saved");
        assertEquals(0, text.exit());
        assertTrue(text.out().contains("%1 = sin %0"), text.out());
        assertTrue(text.out().contains("values kept for the backward pass: x, %1, y"), text.out());
    }

    @Test
    void modesRecommendsByMeasurementAndCountsSweeps() {
        CliRun r = CliRun.of("modes", "--expr", "x*y*z*w*v", "--at", "x=1,y=2,z=3,w=4,v=5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(5, j.get("forward").get("sweeps").asInt());
        assertEquals(1, j.get("reverse").get("sweeps").asInt());
        // the recommendation is the strategy with the least measured time (of all four)
        String fastest = null;
        double best = Double.POSITIVE_INFINITY;
        for (JsonNode s : j.get("strategies")) {
            if (s.get("seconds").asDouble() < best) {
                best = s.get("seconds").asDouble();
                fastest = s.get("name").asText();
            }
        }
        assertEquals(fastest, j.get("recommended").asText());
    }

    @Test
    void jacobianOfABidiagonalSystemIsSparseExactAndCompressed(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("spy.png");
        CliRun r = CliRun.of("jacobian", "--expr", "x*y; y*z; z*w; w^2", "--at", "x=1,y=2,z=3,w=4",
                "--spy", png.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(4, j.get("rows").asInt());
        assertEquals(4, j.get("cols").asInt());
        assertEquals(7, j.get("nnz").asInt());
        assertEquals(2, j.get("maxNonzerosPerRow").asInt());
        assertEquals(2, j.get("colors").asInt()); // bidiagonal: columns {x, z} and {y, w} never share a row
        // closed form: d(xy)/dx = y, d(xy)/dy = x, ..., d(w^2)/dw = 2w
        double[][] expected = {{2, 1, 0, 0}, {0, 3, 2, 0}, {0, 0, 4, 3}, {0, 0, 0, 8}};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(expected[i][k], j.get("values").get(i).get(k).asDouble(), 0.0);
            }
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
    }

    @Test
    void syntaxErrorIsOneLineWithColumnAndStatus2() {
        CliRun r = CliRun.of("grad", "sin(x^2", "--at", "x=1");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: column 8"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badInputGetsStatus2() {
        assertBad(CliRun.of("grad", "x*y", "--at", "x=1"), "no value for variable 'y'");
        assertBad(CliRun.of("grad", "x", "--at", "x=1,z=2"), "no variable 'z'");
        assertBad(CliRun.of("grad", "x", "--at", "x=abc"), "not a number");
        assertBad(CliRun.of("grad", "foo(x)", "--at", "x=1"), "unknown function 'foo'");
        assertBad(CliRun.of("grad", "x", "--at", "x=1", "--mode", "sideways"), "--mode");
        assertBad(CliRun.of("frobnicate"), "frobnicate");
        assertBad(CliRun.of("grad", "x", "--unknown-flag"), "--unknown-flag");
    }

    @Test
    void nonFiniteResultIsAComputationFailure() {
        CliRun r = CliRun.of("grad", "log(x)", "--at", "x=-1", "--json");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"grad", "graph", "modes", "jacobian"}) {
            CliRun r = CliRun.of(cmd, "--help");
            assertEquals(0, r.exit(), cmd);
            assertTrue(r.out().contains("Usage: leibniz " + cmd), r.out());
        }
        CliRun top = CliRun.of("--help");
        assertEquals(0, top.exit());
        assertTrue(top.out().contains("grad") && top.out().contains("graph") && top.out().contains("modes"));
    }

    private static void assertBad(CliRun r, String fragment) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
