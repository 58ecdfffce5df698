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
        int size = p.rows();
        int[] ptr = p.rowPtr();
        int[] idx = p.colIdx();
        // per row i, how many neighbours carry each color: count[c] valid when stamp[c] == i
        int colors = 0;
        for (int c : color) {
            colors = Math.max(colors, c + 1);
        }
        int[][] perRowCount = new int[size][];
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
            perRowCount[i] = mine;
        }
        // CSR of the symmetric pattern is also its CSC; entry (i, j) at position k of row i
        int[] lane = new int[p.nnz()];
        int[] node = new int[p.nnz()];
        for (int i = 0; i < size; i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int j = idx[k];
                int lo = Math.min(i, j);
                int hi = Math.max(i, j);
                if (lo == hi) {
                    lane[k] = color[i];
                    node[k] = gradNode[i];
                    continue;
                }
                if (color[lo] == color[hi]) {
                    throw new SparsityException("not a star coloring: neighbours " + lo + " and " + hi
                            + " have the same color " + color[lo]);
                }
                // decide for the unordered pair, so H_ij and H_ji come from the same number
                if (uniqueNeighbour(perRowCount, ptr, idx, lo, hi)) {
                    lane[k] = color[hi];
                    node[k] = gradNode[lo];
                } else if (uniqueNeighbour(perRowCount, ptr, idx, hi, lo)) {
                    lane[k] = color[lo];
                    node[k] = gradNode[hi];
                } else {
                    throw new SparsityException("not a star coloring: entry (" + lo + ", " + hi
                            + ") cannot be recovered, as both " + lo + " and " + hi
                            + " have another neighbour of the other's color");
                }
            }
        }
        return new Decompression(p, colors, lane, node);
    }

    /** Whether j is the only neighbour of row i with j's color. */
    private static boolean uniqueNeighbour(int[][] perRowCount, int[] ptr, int[] idx, int i, int j) {
        int k = java.util.Arrays.binarySearch(idx, ptr[i], ptr[i + 1], j);
        return perRowCount[i][k - ptr[i]] == 1;
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
