package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A Jacobian evaluator for a {@link BidirectionalColoring}: the forward part of the pattern
 * from compressed JVP lanes J·S (one per column color, seeded columns only), the reverse part
 * from compressed VJPs Wᵀ·J (one per row color, seeded rows only), merged into one sparse
 * matrix. Sweeps per point: {@link BidirectionalColoring#sweeps()}, forward plus reverse; the
 * graph is also linearized once for the reverse part when it has one.
 *
 * <pre>
 *   BidirectionalJacobian jac = BidirectionalJacobian.prepare(graph);  // detect + bicolor, once
 *   DMatrixSparseCSC J = jac.evaluate(x);
 * </pre>
 *
 * <p>Exactness: as for {@link SparseJacobian}, each entry is accumulated from the products a
 * dense sweep seeded with its own column (or row) would accumulate, plus exact zeros from the
 * other members of its color, so it agrees with the dense Jacobian bitwise.
 *
 * <p>Not thread-safe (it owns its workspaces).
 */
public final class BidirectionalJacobian {
    private final BidirectionalColoring coloring;
    private final ForwardLanes forward;
    private final Linearization reverse;
    private final Decompression all;
    private final Decompression forwardPart;
    private final Decompression reversePart;
    private final int[] reverseSeeds;
    private final int[] fromForward;
    private final int[] fromReverse;
    private final double[] forwardNz;
    private final double[] reverseNz;
    private final int inputCount;
    private final int outputCount;

    private BidirectionalJacobian(Graph g, BidirectionalColoring c) {
        this.coloring = c;
        this.inputCount = g.inputCount();
        this.outputCount = g.outputCount();
        int[] outs = new int[outputCount];
        for (int r = 0; r < outs.length; r++) {
            outs[r] = g.outputNode(r);
        }
        int[] forwardSeeds = c.forwardSeeds();
        this.reverseSeeds = c.reverseSeeds();
        this.forward = c.forwardSweeps() > 0 ? new ForwardLanes(g, forwardSeeds, c.forwardSweeps()) : null;
        this.reverse = c.reverseSweeps() > 0 ? new Linearization(g, outs) : null;
        this.forwardPart = decompression(g, c.forwardPart(), forwardSeeds, true, c.forwardSweeps());
        this.reversePart = decompression(g, c.reversePart(), reverseSeeds, false, c.reverseSweeps());
        this.all = new Decompression(c.pattern(), 0, new int[0], new int[0]);
        this.forwardNz = new double[c.forwardPart().nnz()];
        this.reverseNz = new double[c.reversePart().nnz()];
        // where each entry of the whole pattern (CSC order) is found in one of the parts
        SparsityPattern t = c.pattern().transpose();
        SparsityPattern tf = c.forwardPart().transpose();
        SparsityPattern tr = c.reversePart().transpose();
        this.fromForward = new int[c.pattern().nnz()];
        this.fromReverse = new int[c.pattern().nnz()];
        for (int j = 0; j < t.rows(); j++) {
            int kf = tf.rowPtr()[j];
            int kr = tr.rowPtr()[j];
            for (int e = t.rowPtr()[j]; e < t.rowPtr()[j + 1]; e++) {
                int i = t.colIdx()[e];
                fromForward[e] = -1;
                fromReverse[e] = -1;
                if (kf < tf.rowPtr()[j + 1] && tf.colIdx()[kf] == i) {
                    fromForward[e] = kf++;
                } else {
                    fromReverse[e] = kr++;
                }
            }
        }
    }

    private static Decompression decompression(Graph g, SparsityPattern part, int[] seeds, boolean byColumns, int colors) {
        SparsityPattern t = part.transpose();
        int[] lane = new int[part.nnz()];
        int[] node = new int[part.nnz()];
        for (int j = 0; j < part.cols(); j++) {
            for (int e = t.rowPtr()[j]; e < t.rowPtr()[j + 1]; e++) {
                int i = t.colIdx()[e];
                lane[e] = byColumns ? seeds[j] : seeds[i];
                node[e] = byColumns ? g.outputNode(i) : g.inputNode(j);
            }
        }
        return new Decompression(part, colors, lane, node);
    }

    /** Detects the pattern and bicolors it ({@link BidirectionalColoring#of}). */
    public static BidirectionalJacobian prepare(Graph g) {
        SparsityDetector.checkGraph(g);
        g.requireScalar("bidirectional sparse Jacobians (BidirectionalJacobian)");
        return new BidirectionalJacobian(g, BidirectionalColoring.of(SparsityDetector.jacobian(g)));
    }

    /** Uses a given bicoloring, checked to be outputs × inputs and valid for its pattern. */
    public static BidirectionalJacobian prepare(Graph g, BidirectionalColoring c) {
        SparsityDetector.checkGraph(g);
        g.requireScalar("bidirectional sparse Jacobians (BidirectionalJacobian)");
        if (c == null) {
            throw new SparsityException("bicoloring must not be null");
        }
        if (c.pattern().rows() != g.outputCount() || c.pattern().cols() != g.inputCount()) {
            throw new SparsityException("the pattern is " + c.pattern().rows() + "×" + c.pattern().cols()
                    + ", but the graph's Jacobian is " + g.outputCount() + "×" + g.inputCount() + " (outputs × inputs)");
        }
        c.requireValidFor(c.pattern());
        return new BidirectionalJacobian(g, c);
    }

    /** The Jacobian at {@code x}, in a new matrix. */
    public DMatrixSparseCSC evaluate(double[] x) {
        DMatrixSparseCSC m = all.newMatrix();
        return evaluate(x, m);
    }

    /** The Jacobian at {@code x}, written into {@code out} (same size; arrays reused). */
    public DMatrixSparseCSC evaluate(double[] x, DMatrixSparseCSC out) {
        if (x == null || x.length != inputCount) {
            throw new SparsityException("the point has dimension " + (x == null ? "null" : x.length)
                    + ", but the Jacobian has " + inputCount + " columns (inputs)");
        }
        if (out == null) {
            throw new SparsityException("output matrix must not be null");
        }
        all.shape(out);
        if (forward != null) {
            forward.evaluate(EvalOptions.DEFAULT, x, forwardPart, forwardNz);
        }
        if (reverse != null) {
            reverse.linearize(x, EvalOptions.DEFAULT.policy());
            int colors = coloring.reverseSweeps();
            for (int first = 0; first < colors; first += SparseJacobian.LANE_BLOCK) {
                int w = Math.min(SparseJacobian.LANE_BLOCK, colors - first);
                reversePart.scatter(reverse.pullBack(reverseSeeds, first, w), first, w, reverseNz);
            }
        }
        double[] nz = out.nz_values;
        for (int e = 0; e < fromForward.length; e++) {
            nz[e] = fromForward[e] >= 0 ? forwardNz[fromForward[e]] : reverseNz[fromReverse[e]];
        }
        return out;
    }

    public BidirectionalColoring coloring() {
        return coloring;
    }

    /** JVP lanes plus VJPs per evaluation. */
    public int sweeps() {
        return coloring.sweeps();
    }

    @Override
    public String toString() {
        return "bidirectional sparse Jacobian " + coloring.pattern().rows() + "×" + coloring.pattern().cols() + ", "
                + coloring;
    }
}
