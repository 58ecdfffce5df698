package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sun.misc.Signal;

/** {@code leibniz fit} end to end: the lynx–hare acceptance numbers, files, JSON contract, bad input, Ctrl-C. */
class FitCommandTest {
    static final String MODEL = "../examples/lotka-volterra.model";
    static final String DATA = "../examples/hudson-bay-lynx-hare.csv";

    @Test
    void lynxHareJsonReachesTheReferenceOptimum() {
        CliRun r = CliRun.of("fit", MODEL, "--data", DATA, "--loss", "logsse", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        JsonNode j = r.json();
        // the optimum an independent solver finds (issue #7), each to 0.1%
        assertClose(0.5402, j.get("parameters").get("alpha").asDouble());
        assertClose(0.02717, j.get("parameters").get("beta").asDouble());
        assertClose(0.7964, j.get("parameters").get("gamma").asDouble());
        assertClose(0.02369, j.get("parameters").get("delta").asDouble());
        assertClose(34.60, j.get("parameters").get("hare0").asDouble());
        assertClose(5.845, j.get("parameters").get("lynx0").asDouble());
        assertClose(2.01866, j.get("loss").asDouble());
        assertTrue(j.get("converged").asBoolean());
        assertTrue(j.get("iterations").asInt() > 0);
        assertTrue(j.get("gradientNorm").asDouble() < 1e-3);
        assertEquals(6, j.get("standardErrors").size());
    }

    @Test
    void writesPlotsReportAndFittedCurves(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("fit", MODEL, "--data", DATA, "--loss", "logsse", "--optimizer", "lbfgs",
                "--fit", "alpha,beta,gamma,delta", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("alpha"), r.out());
        for (String png : new String[] {"fit.png", "loss.png"}) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(Plots.WIDTH, img.getWidth(), png);
            assertEquals(Plots.HEIGHT, img.getHeight(), png);
        }
        JsonNode report = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
        assertEquals(30.0, report.get("parameters").get("hare0").asDouble(), 0.0); // not fitted: the file's value
        assertTrue(report.get("standardErrors").get("hare0").isNull());
        assertEquals(List.of("alpha", "beta", "gamma", "delta"),
                Json.MAPPER.convertValue(report.get("fitted"), List.class));
        List<String> csv = Files.readAllLines(dir.resolve("fitted.csv"));
        assertEquals("t,hare,lynx", csv.get(0));
        assertEquals(FitReport.CURVE_POINTS + 2, csv.size());
    }

    @Test
    void badInputsAreOneLineErrorsWithStatus2(@TempDir Path dir) throws Exception {
        Path badCsv = dir.resolve("bad.csv");
        Files.writeString(badCsv, "year,hare,lynx\n1900,30,4\n1901,abc,6.1\n");
        assertBad(CliRun.of("fit", MODEL, "--data", badCsv.toString()), "bad.csv", "abc");
        Path unknownColumn = dir.resolve("cols.csv");
        Files.writeString(unknownColumn, "t,hare,wolves\n0,30,4\n1,47,6\n");
        assertBad(CliRun.of("fit", MODEL, "--data", unknownColumn.toString()), "wolves");
        assertBad(CliRun.of("fit", MODEL, "--data", DATA, "--fit", "alpha,zeta"), "no parameter 'zeta'");
        assertBad(CliRun.of("fit", MODEL, "--data", DATA, "--loss", "l1"), "l1");
        assertBad(CliRun.of("fit", MODEL, "--data", DATA, "--optimizer", "newton"), "newton");
        assertBad(CliRun.of("fit", MODEL, "--data", DATA, "--sensitivity", "magic"), "magic");
        assertBad(CliRun.of("fit", MODEL), "--data");
        assertBad(CliRun.of("fit", MODEL, "--data", DATA, "--max-iter", "0"), "--max-iter must be at least 1");
        assertBad(CliRun.of("fit", MODEL, "--data", dir.resolve("missing.csv").toString()), "missing.csv");
    }

