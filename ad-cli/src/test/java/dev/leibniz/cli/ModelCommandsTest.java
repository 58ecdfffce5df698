package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate, and jacobian/modes of a model file, end to end on the shipped examples. */
class ModelCommandsTest {
    static final String EXAMPLES = "../examples/";

    @Test
    void simulatedOscillatorMatchesItsClosedForm(@TempDir Path dir) throws Exception {
        // x'' + 2ζω x' + ω² x = 0 written as a model file with x(0) = 1, v(0) = 0
        Path model = dir.resolve("osc.model");
        Files.writeString(model, """
                param omega = 2
                param zeta = 0.1
                state x = 1
                state v = 0
                der(x) = v
                der(v) = -2*zeta*omega*v - omega^2*x
                output energy = 0.5*v^2 + 0.5*omega^2*x^2
                """);
        CliRun r = CliRun.of("simulate", model.toString(), "--t1", "5", "--dt", "0.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(11, j.get("t").size());
        double w = 2;
        double z = 0.1;
        double wd = w * Math.sqrt(1 - z * z);
        for (int k = 0; k < 11; k++) {
            double t = j.get("t").get(k).asDouble();
            double x = Math.exp(-z * w * t) * (Math.cos(wd * t) + z * w / wd * Math.sin(wd * t));
            assertEquals(x, j.get("states").get("x").get(k).asDouble(), 1e-7, "x at t = " + t);
        }
        assertEquals(2.0, j.get("outputs").get("energy").get(0).asDouble(), 1e-12); // ½ω²x₀²
    }

    @Test
    void simulateWritesCsvAndPlot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("lv.csv");
        Path png = dir.resolve("lv.png");
        CliRun r = CliRun.of("simulate", EXAMPLES + "lotka-volterra.model", "--set", "alpha=0.5", "--t1", "10",
                "--csv", csv.toString(), "--plot", png.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("t,hare,lynx", Files.readAllLines(csv).get(0));
        assertEquals(202, Files.readAllLines(csv).size());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
    }

    @Test
    void jacobianOfLotkaVolterraWithRespectToParametersIsItsClosedForm() {
        // hare' = α·hare − β·hare·lynx, lynx' = δ·hare·lynx − γ·lynx at the model's initial point
        CliRun r = CliRun.of("jacobian", EXAMPLES + "lotka-volterra.model", "--wrt", "params",
                "--at", "hare=30,lynx=4", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode v = r.json().get("values");
        assertEquals(30.0, v.get(0).get(0).asDouble(), 0.0);       // ∂hare'/∂α = hare
        assertEquals(-120.0, v.get(0).get(1).asDouble(), 0.0);     // ∂hare'/∂β = −hare·lynx
        assertEquals(-4.0, v.get(1).get(2).asDouble(), 0.0);       // ∂lynx'/∂γ = −lynx
        assertEquals(120.0, v.get(1).get(3).asDouble(), 0.0);      // ∂lynx'/∂δ = hare·lynx
        assertEquals(4, r.json().get("nnz").asInt());
    }

    @Test
    void brusselatorJacobianIsSparse() {
        CliRun r = CliRun.of("jacobian", EXAMPLES + "brusselator-2d.model", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        int n = j.get("rows").asInt();
        assertEquals(6 * n, j.get("nnz").asInt()); // 5-point stencil in one species + coupling to the other
        assertTrue(j.get("colors").asInt() < n / 2, j.toString());
    }

    @Test
    void modelErrorsNameFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.model");
        Files.writeString(bad, "param a = 1\nstate x = 1\nder(x) = a*y\n");
        CliRun r = CliRun.of("simulate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("bad.model:3:"), r.err());
        assertTrue(r.err().contains("'y'"), r.err());

        CliRun missing = CliRun.of("simulate", dir.resolve("nope.model").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.model"), missing.err());

        CliRun unknown = CliRun.of("simulate", EXAMPLES + "lotka-volterra.model", "--set", "zeta=1");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no parameter 'zeta'"), unknown.err());
    }

    @Test
    void blowUpIsAComputationFailure(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("blowup.model");
        Files.writeString(model, "state y = 1\nder(y) = y^2\n"); // y = 1/(1 − t) blows up at t = 1
        CliRun r = CliRun.of("simulate", model.toString(), "--t1", "2");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void stiffRobertsonKineticsNeedsTheImplicitMethod(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("robertson.model");
        Files.writeString(model, """
                param k1 = 0.04
                param k2 = 3e7
                param k3 = 1e4
                state A = 1
                state B = 0
                state C = 0
                der(A) = -k1*A + k3*B*C
                der(B) = k1*A - k3*B*C - k2*B^2
                der(C) = k2*B^2
                """);
        CliRun r = CliRun.of("simulate", model.toString(), "--t1", "40", "--dt", "40", "--method", "rosenbrock", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = r.json().get("states");
        // reference values at t = 40 (Hairer & Wanner, Solving ODEs II, the Robertson problem)
        assertEquals(0.7158271, s.get("A").get(1).asDouble(), 1e-5);
        assertEquals(9.185535e-6, s.get("B").get(1).asDouble(), 1e-9);
        assertEquals(0.2841637, s.get("C").get(1).asDouble(), 1e-5);

        CliRun explicit = CliRun.of("simulate", model.toString(), "--t1", "10000", "--dt", "1000", "--method", "dopri5");
        assertEquals(1, explicit.exit(), explicit.err());
        assertTrue(explicit.err().contains("--method rosenbrock"), explicit.err());
        // the default (auto) switches to rodas5p by itself and meets the same reference
        CliRun auto = CliRun.of("simulate", model.toString(), "--t1", "40", "--dt", "40", "--json");
        assertEquals(0, auto.exit(), auto.err());
        assertEquals(0.7158271, auto.json().get("states").get("A").get(1).asDouble(), 1e-5);
        assertEquals(9.185535e-6, auto.json().get("states").get("B").get(1).asDouble(), 1e-9);
    }
}
