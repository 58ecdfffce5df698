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
        List<Check> checks = new ArrayList<>();
        StringBuilder md = new StringBuilder("## Sparse Jacobians: the 2-D Brusselator (issue 5)\n\n");
        md.append("The right-hand side of the 2-D Brusselator reaction–diffusion system on a periodic N×N grid "
                + "(2N² states; each row has 5 stencil entries of its own species and 1 of the other). Detection is "
                + "`SparsityDetector.jacobian` (reachability through the graph), coloring `GreedyColoring.best` on the "
                + "columns (all four orderings, fewest colors kept), the compressed Jacobian a prepared "
                + "`SparseJacobian` (one forward sweep with one tangent lane per color, decompressed into a reused CSC "
                + "matrix), the dense Jacobian forward mode with 16 lanes per sweep (2N²/16 sweeps, N ≤ 32 only).\n\n");
        List<String> ns = r.values(SPARSE, "N");

        md.append("**Pattern and colors** (computed directly):\n\n");
        Table counts = new Table("N", "states", "nonzeros", "column colors (" + orderings() + ")", "row colors (same orderings)",
                "lower bound", "chosen", "sweeps vs dense");
        int colors32 = -1;
        int nnz32 = -1;
        int nodes32 = -1;
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
                colors32 = sj.colors();
                nnz32 = p.nnz();
                nodes32 = g.size();
            }
        }
        md.append(counts).append('\n');

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

        double[] cells = Series.squares(Series.numbers(ns));
        double[] detect = Series.times(r, SPARSE, "detectPattern", "N", ns);
        double[] color = Series.times(r, SPARSE, "colorColumns", "N", ns);
        double[] eval = Series.times(r, SPARSE, "compressedJacobian", "N", ns);
        double[] rhs = Series.times(r, SPARSE, "plainRhs", "N", ns);
        double eD = PowerLaw.exponent(cells, detect);
        double eC = PowerLaw.exponent(cells, color);
        double eE = PowerLaw.exponent(cells, eval);
        md.append("Fitted growth with the number of grid cells N²: detection ~ (N²)^").append(Fmt.exponent(eD))
                .append(", coloring ~ (N²)^").append(Fmt.exponent(eC)).append(", compressed evaluation ~ (N²)^")
                .append(Fmt.exponent(eE)).append(", plain rhs ~ (N²)^").append(Fmt.exponent(PowerLaw.exponent(cells, rhs)))
                .append(".\n\n");
        LogLogPlot plot = new LogLogPlot("2-D Brusselator: sparse Jacobian stages vs grid size", "N² (grid cells)", "time (µs)")
                .series("pattern detection", cells, micros(detect))
                .series("coloring (best of 4 orderings)", cells, micros(color))
                .series("compressed Jacobian", cells, micros(eval))
                .series("dense forward Jacobian", cells, micros(Series.times(r, SPARSE, "denseForward", "N", ns)))
                .series("plain rhs", cells, micros(rhs));
        int first = Series.firstFinite(detect);
        if (first >= 0) {
            plot.reference("linear in N²", cells, cells[first], detect[first] / 1e3, 1.0);
        }
        if (plot.hasData()) {
            plot.save(docs.resolve("sparse-scaling.png"));
            md.append("![sparse Jacobian stages vs grid size](sparse-scaling.png)\n\n");
        }

        Score det32 = r.get(SPARSE, "detectPattern", "N", "32");
        checks.add(Check.atMost("5", "pattern detection ≤ 2 ms (N = 32, warm)", det32 == null ? null : det32.nanos(),
                DETECTION_TARGET_NS, det32 == null ? null : det32.toString()));
        if (nnz32 >= 0) {
            checks.add(new Check("5", "exactly 12,288 nonzeros (N = 32)", Fmt.count(nnz32), nnz32 == 12_288));
            checks.add(Check.atMost("5", "at most " + COLOR_TARGET + " colors (N = 32)", (double) colors32, COLOR_TARGET,
                    Integer.toString(colors32)));
        }
        Score dense32 = r.get(SPARSE, "denseForward", "N", "32");
        Score comp32 = r.get(SPARSE, "compressedJacobian", "N", "32");
        checks.add(new Check("5", "speed-up compressed vs dense (N = 32): reported, no target",
                dense32 == null || comp32 == null ? "—" : dense32.over(comp32) + "×", null));
        checks.add(scaling("detection", eD));
        checks.add(scaling("coloring", eC));
        checks.add(scaling("compressed evaluation", eE));
        md.append(Checks.table(checks));
        if (det32 != null && nodes32 > 0) {
            md.append("Detection at N = 32 costs ").append(Fmt.number(det32.nanos() / nodes32)).append(" ns per graph node (")
                    .append(Fmt.count(nodes32)).append(" nodes) and ").append(Fmt.number(det32.nanos() / nnz32))
                    .append(" ns per nonzero of the pattern: one pass over the nodes, merging the sorted input sets of each "
                            + "node's arguments.\n\n");
        }
        return new Output(md.toString(), checks);
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
