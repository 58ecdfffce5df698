package dev.leibniz.sparse;

import dev.leibniz.forward.TangentLanes;
import org.ejml.data.DMatrixSparseCSC;

/**
 * Where each entry of a sparse result comes from: the compressed-column (CSC) structure of
 * the result, and for each of its entries the color (lane) and graph node whose tangent or
 * adjoint holds the value. Entries are grouped by color so that a block of lanes is scattered
 * in one pass. Built once per prepared evaluator; scattering allocates nothing.
 */
final class Decompression {
    private final int rows;
    private final int cols;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final int[] colorPtr;
    private final int[] entryNz;
    private final int[] entryNode;

    /**
     * @param pattern   the result's pattern
     * @param colors    number of colors (lanes)
     * @param laneOfNz  per CSC entry (in column-major order), the color it is read from
     * @param nodeOfNz  per CSC entry, the node it is read from
     */
    Decompression(SparsityPattern pattern, int colors, int[] laneOfNz, int[] nodeOfNz) {
        SparsityPattern t = pattern.transpose();
        this.rows = pattern.rows();
        this.cols = pattern.cols();
        this.colPtr = t.rowPtr();
        this.rowIdx = t.colIdx();
        this.colorPtr = new int[colors + 1];
        for (int c : laneOfNz) {
            colorPtr[c + 1]++;
        }
        for (int c = 0; c < colors; c++) {
            colorPtr[c + 1] += colorPtr[c];
        }
        int[] next = java.util.Arrays.copyOf(colorPtr, colors);
        entryNz = new int[laneOfNz.length];
        entryNode = new int[laneOfNz.length];
        for (int e = 0; e < laneOfNz.length; e++) {
            int k = next[laneOfNz[e]]++;
            entryNz[k] = e;
            entryNode[k] = nodeOfNz[e];
        }
    }

    /** A new matrix with the result's structure (values zero). */
    DMatrixSparseCSC newMatrix() {
        DMatrixSparseCSC m = new DMatrixSparseCSC(rows, cols, rowIdx.length);
        shape(m);
        return m;
    }

    /** Gives {@code m} the result's structure, growing its arrays only when too small. */
    void shape(DMatrixSparseCSC m) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new SparsityException("the output matrix is " + m.numRows + "×" + m.numCols + ", but the result is "
                    + rows + "×" + cols);
        }
        int nnz = rowIdx.length;
        if (m.nz_rows == null || m.nz_rows.length < nnz || m.nz_values == null || m.nz_values.length < nnz) {
            m.growMaxLength(nnz, false);
        }
        if (m.nz_length != nnz || !sameStructure(m)) {
            System.arraycopy(colPtr, 0, m.col_idx, 0, cols + 1);
            System.arraycopy(rowIdx, 0, m.nz_rows, 0, nnz);
            m.nz_length = nnz;
        }
        m.indicesSorted = true;
    }

    private boolean sameStructure(DMatrixSparseCSC m) {
        for (int j = 0; j <= cols; j++) {
            if (m.col_idx[j] != colPtr[j]) {
                return false;
            }
        }
        for (int k = 0; k < rowIdx.length; k++) {
            if (m.nz_rows[k] != rowIdx[k]) {
                return false;
            }
        }
        return true;
    }

    /** Copies the entries of colors {@code [first, first + w)} from the lane array into {@code nz}. */
    void scatter(double[] lanes, int first, int w, double[] nz) {
        int last = Math.min(first + w, colorPtr.length - 1);
        for (int c = first; c < last; c++) {
            int l = c - first;
            for (int k = colorPtr[c]; k < colorPtr[c + 1]; k++) {
                nz[entryNz[k]] = lanes[entryNode[k] * w + l];
            }
        }
    }

    /** Copies the entries of colors {@code [first, first + w)} from forward-mode lanes into {@code nz}. */
    void scatter(TangentLanes ws, int first, int w, double[] nz) {
        int last = Math.min(first + w, colorPtr.length - 1);
        for (int c = first; c < last; c++) {
            int l = c - first;
            for (int k = colorPtr[c]; k < colorPtr[c + 1]; k++) {
                nz[entryNz[k]] = ws.tangent(entryNode[k], l);
            }
        }
    }
}
