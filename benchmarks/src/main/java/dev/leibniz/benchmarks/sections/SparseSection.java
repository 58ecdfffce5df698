package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Check;
import dev.leibniz.benchmarks.report.Fmt;
import dev.leibniz.benchmarks.report.LogLogPlot;
import dev.leibniz.benchmarks.report.PowerLaw;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import dev.leibniz.benchmarks.report.Table;
import dev.leibniz.core.Graph;
import dev.leibniz.sparse.Coloring;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.GreedyColoring;
import dev.leibniz.sparse.Ordering;
import dev.leibniz.sparse.SparseJacobian;
import dev.leibniz.sparse.SparsityDetector;
import dev.leibniz.sparse.SparsityPattern;
import dev.leibniz.sparse.examples.Brusselator2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 5: sparse Jacobians of the 2-D Brusselator. The pattern and colorings are computed here
 * directly (counts, not times); the times come from SparseJacobianBenchmark. Plot sparse-scaling.png.
 */
public final class SparseSection implements Section {
    static final String SPARSE = "SparseJacobianBenchmark";

    /** Issues 5 and 9: pattern detection of the 32×32 Brusselator, warm. */
    static final double DETECTION_TARGET_NS = 2e6;
    /** Issue 5: the best published tools color the 32×32 Brusselator with 12 colors. */
    static final int COLOR_TARGET = 12;
    /** Issue 5: "about linear" in the number of states — a fitted exponent at most this. */
    static final double LINEAR_BOUND = 1.2;

    @Override
    public List<String> benchmarks() {
        return List.of(SPARSE);
    }

    @Override
    public Output write(Results r, Path docs) throws IOException {
        if (!r.has(SPARSE)) {
            return Output.NONE;
        }
        StringBuilder md = new StringBuilder("## Sparse Jacobians: the 2-D Brusselator (issue 5)\n\n");
        md.append("The right-hand side of the 2-D Brusselator reaction–diffusion system on a periodic N×N grid "
                + "(2N² states; each row has 5 stencil entries of its own species and 1 of the other). Detection is "
                + "`SparsityDetector.jacobian` (reachability through the graph), coloring `GreedyColoring.best` on the "
                + "columns (all four orderings, fewest colors kept), the compressed Jacobian a prepared "
                + "`SparseJacobian` (one forward sweep with one tangent lane per color, decompressed into a reused CSC "
                + "matrix), the dense Jacobian forward mode with 16 lanes per sweep (2N²/16 sweeps, N ≤ 32 only).\n\n");
        List<String> ns = r.values(SPARSE, "N");
        Counts at32 = countsTable(ns, md);
        timesTable(r, ns, md);
        Stages stages = Stages.of(r, ns);
        Growth growth = growth(stages, md);
        plot(r, ns, stages, docs, md);
        List<Check> checks = checks(r, at32, growth);
        md.append(Checks.table(checks));
        detectionCost(r, at32, md);
        return new Output(md.toString(), checks);
    }

    /** The N = 32 figures the checks need: colors, nonzeros and graph nodes (all −1 when N = 32 was not run). */
    private record Counts(int colors, int nnz, int nodes) {
        static final Counts NONE = new Counts(-1, -1, -1);
    }

    /** The times (ns) of each stage along N, with N² (the number of grid cells) as the abscissa; NaN where not run. */
    private record Stages(double[] cells, double[] detect, double[] color, double[] eval, double[] rhs) {
        static Stages of(Results r, List<String> ns) {
            return new Stages(Series.squares(Series.numbers(ns)), Series.times(r, SPARSE, "detectPattern", "N", ns),
                    Series.times(r, SPARSE, "colorColumns", "N", ns), Series.times(r, SPARSE, "compressedJacobian", "N", ns),
                    Series.times(r, SPARSE, "plainRhs", "N", ns));
        }
    }

    /** The fitted exponents of detection, coloring and compressed evaluation in N² (NaN when they cannot be fitted). */
    private record Growth(double detection, double coloring, double evaluation) {
    }

