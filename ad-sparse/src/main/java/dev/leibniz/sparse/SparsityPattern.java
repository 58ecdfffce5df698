package dev.leibniz.sparse;

import java.util.Arrays;

/**
 * Where a matrix may be nonzero: an immutable boolean matrix stored in compressed sparse row
 * (CSR) form. Row {@code i} holds the columns {@code colIdx[rowPtr[i] .. rowPtr[i+1])}, sorted
 * increasingly and without repeats. For the 3×3 tridiagonal pattern
 *
 * <pre>
 *   [1 1 0]     rowPtr = [0, 2, 5, 7]
 *   [1 1 1]     colIdx = [0, 1,  0, 1, 2,  1, 2]
 *   [0 1 1]
 * </pre>
 *
 * A Jacobian pattern has one row per output and one column per input; a Hessian pattern is
 * square and symmetric. An entry that is absent is a <em>structural</em> zero: the derivative is
 * zero for every input value the pattern is valid for. An entry that is present may still be
 * numerically zero at a particular point (x·y at y = 0).
 *
 * <p>Only primitive arrays are stored: the rows (CSR) and, built with them, the columns (the
 * same entries in compressed sparse column form), 8 bytes per entry plus 4 per row and column.
 * Colorings and decompression need both orientations, so the columns are built eagerly in the
 * constructor, which keeps the pattern immutable (no lazily filled cache); {@link #transpose()}
 * swaps the two orientations without copying.
 */
public final class SparsityPattern {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    /** The same entries by column: column j holds the rows {@code rowIdx[colPtr[j] .. colPtr[j+1])}, increasing. */
    private final int[] colPtr;
    private final int[] rowIdx;

