package dev.leibniz.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.benchmarks.report.Plan;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import dev.leibniz.benchmarks.sections.ReverseSection;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report rendered from made-up times (no JMH run): every section appears for its classes,
 * the ratios and verdicts are those of the numbers put in (worked out by hand below), the plots
 * are real PNGs, and classes no section knows still get a table.
 */
class ReportTest {
    @TempDir
    static Path docs;

    static String md;

    /** A time with no error estimate, as JMH gives for a single measured iteration. */
    static Score s(double nanos) {
        return new Score(nanos, Double.NaN);
    }

    @BeforeAll
    static void render() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Results.Builder b = Results.builder();
        // Rosenbrock: plain 10 µs ± 0.1, static 35 µs ± 0.35 → 3.50 ± 3.5·√(0.01² + 0.01²) = 3.50 ± 0.05
        b.add("ReverseModeBenchmark", "plainFunction", new Score(10_000, 100), "n", "10000");
        b.add("ReverseModeBenchmark", "staticGradient", new Score(35_000, 350), "n", "10000");
        b.add("ReverseModeBenchmark", "dynamicGradient", new Score(45_000, 450), "n", "10000");
        b.add("HipparchusComparisonBenchmark", "leibnizReverse", s(20_000), "n", "1000");
        b.add("HipparchusComparisonBenchmark", "hipparchusForward", s(3_000_000), "n", "1000");
        // forward / function = n/16 (exponent 1), reverse / function = 3 (exponent 0)
        for (int n : new int[] {10, 100, 1000, 10000}) {
            String ns = Integer.toString(n);
            b.add("ForwardReverseBenchmark", "plainFunction", s(n), "n", ns);
            b.add("ForwardReverseBenchmark", "reverse", s(3.0 * n), "n", ns);
            b.add("ForwardReverseBenchmark", "forward", s(n * (double) n / 16), "n", ns);
            b.add("ManyOutputsBenchmark", "plainFunction", s(n), "m", ns);
            b.add("ManyOutputsBenchmark", "forward", s(5.0 * n), "m", ns);
            b.add("ManyOutputsBenchmark", "reverse", s(5.0 * n * n), "m", ns);
        }
        // detection 1.5 ms at N = 32 (met), 6 ms at N = 64: linear in N²
        b.add("SparseJacobianBenchmark", "detectPattern", s(1.5e6), "N", "32");
        b.add("SparseJacobianBenchmark", "detectPattern", s(6e6), "N", "64");
        b.add("SparseJacobianBenchmark", "compressedJacobian", s(100_000), "N", "32");
        b.add("SparseJacobianBenchmark", "denseForward", s(25_000_000), "N", "32");
        b.add("MlpBenchmark", "leibniz", s(2e6), "width", "256");
        b.add("MlpBenchmark", "ejmlProducts", s(1e6), "width", "256");
        b.add("LstmBenchmark", "leibniz", s(1.2e6), "batch", "64");
        b.add("LstmBenchmark", "ejmlProducts", s(1e6), "batch", "64");
        // adjoint = 1000 + 10p, forward = 100p: adjoint first faster at p = 16
        for (int p : new int[] {4, 16, 64}) {
            String ps = Integer.toString(p);
            b.add("OdeSensitivityBenchmark", "plainSolve", s(500), "p", ps);
            b.add("OdeSensitivityBenchmark", "adjoint", s(1000 + 10.0 * p), "p", ps);
            b.add("OdeSensitivityBenchmark", "forwardSensitivities", s(100.0 * p), "p", ps);
        }
        b.add("LotkaVolterraGradientBenchmark", "forwardGradient", s(80_000));
        b.add("CompiledGradientBenchmark", "plainFunction", s(1000), "n", "10000");
        b.add("CompiledGradientBenchmark", "compiledGradient", s(2500), "n", "10000");
        b.add("SomethingNewBenchmark", "work", s(42));
        Report.Args args = Report.Args.parse(new String[] {"--quick", "--docs", docs.toString()});
        Path file = Report.write(b.build(), Plan.of(null, Plan.Settings.QUICK), args, Duration.ofSeconds(61));
        md = Files.readString(file);
    }

    @Test
    void everySectionAppearsForItsClasses() {
        for (String heading : new String[] {"## Reverse mode", "## Forward vs reverse mode (issue 4)", "## Sparse Jacobians",
                "## Neural networks", "## ODE sensitivities (issue 6)", "## Compiled execution (issue 9)",
                "### `SomethingNewBenchmark`", "## Machine", "## Reproduce", "## Summary of targets"}) {
            assertTrue(md.contains(heading), "missing " + heading);
        }
        assertTrue(md.contains(Report.COMMAND + " --quick"), "the reproduction command with its options");
        assertTrue(md.contains("The whole run took 1 min 01 s."));
    }

    @Test
    void ratiosAndVerdictsFollowFromTheTimes() {
        assertTrue(md.contains("| #2 | static gradient / function ≤ 4 (n = 10000) | 3.50 ± 0.05 | **met** |"), md);
        assertTrue(md.contains("| #9 | static gradient / function ≤ 3 (n = 10000) | 3.50 ± 0.05 | **not met** |"));
        assertTrue(md.contains("| #9 | dynamic gradient / function ≤ 5 (n = 10000) | 4.50 ± 0.06 | **met** |"));
        assertTrue(md.contains("| #9 | reverse ≥ 100× faster than Hipparchus (n = 1000) | 150× | **met** |"));
        assertTrue(md.contains("reverse ~ n^0.00, forward ~ n^1.00"));
        assertTrue(md.contains("m^1.00 (10000× at m = 10000) | **met** |"));
        assertTrue(md.contains("| #5 | pattern detection ≤ 2 ms (N = 32, warm) | 1.50 ms | **met** |"));
        assertTrue(md.contains("detection ~ (N²)^1.00"));
        assertTrue(md.contains("| 32 | 2,048 | — | 1.50 ms | — | 100 µs | 25.0 ms | — | 250× |"));
        assertTrue(md.contains("MLP step ≤ 1.5× the EJML products (width 256) | 2.00 | **not met** |"));
        assertTrue(md.contains("LSTM step ≤ 1.5× the EJML products (batch 64) | 1.20 | **met** |"));
        assertTrue(md.contains("adjoint faster from p = 16"));
        assertTrue(md.contains("one Lotka–Volterra loss gradient ≤ 0.1 ms"));
        assertTrue(md.contains("| 80.0 µs (`forwardGradient`) | **met** |"));
        assertTrue(md.contains("compiled static gradient / function ≤ 3 (`compiledGradient` {n=10000}) | 2.50 | **met** |"));
    }

    @Test
    void aMissedTargetSaysWhatLimitsIt() {
        assertTrue(md.contains("**What limits it** (n = 10000)"));
        // 35 µs over the traced graph's nodes, against 10 µs for the function
        int nodes = ReverseSection.graphNodes(10_000);
        String perNode = dev.leibniz.benchmarks.report.Fmt.number(35_000.0 / nodes);
        assertTrue(md.contains("the static gradient spends " + perNode + " ns per graph node"), perNode);
    }

    @Test
    void sparseCountsAreComputedFromTheGraph() {
        // 32×32: 2,048 states, 12,288 nonzeros, and the colors the issue asks for
        assertTrue(md.contains("| #5 | exactly 12,288 nonzeros (N = 32) | 12,288 | **met** |"));
        assertTrue(md.contains("| 32 | 2,048 | 12,288 |"));
    }

    @Test
    void plotsArePngImages() throws IOException {
        for (String png : new String[] {"forward-reverse.png", "many-outputs.png", "sparse-scaling.png", "ode-scaling.png"}) {
            Path p = docs.resolve(png);
            assertTrue(Files.exists(p), png);
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, png + " decodes");
            assertEquals(dev.leibniz.benchmarks.report.LogLogPlot.WIDTH, img.getWidth());
            assertTrue(md.contains("(" + png + ")"), "the page shows " + png);
        }
    }

    @Test
    void sectionsWithoutResultsAreLeftOut(@TempDir Path other) throws IOException {
        Results r = Results.builder().add("ManyOutputsBenchmark", "forward", new Score(10, 1), "m", "10").build();
        Report.Args args = Report.Args.parse(new String[] {"--docs", other.toString()});
        String page = Files.readString(Report.write(r, Plan.of(null, Plan.Settings.QUICK), args, Duration.ZERO));
        assertTrue(page.contains("## Forward vs reverse mode"));
        assertFalse(page.contains("## Reverse mode"));
        assertFalse(page.contains("## Sparse"));
        assertFalse(page.contains("Partial or quick run"), "a full-settings run carries no warning");
    }

    @Test
    void badOptionsAreNamed() {
        Exception e = assertThrows(Report.UsageException.class, () -> Report.Args.parse(new String[] {"--fast"}));
        assertEquals("unknown option '--fast'", e.getMessage());
        e = assertThrows(Report.UsageException.class, () -> Report.Args.parse(new String[] {"--only", "Forward("}));
        assertTrue(e.getMessage().startsWith("--only takes a regular expression; 'Forward(' is not one"), e.getMessage());
        e = assertThrows(Report.UsageException.class, () -> Report.Args.parse(new String[] {"--only"}));
        assertEquals("--only needs a value", e.getMessage());
    }

    @Test
    void thePlanRestrictsTheExpensiveMethods() {
        Plan plan = Plan.of("ForwardReverseBenchmark\\.hipparchus", Plan.Settings.FULL);
        assertEquals(1, plan.runs().size());
        assertEquals(3, plan.combinations(), "n = 10, 100, 1000 only");
        Plan all = Plan.of("ForwardReverseBenchmark", Plan.Settings.FULL);
        assertEquals(3 * 4 + 3, all.combinations());
        assertEquals(all.combinations() * (2.5 + 3 + 5), all.estimatedSeconds(), 1e-9);
    }

    /** Regenerating the page keeps the sections other tools wrote (a fenced "## " line is not a heading). */
    @Test
    void regeneratingKeepsSectionsTheRunDoesNotWrite() {
        String old = "# Benchmarks\n\n## Reproduce\nold\n\n## NIST table\nrow 1\n```\n## not a heading\n```\n"
                + "\n## Compiled execution (issue 9)\nold figures\n\n## Stiff test set\nsteps\n";
        String generated = "# Benchmarks\n\n## Reproduce\nnew\n\n## Compiled execution (issue 9)\nnew figures\n";
        assertEquals("## NIST table\nrow 1\n```\n## not a heading\n```\n\n## Stiff test set\nsteps\n\n",
                Report.keptSections(old, generated));
    }
}
