package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A Jacobian evaluator prepared once for a graph — pattern detected, columns or rows colored —
 * and then evaluated at many points, each time with as many sweeps as colors instead of as
 * many as inputs or outputs.
 *
 * <pre>
 *   SparseJacobian jac = SparseJacobian.prepare(graph);   // detect + color, once
 *   DMatrixSparseCSC J = jac.evaluate(x);                  // linearize + jac.sweeps() lanes
 *   jac.evaluate(x2, J);                                   // same structure, reused arrays
 * </pre>
 *
 * <p><b>Columns</b> (forward mode): with seed matrix S (S_jc = 1 when input j has color c),
 * each color is one JVP lane and the lanes together give B = J·S; since same-colored columns
 * share no row, J_ij = B[i, color(j)]. <b>Rows</b> (reverse mode): Sᵀ·J by one VJP per row
 * color, J_ij = B[color(i), j]. {@link #prepare(Graph)} colors both sides with every ordering
 * and takes the side with fewer colors (columns on a tie, as a JVP lane is cheaper than a
 * VJP). Columns run as tangent lanes of ad-forward's {@code ForwardProgram}; rows as
 * multi-lane reverse sweeps over the graph linearized once per point. Either way up to
 * {@value #LANE_BLOCK} colors share one sweep.
 *
 * <p>Exactness: entry J_ij is accumulated from the same products in the same order as a dense
 * sweep seeded with the single input j (or output i) would accumulate it; the other members
 * of its color only add exact zeros. Compressed and dense Jacobians agree bitwise.
 *
 * <p>Not thread-safe (it owns its workspaces); prepare one per thread, or share the pattern
 * and coloring and call {@link #prepare(Graph, SparsityPattern, Coloring)} per thread.
 */
public final class SparseJacobian {
    /** Lanes computed side by side per sweep: bounds workspace memory at nodes × 16 doubles. */
    static final int LANE_BLOCK = 16;

    private final SparsityPattern pattern;
    private final Coloring coloring;
    private final Linearization reverse;
    private final ForwardLanes forward;
    private final Decompression decompression;
    private final int[] seedLanes;
    private final int inputCount;
    private final int outputCount;

    private SparseJacobian(Graph g, SparsityPattern pattern, Coloring coloring) {
        this.pattern = pattern;
        this.coloring = coloring;
        this.inputCount = g.inputCount();
        int[] outs = new int[g.outputCount()];
        for (int r = 0; r < outs.length; r++) {
            outs[r] = g.outputNode(r);
        }
        this.seedLanes = coloring.colorsUnsafe();
        boolean byColumns = coloring.direction() == Direction.COLUMNS;
        this.reverse = byColumns ? null : new Linearization(g, outs);
        this.forward = byColumns ? new ForwardLanes(g, seedLanes, coloring.count()) : null;
        this.outputCount = g.outputCount();
        SparsityPattern t = pattern.transpose();
        int[] colPtr = t.rowPtr();
        int[] rowIdx = t.colIdx();
        int[] lane = new int[pattern.nnz()];
        int[] node = new int[pattern.nnz()];
        for (int j = 0; j < pattern.cols(); j++) {
            for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
                int i = rowIdx[e];
                lane[e] = byColumns ? seedLanes[j] : seedLanes[i];
                node[e] = byColumns ? g.outputNode(i) : g.inputNode(j);
            }
        }
        this.decompression = new Decompression(pattern, coloring.count(), lane, node);
    }

    /**
     * Null graphs, and graphs with matrix nodes: compressed sweeps keep one double per node and
     * lane, so a matrix graph is refused up front (its element pattern is still available from
     * {@link SparsityDetector#jacobian(Graph)}).
     */
    private static void requireScalar(Graph g) {
        SparsityDetector.checkGraph(g);
        g.requireScalar("compressed sparse Jacobians (SparseJacobian)");
    }

    /** Detects the global pattern, colors columns and rows with every ordering, keeps the fewer sweeps. */
    public static SparseJacobian prepare(Graph g) {
        requireScalar(g);
        SparsityPattern p = SparsityDetector.jacobian(g);
        Coloring columns = GreedyColoring.best(p, Direction.COLUMNS);
        Coloring rows = GreedyColoring.best(p, Direction.ROWS);
        return new SparseJacobian(g, p, rows.count() < columns.count() ? rows : columns);
    }

    /** Detects the global pattern and colors the given side (best ordering). */
    public static SparseJacobian prepare(Graph g, Direction direction) {
        requireScalar(g);
        SparsityPattern p = SparsityDetector.jacobian(g);
        return new SparseJacobian(g, p, GreedyColoring.best(p, direction));
    }

    /**
     * Uses a given pattern and coloring, e.g. computed once and shared between threads, or a
     * local pattern (then the results are exact only where that pattern is valid). Checks that
     * the pattern is outputs × inputs and that the coloring is valid for it.
     */
    public static SparseJacobian prepare(Graph g, SparsityPattern pattern, Coloring coloring) {
        requireScalar(g);
        if (pattern == null || coloring == null) {
            throw new SparsityException("pattern and coloring must not be null");
        }
        if (pattern.rows() != g.outputCount() || pattern.cols() != g.inputCount()) {
            throw new SparsityException("the pattern is " + pattern.rows() + "×" + pattern.cols() + ", but the graph's Jacobian is "
                    + g.outputCount() + "×" + g.inputCount() + " (outputs × inputs)");
        }
        if (coloring.isStar()) {
            throw new SparsityException("a star coloring is for symmetric Hessians; use GreedyColoring for a Jacobian");
        }
        coloring.requireValidFor(pattern);
        return new SparseJacobian(g, pattern, coloring);
    }

    /** The Jacobian at {@code x}, in a new matrix. */
    public DMatrixSparseCSC evaluate(double[] x) {
        DMatrixSparseCSC m = decompression.newMatrix();
        evaluate(EvalOptions.DEFAULT, x, m, null);
        return m;
    }

    /** The Jacobian at {@code x}, written into {@code out} (same size; arrays reused). */
    public DMatrixSparseCSC evaluate(double[] x, DMatrixSparseCSC out) {
        return evaluate(EvalOptions.DEFAULT, x, out, null);
    }

    /**
     * The Jacobian at {@code x} into {@code out}, and the outputs' values into {@code values}
     * when it is not {@code null} (Newton's method wants both). Anomaly detection in the
     * options is not applied here; the subgradient policy is.
     */
    public DMatrixSparseCSC evaluate(EvalOptions options, double[] x, DMatrixSparseCSC out, double[] values) {
        if (x == null || x.length != inputCount) {
            throw new SparsityException("the point has dimension " + (x == null ? "null" : x.length)
                    + ", but the Jacobian has " + inputCount + " columns (inputs)");
        }
        if (out == null) {
            throw new SparsityException("output matrix must not be null");
        }
        if (values != null && values.length != outputCount) {
            throw new SparsityException("values array has length " + values.length + ", the graph has "
                    + outputCount + " outputs");
        }
        if (options == null) {
            throw new SparsityException("evaluation options must not be null");
        }
        decompression.shape(out);
        if (forward != null) {
            forward.evaluate(options, x, decompression, out.nz_values);
        } else {
            reverse.linearize(x, options.policy());
            int colors = coloring.count();
            for (int first = 0; first < colors; first += LANE_BLOCK) {
                int w = Math.min(LANE_BLOCK, colors - first);
                decompression.scatter(reverse.pullBack(seedLanes, first, w), first, w, out.nz_values);
            }
        }
        if (values != null) {
            for (int r = 0; r < values.length; r++) {
                values[r] = forward != null ? forward.outputValue(r) : reverse.outputValue(r);
            }
        }
        return out;
    }

    public SparsityPattern pattern() {
        return pattern;
    }

    public Coloring coloring() {
        return coloring;
    }

    /** Columns (JVP lanes) or rows (VJPs). */
    public Direction direction() {
        return coloring.direction();
    }

    /** Number of colors. */
    public int colors() {
        return coloring.count();
    }

    /** Number of JVP lanes or VJPs per evaluation: the number of colors. */
    public int sweeps() {
        return coloring.count();
    }

    /** Sweeps a dense Jacobian would need by the cheaper side: min(inputs, outputs). */
    public int denseSweeps() {
        return Math.min(pattern.rows(), pattern.cols());
    }

    @Override
    public String toString() {
        return "sparse Jacobian " + pattern.rows() + "×" + pattern.cols() + ", " + pattern.nnz() + " nonzeros, "
                + coloring + ": " + sweeps() + " sweeps instead of " + denseSweeps();
    }
}