    private SparsityPattern(int rows, int cols, int[] rowPtr, int[] colIdx) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        int[] ptr = new int[cols + 1];
        for (int j : colIdx) {
            ptr[j + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            ptr[j + 1] += ptr[j];
        }
        int[] next = Arrays.copyOf(ptr, cols);
        int[] idx = new int[colIdx.length];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                idx[next[colIdx[k]]++] = i; // rows arrive in increasing order
            }
        }
        this.colPtr = ptr;
        this.rowIdx = idx;
    }

    /** Both orientations given (the transpose of a pattern built by the constructor above). */
    private SparsityPattern(int rows, int cols, int[] rowPtr, int[] colIdx, int[] colPtr, int[] rowIdx) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
    }

    /** Wraps arrays already known to be valid (sorted, unique, in range); no copy. */
    static SparsityPattern trusted(int rows, int cols, int[] rowPtr, int[] colIdx) {
        return new SparsityPattern(rows, cols, rowPtr, colIdx);
    }

    /**
     * A pattern from CSR arrays, which are copied and checked: {@code rowPtr} has {@code rows + 1}
     * non-decreasing entries from 0 to {@code colIdx.length}, and each row's column indices are
     * strictly increasing and within {@code [0, cols)}.
     */
    public static SparsityPattern fromCsr(int rows, int cols, int[] rowPtr, int[] colIdx) {
        checkSize(rows, cols);
        if (rowPtr == null || colIdx == null) {
            throw new SparsityException("CSR arrays must not be null");
        }
        if (rowPtr.length != rows + 1) {
            throw new SparsityException("rowPtr must have rows + 1 = " + (rows + 1) + " entries, got " + rowPtr.length);
        }
        if (rowPtr[0] != 0 || rowPtr[rows] != colIdx.length) {
            throw new SparsityException("rowPtr must run from 0 to colIdx.length = " + colIdx.length + ", got "
                    + rowPtr[0] + " .. " + rowPtr[rows]);
        }
        for (int i = 0; i < rows; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) {
                throw new SparsityException("rowPtr decreases at row " + i);
            }
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int j = colIdx[k];
                if (j < 0 || j >= cols) {
                    throw new SparsityException("row " + i + " has column " + j + ", outside [0, " + cols + ")");
                }
                if (k > rowPtr[i] && colIdx[k - 1] >= j) {
                    throw new SparsityException("row " + i + " columns are not strictly increasing: "
                            + colIdx[k - 1] + " then " + j);
                }
            }
        }
        return new SparsityPattern(rows, cols, rowPtr.clone(), colIdx.clone());
    }

    /** A pattern from the columns of each row, given in any order; repeats are merged. */
    public static SparsityPattern fromRows(int cols, int[]... rowColumns) {
        if (rowColumns == null) {
            throw new SparsityException("rows must not be null");
        }
        int rows = rowColumns.length;
        checkSize(rows, cols);
        int[] ptr = new int[rows + 1];
        int[][] sorted = new int[rows][];
        for (int i = 0; i < rows; i++) {
            if (rowColumns[i] == null) {
                throw new SparsityException("row " + i + " is null");
            }
            int[] r = rowColumns[i].clone();
            Arrays.sort(r);
            int n = 0;
            for (int k = 0; k < r.length; k++) {
                if (r[k] < 0 || r[k] >= cols) {
                    throw new SparsityException("row " + i + " has column " + r[k] + ", outside [0, " + cols + ")");
                }
                if (n == 0 || r[n - 1] != r[k]) {
                    r[n++] = r[k];
                }
            }
            sorted[i] = n == r.length ? r : Arrays.copyOf(r, n);
            ptr[i + 1] = ptr[i] + n;
        }
        int[] idx = new int[ptr[rows]];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(sorted[i], 0, idx, ptr[i], sorted[i].length);
        }
        return new SparsityPattern(rows, cols, ptr, idx);
    }

    /** The pattern of the {@code true} entries of a rectangular boolean matrix. */
    public static SparsityPattern of(boolean[][] m) {
        int cols = checkRectangular(m, m == null ? 0 : m.length, i -> m[i] == null ? -1 : m[i].length);
        int[][] r = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            int n = 0;
            for (boolean b : m[i]) {
                n += b ? 1 : 0;
            }
            r[i] = new int[n];
            n = 0;
            for (int j = 0; j < cols; j++) {
                if (m[i][j]) {
                    r[i][n++] = j;
                }
            }
        }
        return fromRows(cols, r);
    }

    /**
     * The pattern of the entries of a dense matrix that are not exactly zero (NaN counts as
     * nonzero): the numerically observed pattern at one point, a subset of the structural one.
     */
    public static SparsityPattern nonzerosOf(double[][] m) {
        int cols = checkRectangular(m, m == null ? 0 : m.length, i -> m[i] == null ? -1 : m[i].length);
        boolean[][] b = new boolean[m.length][cols];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                b[i][j] = m[i][j] != 0.0;
            }
        }
        return of(b);
    }

    private static int checkRectangular(Object m, int rows, java.util.function.IntUnaryOperator rowLength) {
        if (m == null) {
            throw new SparsityException("matrix must not be null");
        }
        int cols = rows == 0 ? 0 : rowLength.applyAsInt(0);
        for (int i = 0; i < rows; i++) {
            int len = rowLength.applyAsInt(i);
            if (len != cols) {
                throw new SparsityException("matrix is not rectangular: row 0 has " + cols + " entries, row " + i
                        + " has " + (len < 0 ? "none (null)" : len));
            }
        }
        return cols;
    }

    private static void checkSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new SparsityException("pattern size must be non-negative, got " + rows + "×" + cols);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of entries. */
    public int nnz() {
        return colIdx.length;
    }

    /** Number of entries in row {@code i}. */
    public int rowCount(int i) {
        checkRow(i);
        return rowPtr[i + 1] - rowPtr[i];
    }

    /** Number of entries in column {@code j}. */
    public int columnCount(int j) {
        checkColumn(j);
        return colPtr[j + 1] - colPtr[j];
    }

    /** The columns of row {@code i}, increasing (a copy). */
    public int[] columnsOf(int i) {
        checkRow(i);
        return Arrays.copyOfRange(colIdx, rowPtr[i], rowPtr[i + 1]);
    }

    /** The rows of column {@code j}, increasing (a copy). */
    public int[] rowsOf(int j) {
        checkColumn(j);
        return Arrays.copyOfRange(rowIdx, colPtr[j], colPtr[j + 1]);
    }

    /** Whether entry (i, j) is present. */
    public boolean contains(int i, int j) {
        checkRow(i);
        if (j < 0 || j >= cols) {
            throw new SparsityException("column " + j + " is outside [0, " + cols + ")");
        }
        return Arrays.binarySearch(colIdx, rowPtr[i], rowPtr[i + 1], j) >= 0;
    }

    /** Largest number of entries in one row: the lower bound on column colors. */
    public int maxNonzerosPerRow() {
        int m = 0;
        for (int i = 0; i < rows; i++) {
            m = Math.max(m, rowPtr[i + 1] - rowPtr[i]);
        }
        return m;
    }

    /** Largest number of entries in one column: the lower bound on row colors. */
    public int maxNonzerosPerColumn() {
        return transpose().maxNonzerosPerRow();
    }

    /** Fraction of entries present, nnz / (rows·cols); 0 for an empty matrix. */
    public double density() {
        return rows == 0 || cols == 0 ? 0.0 : (double) nnz() / ((double) rows * cols);
    }

    /** The transposed pattern (columns become rows): the same arrays, orientations swapped. */
    public SparsityPattern transpose() {
        return new SparsityPattern(cols, rows, colPtr, rowIdx, rowPtr, colIdx);
    }

    /** Whether every entry of this pattern is also in {@code other} (same size required). */
    public boolean isSubsetOf(SparsityPattern other) {
        checkSameSize(other, "compare");
        for (int i = 0; i < rows; i++) {
            int a = rowPtr[i];
            int b = other.rowPtr[i];
            int bEnd = other.rowPtr[i + 1];
            for (; a < rowPtr[i + 1]; a++) {
                while (b < bEnd && other.colIdx[b] < colIdx[a]) {
                    b++;
                }
                if (b == bEnd || other.colIdx[b] != colIdx[a]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The entries present in either pattern (same size required). */
    public SparsityPattern union(SparsityPattern other) {
        checkSameSize(other, "unite");
        int[] ptr = new int[rows + 1];
        int[] idx = new int[nnz() + other.nnz()];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            n = IndexSets.mergeInto(colIdx, rowPtr[i], rowPtr[i + 1], other.colIdx, other.rowPtr[i],
                    other.rowPtr[i + 1], idx, n);
            ptr[i + 1] = n;
        }
        return new SparsityPattern(rows, cols, ptr, Arrays.copyOf(idx, n));
    }

    /** Whether the pattern is square and (i, j) present ⇔ (j, i) present. */
    public boolean isSymmetric() {
        if (rows != cols) {
            return false;
        }
        SparsityPattern t = transpose();
        return Arrays.equals(rowPtr, t.rowPtr) && Arrays.equals(colIdx, t.colIdx);
    }

    /** A dense boolean copy, for tests and small displays. */
    public boolean[][] toBooleanMatrix() {
        boolean[][] m = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                m[i][colIdx[k]] = true;
            }
        }
        return m;
    }

    /** Throws when {@code other} does not have this pattern's size; {@code what} names the operation. */
    void checkSameSize(SparsityPattern other, String what) {
        if (other == null) {
            throw new SparsityException("cannot " + what + " a " + rows + "×" + cols + " pattern with null");
        }
        if (other.rows != rows || other.cols != cols) {
            throw new SparsityException("cannot " + what + " a " + rows + "×" + cols + " pattern with a "
                    + other.rows + "×" + other.cols + " pattern: sizes differ");
        }
    }

    private void checkColumn(int j) {
        if (j < 0 || j >= cols) {
            throw new SparsityException("column " + j + " is outside [0, " + cols + ")");
        }
    }

    private void checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new SparsityException("row " + i + " is outside [0, " + rows + ")");
        }
    }

    /** CSR row pointers, not copied: for the coloring and evaluation loops of this package. */
    int[] rowPtr() {
        return rowPtr;
    }

    /** CSR column indices, not copied. */
    int[] colIdx() {
        return colIdx;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparsityPattern p && p.rows == rows && p.cols == cols
                && Arrays.equals(p.rowPtr, rowPtr) && Arrays.equals(p.colIdx, colIdx);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(colIdx) + 17 * Arrays.hashCode(rowPtr);
    }

    /** A 0/1 picture for patterns up to 40×80, otherwise a one-line summary. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(rows).append("×").append(cols).append(" pattern, ").append(nnz()).append(" nonzeros");
        if (rows <= 40 && cols <= 80) {
            boolean[][] m = toBooleanMatrix();
            for (boolean[] r : m) {
                sb.append("\n  ");
                for (boolean b : r) {
                    sb.append(b ? '1' : '.');
                }
            }
        }
        return sb.toString();
    }
}