    /**
     * The options are checked in a fixed order, so a command with several mistakes reports the
     * first: the method, the loss, the sensitivity, the iteration limit, the optimizer, then the
     * names given to --fit.
     */
    @Test
    void severalBadOptionsReportTheFirstChecked() {
        assertBad(CliRun.of("fit", MODEL, "--data", DATA, "--method", "nope", "--loss", "l1"), "--method: unknown method 'nope'");
        assertEquals("error: unknown loss 'l1'; valid names are sse, logsse, poisson",
                CliRun.of("fit", MODEL, "--data", DATA, "--loss", "l1", "--sensitivity", "magic").err().strip());
        assertEquals("error: --sensitivity: unknown method 'magic'; valid: auto, forward, adjoint, discrete",
                CliRun.of("fit", MODEL, "--data", DATA, "--sensitivity", "magic", "--max-iter", "0").err().strip());
        assertEquals("error: --max-iter must be at least 1, got 0",
                CliRun.of("fit", MODEL, "--data", DATA, "--max-iter", "0", "--optimizer", "newton").err().strip());
        assertEquals("error: unknown optimizer 'newton'; valid names are lbfgs, adam, lm, geodesic, gd",
                CliRun.of("fit", MODEL, "--data", DATA, "--optimizer", "newton", "--fit", "zeta").err().strip());
        assertEquals("error: --fit: the model lotka-volterra.model has no parameter 'zeta'; its parameters are "
                + "[alpha, beta, gamma, delta, hare0, lynx0]",
                CliRun.of("fit", MODEL, "--data", DATA, "--fit", "alpha, zeta").err().strip());
    }

    /**
     * Ctrl-C (SIGINT) and SIGTERM stop the fit and still write the best parameters so far (issue
     * 16, item 7). The signal is raised for real, from the fit's progress callback at iteration
     * 3, and the callback waits until the handler has seen it: no sleeping, no race.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void interruptedFitWritesTheBestParametersAndExits130(String signal, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        FitCommand.observer = p -> {
            if (p.iteration() == 3) {
                Signal.raise(new Signal(signal));
                try {
                    assertTrue(FitInterrupt.current.awaitRequested(60, TimeUnit.SECONDS), "the handler never ran");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        CliRun r;
        try {
            r = CliRun.of("fit", MODEL, "--data", DATA, "--optimizer", "adam", "--max-iter", "1000000",
                    "--out", out.toString());
        } finally {
            FitCommand.observer = null;
        }
        assertEquals(130, r.exit(), r.err());
        assertEquals("error: interrupted by SIG" + signal + " after 3 iterations; the best parameters so far are in "
                + out.resolve("report.json") + " (marked interrupted)\n", r.err());
        JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        assertTrue(report.get("interrupted").asBoolean());
        assertEquals("SIG" + signal, report.get("signal").asText());
        assertEquals(3, report.get("iterations").asInt());
        assertFalse(report.get("converged").asBoolean());
        assertEquals("interrupted", report.get("reason").asText());
        double start = report.get("lossHistory").get(0).asDouble();
        assertTrue(report.get("loss").asDouble() <= start, "the best point so far is no worse than the start");
        for (String f : new String[] {"fit.png", "loss.png", "report.json", "fitted.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "no temporary directory is left");
        }
        assertTrue(FitInterrupt.current == null, "the signal handlers are given back");
    }

    /** Writing into an existing directory replaces the fit's files and keeps the user's other files. */
    @Test
    void anExistingOutputDirectoryKeepsOtherFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("report.json"), "stale");
        CliRun r = CliRun.of("fit", MODEL, "--data", DATA, "--max-iter", "2", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertFalse(Json.MAPPER.readTree(dir.resolve("report.json").toFile()).get("interrupted").asBoolean());
        try (var left = Files.list(dir)) {
            assertEquals(6, left.count(), "five outputs (fit.png, loss.png, report.json, report.html, fitted.csv) and the user's file, no temporary directory");
        }
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-3 * Math.abs(expected));
    }

    private static void assertBad(CliRun r, String... fragments) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), r.err());
        }
    }
}
