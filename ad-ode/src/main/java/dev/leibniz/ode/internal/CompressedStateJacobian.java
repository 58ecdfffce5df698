package dev.leibniz.ode.internal;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.ode.JacobianStrategy;
import dev.leibniz.sparse.Coloring;
import dev.leibniz.sparse.Direction;
import dev.leibniz.sparse.GreedyColoring;
import dev.leibniz.sparse.SparseJacobian;
import dev.leibniz.sparse.SparsityDetector;
import dev.leibniz.sparse.SparsityPattern;
import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;

/**
 * ∂f/∂y by ad-sparse's compressed evaluation, restricted to the state columns.
 *
 * <p>The right-hand-side graph also reads t and the parameters, whose columns the solver does not
 * want. They are dropped from the pattern handed to {@link SparseJacobian}, and all of them are
 * seeded in one extra lane of their own: the state lanes then carry exactly the state columns
 * (B = J_y·S), and the extra lane is never read. The state columns are colored among themselves
 * ({@link GreedyColoring#best}, fewest colors over the orderings), so a global parameter that
 * touches every row costs one lane in all rather than one lane each.
 *
 * <p>Per evaluation: one forward pass, ⌈(colors + 1)/16⌉ tangent sweeps of up to 16 lanes, and
 * a copy of the nonzeros from graph-input column order into state column order.
 */
final class CompressedStateJacobian implements JacobianStrategy.SparseEvaluator {
    private final int n;
    private final int colors;
    private final SparseJacobian compressed;
    private final DMatrixSparseCSC full;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final int[] stateInputs;
    private int[] fullToState;

    /** @param statePattern the n × n pattern of ∂f/∂y, from {@link #statePattern} */
    CompressedStateJacobian(Graph rhs, int[] stateInputs, SparsityPattern full, SparsityPattern statePattern) {
        this.n = stateInputs.length;
        this.stateInputs = stateInputs.clone();
        int inputs = rhs.inputCount();
        int[] inputState = inputState(stateInputs, inputs);
        Coloring stateColoring = GreedyColoring.best(statePattern, Direction.COLUMNS);
        this.colors = stateColoring.count();
        int[] inputColor = new int[inputs];
        for (int j = 0; j < inputs; j++) {
            int k = inputState[j];
            if (k >= 0) {
                inputColor[j] = stateColoring.colorOf(k);
            } else {
                inputColor[j] = colors; // t and parameters: one lane of their own, never read
            }
        }
        int[][] rows = new int[full.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.stream(full.columnsOf(i)).filter(j -> inputState[j] >= 0).toArray();
        }
        SparsityPattern restricted = SparsityPattern.fromRows(inputs, rows);
        this.compressed = SparseJacobian.prepare(rhs, restricted, Coloring.of(inputColor, Direction.COLUMNS));
        this.full = new DMatrixSparseCSC(full.rows(), inputs, restricted.nnz());
        // state-order CSC structure: column k is graph column stateInputs[k]
        this.colPtr = new int[n + 1];
        int nnz = 0;
        for (int k = 0; k < n; k++) {
            nnz += stateInputs[k] < 0 ? 0 : restricted.columnCount(stateInputs[k]);
            colPtr[k + 1] = nnz;
        }
        this.rowIdx = new int[nnz];
        for (int k = 0; k < n; k++) {
            if (stateInputs[k] >= 0) {
                int[] r = restricted.rowsOf(stateInputs[k]);
                System.arraycopy(r, 0, rowIdx, colPtr[k], r.length);
            }
        }
    }

    /** The n × n pattern of ∂f/∂y (rows: outputs in state order; columns: states). */
    static SparsityPattern statePattern(SparsityPattern full, int[] stateInputs) {
        int[] inputState = inputState(stateInputs, full.cols());
        int[][] rows = new int[full.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.stream(full.columnsOf(i)).map(j -> inputState[j]).filter(k -> k >= 0).toArray();
        }
        return SparsityPattern.fromRows(stateInputs.length, rows);
    }

    /** The global Jacobian pattern of the graph (outputs × inputs). */
    static SparsityPattern graphPattern(Graph rhs) {
        return SparsityDetector.jacobian(rhs);
    }

    private static int[] inputState(int[] stateInputs, int inputs) {
        int[] inputState = new int[inputs];
        Arrays.fill(inputState, -1);
        for (int k = 0; k < stateInputs.length; k++) {
            if (stateInputs[k] >= 0) {
                inputState[stateInputs[k]] = k;
            }
        }
        return inputState;
    }

    @Override
    public DMatrixSparseCSC newMatrix() {
        DMatrixSparseCSC m = new DMatrixSparseCSC(n, n, rowIdx.length);
        System.arraycopy(colPtr, 0, m.col_idx, 0, n + 1);
        System.arraycopy(rowIdx, 0, m.nz_rows, 0, rowIdx.length);
        m.nz_length = rowIdx.length;
        m.indicesSorted = true;
        return m;
    }

    @Override
    public void jacobian(double[] inputs, DMatrixSparseCSC out) {
        compressed.evaluate(EvalOptions.DEFAULT, inputs, full, null);
        if (fullToState == null) {
            fullToState = map();
        }
        double[] src = full.nz_values;
        double[] dst = out.nz_values;
        for (int e = 0; e < fullToState.length; e++) {
            int d = fullToState[e];
            if (d >= 0) {
                dst[d] = src[e];
            }
        }
    }

    /** Per nonzero of the graph-column result, its position in the state-column result. */
    private int[] map() {
        int[] m = new int[full.nz_length];
        Arrays.fill(m, -1);
        for (int k = 0; k < n; k++) {
            int j = stateInputs[k];
            if (j < 0) {
                continue;
            }
            for (int e = full.col_idx[j]; e < full.col_idx[j + 1]; e++) {
                int at = Arrays.binarySearch(rowIdx, colPtr[k], colPtr[k + 1], full.nz_rows[e]);
                if (at < 0) {
                    throw new IllegalStateException("compressed Jacobian entry (" + full.nz_rows[e] + ", " + k
                            + ") outside the state pattern");
                }
                m[e] = at;
            }
        }
        return m;
    }

    @Override
    public int sweeps() {
        return colors;
    }
}
