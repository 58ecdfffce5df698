package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.ReverseMode;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A Hessian evaluator for one output of a graph, prepared once — Hessian pattern detected,
 * star-colored — and evaluated at many points.
 *
 * <p>The gradient graph ∇f is built once by {@link ReverseMode#gradientGraph}; at each point,
 * one forward (JVP) lane per color of ad-forward's {@code ForwardProgram} over it gives
 * B = H·S (forward-over-reverse Hessian-vector products, up to 16 lanes per sweep). Every entry is then read directly from B
 * by the star-coloring rule (see {@link StarColoring}); the two mirror entries H_ij and H_ji are
 * read from the same place, so the result is exactly symmetric.
 *
 * <p>Not thread-safe (it owns its workspaces).
 */
public final class SparseHessian {
    private final SparsityPattern pattern;
    private final Coloring coloring;
    private final ForwardLanes lanes;
    private final Decompression decompression;
    private final int n;

    private SparseHessian(Graph f, int output, SparsityPattern pattern, Coloring coloring) {
        this.pattern = pattern;
        this.coloring = coloring;
        this.n = f.inputCount();
        Graph grad = ReverseMode.gradientGraph(f, output);
        int[] outs = new int[n];
        for (int j = 0; j < n; j++) {
            outs[j] = grad.outputNode(j + 1); // output 0 is f itself
        }
        this.lanes = new ForwardLanes(grad, coloring.colorsUnsafe(), coloring.count());
        this.decompression = recovery(pattern, coloring.colorsUnsafe(), outs);
    }

    /**
     * Null graphs, and graphs with matrix nodes: the lanes are ForwardProgram's, one double per
     * node, so a matrix graph is refused up front (its element Hessian pattern is still available
     * from {@link SparsityDetector#hessian(Graph)}).
     */
    private static void requireScalar(Graph f) {
        SparsityDetector.checkGraph(f);
        f.requireScalar("compressed sparse Hessians (SparseHessian)");
    }

    /** Hessian of output 0: global pattern, best star coloring over all orderings. */
    public static SparseHessian prepare(Graph f) {
        return prepare(f, 0);
    }

    /** Hessian of output {@code output}. */
    public static SparseHessian prepare(Graph f, int output) {
        requireScalar(f);
        SparsityPattern p = SparsityDetector.hessian(f, output);
        return new SparseHessian(f, output, p, StarColoring.best(p));
    }

    /**
     * Uses a given symmetric pattern and coloring; checks their sizes and that every entry can
     * be recovered directly (neighbours colored differently, and for each off-diagonal entry
     * one endpoint being its partner's only neighbour of its color).
     */
    public static SparseHessian prepare(Graph f, int output, SparsityPattern pattern, Coloring coloring) {
        requireScalar(f);
        StarColoring.requireSymmetric(pattern);
        if (coloring == null) {
            throw new SparsityException("coloring must not be null");
        }
        if (pattern.rows() != f.inputCount()) {
            throw new SparsityException("the pattern is " + pattern.rows() + "×" + pattern.cols() + ", but the graph has "
                    + f.inputCount() + " inputs");
        }
        if (coloring.size() != f.inputCount()) {
            throw new SparsityException("the coloring colors " + coloring.size() + " variables, but the graph has "
                    + f.inputCount() + " inputs");
        }
        if (output < 0 || output >= f.outputCount()) {
            throw new SparsityException("output index " + output + " is out of range; the graph has outputs "
                    + f.outputNames());
        }
        return new SparseHessian(f, output, pattern, coloring);
    }

    /** Direct recovery: for each CSC entry, the (gradient component, color) B is read at. */
    private static Decompression recovery(SparsityPattern p, int[] color, int[] gradNode) {
        return new Recovery(p, color, gradNode).decompression();
    }

    /**
     * The direct-recovery table of a symmetric pattern under a coloring. A diagonal entry H_ii
     * is read from gradient component i in i's own color; an off-diagonal one from the component
     * of an endpoint whose partner is its only neighbour of the partner's color (the star
     * coloring rule), decided once for the unordered pair so that H_ij and H_ji come from the
     * same number and the result is exactly symmetric.
     */
    private static final class Recovery {
        private final SparsityPattern p;
        private final int[] ptr;
        private final int[] idx;
        private final int[] color;
        private final int[] gradNode;
        private final int colors;
        /** perRowCount[i][k − ptr[i]]: how many neighbours of row i carry the color of its k-th entry. */
        private final int[][] perRowCount;

        Recovery(SparsityPattern p, int[] color, int[] gradNode) {
            this.p = p;
            this.ptr = p.rowPtr();
            this.idx = p.colIdx();
            this.color = color;
            this.gradNode = gradNode;
            int c = 0;
            for (int ci : color) {
                c = Math.max(c, ci + 1);
            }
            this.colors = c;
            this.perRowCount = neighbourColorCounts();
        }

        /** The lane (color) and gradient node of every entry, in CSC order (the CSR of a symmetric pattern). */
        Decompression decompression() {
            // CSR of the symmetric pattern is also its CSC; entry (i, j) at position k of row i
            int[] lane = new int[p.nnz()];
            int[] node = new int[p.nnz()];
            for (int i = 0; i < p.rows(); i++) {
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    int j = idx[k];
                    int lo = Math.min(i, j);
                    int hi = Math.max(i, j);
                    if (lo == hi) {
                        lane[k] = color[i];
                        node[k] = gradNode[i];
                        continue;
                    }
                    int from = readFrom(lo, hi);
                    lane[k] = color[from == lo ? hi : lo];
                    node[k] = gradNode[from];
                }
            }
            return new Decompression(p, colors, lane, node);
        }

        /**
         * Per row i, for each of its entries, how many of i's off-diagonal neighbours carry that
         * entry's color (0 for the diagonal); one count array is reused and reset row by row.
         */
        private int[][] neighbourColorCounts() {
            int size = p.rows();
            int[][] counts = new int[size][];
            int[] count = new int[colors];
            for (int i = 0; i < size; i++) {
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    if (idx[k] != i) {
                        count[color[idx[k]]]++;
                    }
                }
                int[] mine = new int[ptr[i + 1] - ptr[i]]; // count of the color of each entry of row i
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    mine[k - ptr[i]] = idx[k] == i ? 0 : count[color[idx[k]]];
                }
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    if (idx[k] != i) {
                        count[color[idx[k]]] = 0;
                    }
                }
                counts[i] = mine;
            }
            return counts;
        }

        /**
         * The endpoint of the off-diagonal pair {lo, hi} whose gradient component holds H_lo,hi
         * in the other endpoint's color: lo when hi is lo's only neighbour of hi's color, else hi
         * when lo is hi's only neighbour of lo's color. Equal colors, or neither, means the
         * coloring is not a star coloring.
         */
        private int readFrom(int lo, int hi) {
            if (color[lo] == color[hi]) {
                throw new SparsityException("not a star coloring: neighbours " + lo + " and " + hi
                        + " have the same color " + color[lo]);
            }
            if (uniqueNeighbour(lo, hi)) {
                return lo;
            }
            if (uniqueNeighbour(hi, lo)) {
                return hi;
            }
            throw new SparsityException("not a star coloring: entry (" + lo + ", " + hi
                    + ") cannot be recovered, as both " + lo + " and " + hi
                    + " have another neighbour of the other's color");
        }

        /** Whether j is the only neighbour of row i with j's color. */
        private boolean uniqueNeighbour(int i, int j) {
            int k = java.util.Arrays.binarySearch(idx, ptr[i], ptr[i + 1], j);
            return perRowCount[i][k - ptr[i]] == 1;
        }
    }

    /** The Hessian at {@code x}, in a new matrix. */
    public DMatrixSparseCSC evaluate(double[] x) {
        DMatrixSparseCSC m = decompression.newMatrix();
        return evaluate(EvalOptions.DEFAULT, x, m);
    }

    /** The Hessian at {@code x}, written into {@code out} (n×n; arrays reused). */
    public DMatrixSparseCSC evaluate(double[] x, DMatrixSparseCSC out) {
        return evaluate(EvalOptions.DEFAULT, x, out);
    }

    /** The Hessian at {@code x} into {@code out}, with the options' subgradient policy. */
    public DMatrixSparseCSC evaluate(EvalOptions options, double[] x, DMatrixSparseCSC out) {
        if (x == null || x.length != n) {
            throw new SparsityException("the point has dimension " + (x == null ? "null" : x.length)
                    + ", but the Hessian is " + n + "×" + n);
        }
        if (out == null || options == null) {
            throw new SparsityException("output matrix and options must not be null");
        }
        decompression.shape(out);
        lanes.evaluate(options, x, decompression, out.nz_values);
        return out;
    }

    public SparsityPattern pattern() {
        return pattern;
    }

    public Coloring coloring() {
        return coloring;
    }

    public int colors() {
        return coloring.count();
    }

    /** Hessian-vector products (JVP lanes over the gradient graph) per evaluation. */
    public int sweeps() {
        return coloring.count();
    }

    @Override
    public String toString() {
        return "sparse Hessian " + n + "×" + n + ", " + pattern.nnz() + " nonzeros, " + coloring;
    }
}
