package dev.leibniz.benchmarks.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sparse section's whole page, text and checks, from made-up times. Every time doubles in
 * N² (×4 from N = 16 to 32) and the dense Jacobian grows as (N²)², so by hand: each fitted
 * exponent is 1.00, compressed / rhs = 25/2 = 12.5 at both sizes, the speed-up over dense is
 * 100/25 = 4.00× at N = 16 and 1600/100 = 16.0× at N = 32, and detection costs 1.5 ms / 23,557
 * nodes = 63.7 ns per node and 1.5 ms / 12,288 nonzeros = 122 ns per nonzero. The counts (states
 * 2N², nonzeros 6·2N², lower bound 6 = the nonzeros of a row) are the Brusselator's; the colors
 * per ordering are the greedy colorings' as they are today.
 */
class SparseSectionTest {
    static final String INTRO = String.join("\n",
            "## Sparse Jacobians: the 2-D Brusselator (issue 5)",
            "",
            "The right-hand side of the 2-D Brusselator reaction–diffusion system on a periodic N×N grid (2N² states; "
                    + "each row has 5 stencil entries of its own species and 1 of the other). Detection is "
                    + "`SparsityDetector.jacobian` (reachability through the graph), coloring `GreedyColoring.best` on the "
                    + "columns (all four orderings, fewest colors kept), the compressed Jacobian a prepared "
                    + "`SparseJacobian` (one forward sweep with one tangent lane per color, decompressed into a reused CSC "
                    + "matrix), the dense Jacobian forward mode with 16 lanes per sweep (2N²/16 sweeps, N ≤ 32 only).",
            "",
            "**Pattern and colors** (computed directly):",
            "",
            "| N | states | nonzeros | column colors (natural / largest-first / smallest-last / incidence-degree) "
                    + "| row colors (same orderings) | lower bound | chosen | sweeps vs dense |",
            "|---|---|---|---|---|---|---|---|",
            "");
    static final String COUNTS16 = "| 16 | 512 | 3,072 | 11 / 11 / 12 / 11 | 11 / 11 / 12 / 11 | 6 | 11 columns | 11 vs 512 |\n";
    static final String COUNTS32 = "| 32 | 2,048 | 12,288 | 12 / 12 / 11 / 12 | 12 / 12 / 11 / 12 | 6 | 11 columns | 11 vs 2,048 |\n";
    static final String TIMES = String.join("\n",
            "",
            "**Times** (JMH):",
            "",
            "| N | states | plain rhs | detection | coloring | compressed Jacobian | dense forward Jacobian "
                    + "| compressed / rhs | speed-up compressed vs dense |",
            "|---|---|---|---|---|---|---|---|---|",
            "");
    static final String PLOT = "![sparse Jacobian stages vs grid size](sparse-scaling.png)\n\n";
    static final String TARGETS = String.join("\n",
            "**Targets**",
            "",
            "| issue | target | measured | verdict |",
            "|---|---|---|---|",
            "");
    static final String[] SCALING = {"detection", "coloring", "compressed evaluation"};

    @TempDir
    static Path docs;

    static Score s(double nanos) {
        return new Score(nanos, Double.NaN);
    }

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aFullRunGivesEveryTableFitCheckAndThePlot() throws IOException {
        Results.Builder b = Results.builder();
        for (int n : new int[] {16, 32}) {
            String ns = Integer.toString(n);
            double cells = n * n / 256.0;
            b.add(SparseSection.SPARSE, "plainRhs", s(2_000 * cells), "N", ns);
            b.add(SparseSection.SPARSE, "detectPattern", s(375_000 * cells), "N", ns);
            b.add(SparseSection.SPARSE, "colorColumns", s(100_000 * cells), "N", ns);
            b.add(SparseSection.SPARSE, "compressedJacobian", s(25_000 * cells), "N", ns);
            b.add(SparseSection.SPARSE, "denseForward", s(100_000 * cells * cells), "N", ns);
        }
        Path dir = Files.createDirectories(docs.resolve("full"));
        Section.Output o = new SparseSection().write(b.build(), dir);
        String expected = INTRO + COUNTS16 + COUNTS32 + TIMES
                + "| 16 | 512 | 2.00 µs | 375 µs | 100 µs | 25.0 µs | 100 µs | 12.5 | 4.00× |\n"
                + "| 32 | 2,048 | 8.00 µs | 1.50 ms | 400 µs | 100 µs | 1.60 ms | 12.5 | 16.0× |\n"
                + "\n"
                + "Fitted growth with the number of grid cells N²: detection ~ (N²)^1.00, coloring ~ (N²)^1.00, "
                + "compressed evaluation ~ (N²)^1.00, plain rhs ~ (N²)^1.00.\n\n"
                + PLOT + TARGETS
                + "| #5 | pattern detection ≤ 2 ms (N = 32, warm) | 1.50 ms | **met** |\n"
                + "| #5 | exactly 12,288 nonzeros (N = 32) | 12,288 | **met** |\n"
                + "| #5 | at most 12 colors (N = 32) | 11 | **met** |\n"
                + "| #5 | speed-up compressed vs dense (N = 32): reported, no target | 16.0× | reported |\n"
                + "| #5 | detection grows about linearly in N² (fitted exponent ≤ 1.2) | (N²)^1.00 | **met** |\n"
                + "| #5 | coloring grows about linearly in N² (fitted exponent ≤ 1.2) | (N²)^1.00 | **met** |\n"
                + "| #5 | compressed evaluation grows about linearly in N² (fitted exponent ≤ 1.2) | (N²)^1.00 | **met** |\n"
                + "\n"
                + "Detection at N = 32 costs 63.7 ns per graph node (23,557 nodes) and 122 ns per nonzero of the pattern: "
                + "one pass over the nodes, merging the sorted input sets of each node's arguments.\n\n";
        assertEquals(expected, o.markdown());
        assertEquals(List.of(
                new Check("5", "pattern detection ≤ 2 ms (N = 32, warm)", "1.50 ms", true),
                new Check("5", "exactly 12,288 nonzeros (N = 32)", "12,288", true),
                new Check("5", "at most 12 colors (N = 32)", "11", true),
                new Check("5", "speed-up compressed vs dense (N = 32): reported, no target", "16.0×", null),
                scaling(0, "(N²)^1.00", true), scaling(1, "(N²)^1.00", true), scaling(2, "(N²)^1.00", true)),
                o.checks());
        assertTrue(Files.size(dir.resolve("sparse-scaling.png")) > 0);
    }