    /**
     * The pattern and coloring table, computed here (not timed) for each N the benchmark ran:
     * the Brusselator graph is built, its pattern detected and colored by rows and columns in
     * every ordering, and the side {@code SparseJacobian.prepare} would take is shown.
     *
     * @return the figures at N = 32, which the checks compare with the targets
     */
    private static Counts countsTable(List<String> ns, StringBuilder md) {
        md.append("**Pattern and colors** (computed directly):\n\n");
        Table counts = new Table("N", "states", "nonzeros", "column colors (" + orderings() + ")", "row colors (same orderings)",
                "lower bound", "chosen", "sweeps vs dense");
        Counts at32 = Counts.NONE;
        for (String n : ns) {
            int size = Integer.parseInt(n);
            Graph g = Brusselator2D.graph(size);
            SparsityPattern p = SparsityDetector.jacobian(g);
            Map<Ordering, Coloring> cols = GreedyColoring.all(p, Direction.COLUMNS);
            Map<Ordering, Coloring> rows = GreedyColoring.all(p, Direction.ROWS);
            SparseJacobian sj = SparseJacobian.prepare(g, p, best(cols, rows));
            counts.row(n, Fmt.count(p.cols()), Fmt.count(p.nnz()), counts(cols), counts(rows),
                    cols.values().iterator().next().lowerBound(),
                    sj.colors() + " " + (sj.direction() == Direction.COLUMNS ? "columns" : "rows"),
                    sj.sweeps() + " vs " + Fmt.count(sj.denseSweeps()));
            if (size == 32) {
                at32 = new Counts(sj.colors(), p.nnz(), g.size());
            }
        }
        md.append(counts).append('\n');
        return at32;
    }

    /** The JMH times of every stage for each N, with the compressed Jacobian's cost in rhs evaluations and its speed-up over dense. */
    private static void timesTable(Results r, List<String> ns, StringBuilder md) {
        md.append("**Times** (JMH):\n\n");
        Table t = new Table("N", "states", "plain rhs", "detection", "coloring", "compressed Jacobian", "dense forward Jacobian",
                "compressed / rhs", "speed-up compressed vs dense");
        for (String n : ns) {
            Score dense = r.get(SPARSE, "denseForward", "N", n);
            Score comp = r.get(SPARSE, "compressedJacobian", "N", n);
            int size = Integer.parseInt(n);
            t.row(n, Fmt.count(2L * size * size), r.get(SPARSE, "plainRhs", "N", n), r.get(SPARSE, "detectPattern", "N", n),
                    r.get(SPARSE, "colorColumns", "N", n), comp, dense, r.ratio(SPARSE, "compressedJacobian", "plainRhs", "N", n),
                    dense == null || comp == null ? null : dense.over(comp) + "×");
        }
        md.append(t).append('\n');
    }

    /** Fits a power law in N² to each stage's times and writes the exponents as one sentence. */
    private static Growth growth(Stages st, StringBuilder md) {
        Growth e = new Growth(PowerLaw.exponent(st.cells, st.detect), PowerLaw.exponent(st.cells, st.color),
                PowerLaw.exponent(st.cells, st.eval));
        md.append("Fitted growth with the number of grid cells N²: detection ~ (N²)^").append(Fmt.exponent(e.detection))
                .append(", coloring ~ (N²)^").append(Fmt.exponent(e.coloring)).append(", compressed evaluation ~ (N²)^")
                .append(Fmt.exponent(e.evaluation)).append(", plain rhs ~ (N²)^")
                .append(Fmt.exponent(PowerLaw.exponent(st.cells, st.rhs))).append(".\n\n");
        return e;
    }

    /**
     * The log-log plot of every stage (µs) against N², with a line of slope 1 through the first
     * detection time for reference; written to sparse-scaling.png and shown only when it has data.
     */
    private static void plot(Results r, List<String> ns, Stages st, Path docs, StringBuilder md) throws IOException {
        LogLogPlot plot = new LogLogPlot("2-D Brusselator: sparse Jacobian stages vs grid size", "N² (grid cells)", "time (µs)")
                .series("pattern detection", st.cells, micros(st.detect))
                .series("coloring (best of 4 orderings)", st.cells, micros(st.color))
                .series("compressed Jacobian", st.cells, micros(st.eval))
                .series("dense forward Jacobian", st.cells, micros(Series.times(r, SPARSE, "denseForward", "N", ns)))
                .series("plain rhs", st.cells, micros(st.rhs));
        int first = Series.firstFinite(st.detect);
        if (first >= 0) {
            plot.reference("linear in N²", st.cells, st.cells[first], st.detect[first] / 1e3, 1.0);
        }
        if (plot.hasData()) {
            plot.save(docs.resolve("sparse-scaling.png"));
            md.append("![sparse Jacobian stages vs grid size](sparse-scaling.png)\n\n");
        }
    }

