package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** modes: the five Jacobian strategies, counted against the problem's structure; one recommendation. */
class ModesCommandTest {
    @Test
    void brusselatorNeedsAHandfulOfColoredSweepsInsteadOfOnePerState() {
        int n = 6; // 72 states
        CliRun r = CliRun.of("modes", "--brusselator", String.valueOf(n), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(2 * n * n, j.get("inputs").asInt());
        List<String> names = new ArrayList<>();
        j.get("strategies").forEach(s -> names.add(s.get("name").asText()));
        assertEquals(List.of("dense forward", "dense reverse", "colored forward", "colored reverse", "bidirectional"), names);
        assertEquals(2 * n * n, j.get("strategies").get(0).get("sweeps").asInt()); // one JVP per input
        assertEquals(2 * n * n, j.get("strategies").get(1).get("sweeps").asInt()); // one VJP per output
        // each row of the Brusselator Jacobian has 6 entries (5-point stencil + the other species):
        // the 6 columns of one row share it, so they need 6 colors; a column sits in 6 rows of 6
        // entries, so it conflicts with at most 30 others and a greedy coloring needs at most 31
        for (int k = 2; k < 4; k++) {
            int colors = j.get("strategies").get(k).get("sweeps").asInt();
            assertTrue(colors >= 6 && colors <= 31, "colors " + colors);
            assertTrue(j.get("strategies").get(k).get("preparedBytes").asLong() > 0);
        }
        // bidirectional includes both one-sided colorings as special cases: never more sweeps
        JsonNode bi = j.get("strategies").get(4);
        assertTrue(bi.get("sweeps").asInt() <= Math.min(j.get("strategies").get(2).get("sweeps").asInt(),
                j.get("strategies").get(3).get("sweeps").asInt()), bi.toString());
        assertEquals(bi.get("sweeps").asInt(), bi.get("forwardSweeps").asInt() + bi.get("reverseSweeps").asInt());
        assertTrue(bi.get("bytesPerJacobian").asLong() >= 0);
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

    /**
     * An arrow-head Jacobian (f0 = x0 + Σ cos x_j, f_i = x0·x_i + x_i²): one dense row and one
     * dense column make both one-sided colorings need n sweeps; bidirectional needs 2 forward
     * (column x0, then all other columns together) + 1 reverse (row f0).
     */
    @Test
    void arrowHeadNeedsThreeBidirectionalSweepsInsteadOfN() {
        int n = 12;
        StringBuilder expr = new StringBuilder("x0");
        StringBuilder at = new StringBuilder();
        for (int j = 1; j < n; j++) {
            expr.append(" + cos(x").append(j).append(')');
        }
        for (int i = 1; i < n; i++) {
            expr.append("; x0*x").append(i).append(" + x").append(i).append("^2");
        }
        for (int j = 0; j < n; j++) {
            at.append(j == 0 ? "" : ",").append('x').append(j).append('=').append(0.1 * (j + 1));
        }
        CliRun r = CliRun.of("modes", "--expr", expr.toString(), "--at", at.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.json().get("strategies");
        assertEquals(n, s.get(2).get("sweeps").asInt(), "colored forward");
        assertEquals(n, s.get(3).get("sweeps").asInt(), "colored reverse");
        assertEquals("bidirectional", s.get(4).get("name").asText());
        assertEquals(3, s.get(4).get("sweeps").asInt());
        assertEquals(2, s.get(4).get("forwardSweeps").asInt());
        assertEquals(1, s.get(4).get("reverseSweeps").asInt());
        CliRun text = CliRun.of("modes", "--expr", expr.toString(), "--at", at.toString());
        assertTrue(text.out().contains("bidirectional") && text.out().contains("2+1"), text.out());
    }

    /** Regression: the text output said "recommended" twice (the ModeCost table and the command). */
    @Test
    void recommendsOnce() {
        CliRun r = CliRun.of("modes", "--expr", "x*y*z; x+y+z", "--at", "x=1,y=2,z=3");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().split("recommended", -1).length - 1, r.out());
        for (String s : new String[] {"dense forward", "dense reverse", "colored forward", "colored reverse", "bidirectional"}) {
            assertTrue(r.out().contains(s), s + " missing: " + r.out());
        }
    }

    @Test
    void sweepSizesTabulateAndPlotEachStrategy(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sweep.png");
        CliRun r = CliRun.of("modes", "--sweep-sizes", "3,4", "--plot", png.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(2, j.get("sizes").size());
        for (String s : new String[] {"dense forward", "dense reverse", "colored forward", "colored reverse", "bidirectional"}) {
            assertEquals(2, j.get("seconds").get(s).size(), s);
            assertTrue(j.get("seconds").get(s).get(1).asDouble() > 0, s);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
    }

    @Test
    void badCombinationsAreUsageErrors() {
        CliRun both = CliRun.of("modes", "--brusselator", "8", "--expr", "x");
        assertEquals(2, both.exit());
        assertTrue(both.err().startsWith("error: --brusselator"), both.err());
        CliRun sweepExpr = CliRun.of("modes", "--expr", "x", "--sweep-sizes", "4");
        assertEquals(2, sweepExpr.exit());
        assertTrue(sweepExpr.err().contains("--sweep-sizes"), sweepExpr.err());
        CliRun small = CliRun.of("modes", "--sweep-sizes", "2");
        assertEquals(2, small.exit());
        assertTrue(small.err().contains("at least 3"), small.err());
    }
}