    /** Only the plain rhs at N = 16: no N = 32 counts, so no count checks; every timed target is "not measured". */
    @Test
    void aPartialRunLeavesOutWhatWasNotMeasured() throws IOException {
        Results r = Results.builder().add(SparseSection.SPARSE, "plainRhs", s(2_000), "N", "16").build();
        Section.Output o = new SparseSection().write(r, Files.createDirectories(docs.resolve("partial")));
        String expected = INTRO + COUNTS16 + TIMES
                + "| 16 | 512 | 2.00 µs | — | — | — | — | — | — |\n"
                + "\n"
                + "Fitted growth with the number of grid cells N²: detection ~ (N²)^—, coloring ~ (N²)^—, "
                + "compressed evaluation ~ (N²)^—, plain rhs ~ (N²)^—.\n\n"
                + PLOT + TARGETS
                + "| #5 | pattern detection ≤ 2 ms (N = 32, warm) | — | not measured |\n"
                + "| #5 | speed-up compressed vs dense (N = 32): reported, no target | — | not measured |\n"
                + "| #5 | detection grows about linearly in N² (fitted exponent ≤ 1.2) | — | not measured |\n"
                + "| #5 | coloring grows about linearly in N² (fitted exponent ≤ 1.2) | — | not measured |\n"
                + "| #5 | compressed evaluation grows about linearly in N² (fitted exponent ≤ 1.2) | — | not measured |\n"
                + "\n";
        assertEquals(expected, o.markdown());
        assertEquals(List.of(
                new Check("5", "pattern detection ≤ 2 ms (N = 32, warm)", "—", null),
                new Check("5", "speed-up compressed vs dense (N = 32): reported, no target", "—", null),
                scaling(0, "—", null), scaling(1, "—", null), scaling(2, "—", null)), o.checks());
    }

    /** N = 32 counted but its detection not timed: the count checks appear, the per-node paragraph does not. */
    @Test
    void theCountsOfNEquals32AreCheckedWithoutItsTimes() throws IOException {
        Results r = Results.builder().add(SparseSection.SPARSE, "plainRhs", s(8_000), "N", "32").build();
        Section.Output o = new SparseSection().write(r, Files.createDirectories(docs.resolve("counts")));
        assertTrue(o.markdown().startsWith(INTRO + COUNTS32 + TIMES), o.markdown());
        assertTrue(o.markdown().endsWith("| #5 | at most 12 colors (N = 32) | 11 | **met** |\n"
                + "| #5 | speed-up compressed vs dense (N = 32): reported, no target | — | not measured |\n"
                + "| #5 | detection grows about linearly in N² (fitted exponent ≤ 1.2) | — | not measured |\n"
                + "| #5 | coloring grows about linearly in N² (fitted exponent ≤ 1.2) | — | not measured |\n"
                + "| #5 | compressed evaluation grows about linearly in N² (fitted exponent ≤ 1.2) | — | not measured |\n"
                + "\n"), o.markdown());
        assertEquals(7, o.checks().size());
    }

    @Test
    void noSparseResultsNoSection() throws IOException {
        Results r = Results.builder().add("ManyOutputsBenchmark", "forward", s(10), "m", "10").build();
        assertEquals(Section.Output.NONE, new SparseSection().write(r, docs));
    }

    private static Check scaling(int what, String measured, Boolean met) {
        return new Check("5", SCALING[what] + " grows about linearly in N² (fitted exponent ≤ 1.2)", measured, met);
    }
}