    /**
     * The targets: detection time at N = 32, the exact nonzero count and the number of
     * colors at N = 32 (only when N = 32 was counted), the speed-up (reported, no target), and
     * about-linear growth of each stage.
     */
    private static List<Check> checks(Results r, Counts at32, Growth growth) {
        List<Check> checks = new ArrayList<>();
        Score det32 = r.get(SPARSE, "detectPattern", "N", "32");
        checks.add(Check.atMost("5", "pattern detection ≤ 2 ms (N = 32, warm)", det32 == null ? null : det32.nanos(),
                DETECTION_TARGET_NS, det32 == null ? null : det32.toString()));
        if (at32.nnz >= 0) {
            checks.add(new Check("5", "exactly 12,288 nonzeros (N = 32)", Fmt.count(at32.nnz), at32.nnz == 12_288));
            checks.add(Check.atMost("5", "at most " + COLOR_TARGET + " colors (N = 32)", (double) at32.colors, COLOR_TARGET,
                    Integer.toString(at32.colors)));
        }
        Score dense32 = r.get(SPARSE, "denseForward", "N", "32");
        Score comp32 = r.get(SPARSE, "compressedJacobian", "N", "32");
        checks.add(new Check("5", "speed-up compressed vs dense (N = 32): reported, no target",
                dense32 == null || comp32 == null ? "—" : dense32.over(comp32) + "×", null));
        checks.add(scaling("detection", growth.detection));
        checks.add(scaling("coloring", growth.coloring));
        checks.add(scaling("compressed evaluation", growth.evaluation));
        return checks;
    }

    /** What limits detection: its time at N = 32 per graph node and per nonzero (only when both were measured). */
    private static void detectionCost(Results r, Counts at32, StringBuilder md) {
        Score det32 = r.get(SPARSE, "detectPattern", "N", "32");
        if (det32 != null && at32.nodes > 0) {
            md.append("Detection at N = 32 costs ").append(Fmt.number(det32.nanos() / at32.nodes)).append(" ns per graph node (")
                    .append(Fmt.count(at32.nodes)).append(" nodes) and ").append(Fmt.number(det32.nanos() / at32.nnz))
                    .append(" ns per nonzero of the pattern: one pass over the nodes, merging the sorted input sets of each "
                            + "node's arguments.\n\n");
        }
    }

    private static Check scaling(String what, double exponent) {
        return Check.atMost("5", what + " grows about linearly in N² (fitted exponent ≤ " + Fmt.bound(LINEAR_BOUND) + ")",
                Double.isFinite(exponent) ? exponent : null, LINEAR_BOUND,
                Double.isFinite(exponent) ? "(N²)^" + Fmt.exponent(exponent) : null);
    }

    /** The side SparseJacobian.prepare(graph) would take: fewer colors, columns on a tie. */
    private static Coloring best(Map<Ordering, Coloring> cols, Map<Ordering, Coloring> rows) {
        Coloring c = fewest(cols);
        Coloring r = fewest(rows);
        return r.count() < c.count() ? r : c;
    }

    private static Coloring fewest(Map<Ordering, Coloring> m) {
        Coloring best = null;
        for (Coloring c : m.values()) {
            if (best == null || c.count() < best.count()) {
                best = c;
            }
        }
        return best;
    }

    private static String counts(Map<Ordering, Coloring> m) {
        List<String> s = new ArrayList<>();
        for (Ordering o : Ordering.values()) {
            s.add(Integer.toString(m.get(o).count()));
        }
        return String.join(" / ", s);
    }

    private static String orderings() {
        List<String> s = new ArrayList<>();
        for (Ordering o : Ordering.values()) {
            s.add(o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return String.join(" / ", s);
    }

    private static double[] micros(double[] nanos) {
        double[] y = new double[nanos.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = nanos[i] / 1e3;
        }
        return y;
    }
}
