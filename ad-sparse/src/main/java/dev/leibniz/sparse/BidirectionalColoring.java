package dev.leibniz.sparse;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A bidirectional (two-sided) partition of a Jacobian pattern for direct recovery: some
 * nonzeros are read from compressed forward sweeps J·S (column colors), the others from
 * compressed reverse sweeps Wᵀ·J (row colors), so that the total number of sweeps is the number
 * of column colors plus the number of row colors (Coleman &amp; Verma 1998; Gebremedhin, Manne
 * &amp; Pothen, "What color is your Jacobian?", SIAM Review 47(4), 2005, §5–6, star
 * bicoloring).
 *
 * <p><b>Validity</b> ({@link #requireValidFor}): every nonzero (i, j) is recovered directly from
 * one side. From the forward side when column j is seeded and no other seeded column of j's
 * color has a nonzero in row i: then B[i, color(j)] = J_ij. From the reverse side when row i is
 * seeded and no other seeded row of i's color has a nonzero in column j: then
 * C[color(i), j] = J_ij. No substitution is needed, so the values are exact.
 *
 * <p><b>Construction</b>: one-sided colorings need at least as many colors as the densest row
 * (forward) or column (reverse); one dense row and one dense column make both need n. The
 * heuristic here splits the pattern by a threshold τ: the rows with more than τ nonzeros are
 * handled in reverse (a greedy row coloring of those rows only), every other row in forward (a
 * greedy column coloring of the pattern without those rows); and symmetrically with the
 * columns with more than τ nonzeros in forward and the other columns in reverse. Every τ among
 * the rows' and columns' nonzero counts is tried and the fewest total sweeps kept; τ at the
 * largest count is the one-sided coloring, so the result is never worse than
 * {@link GreedyColoring#best}. On an arrow-head matrix (dense first row, dense first column,
 * diagonal) it gives 1 row color + 2 column colors = 3 sweeps where either side alone needs n.
 * This row/column split is a restricted form of the star bicoloring of GMP 2005, which may
 * interleave the two sides more finely and so can need fewer sweeps on some patterns; cost of
 * construction: one greedy coloring (all orderings) per distinct count.
 *
 * <p>Unseeded columns (rows) are given color 0 of their side: they have no nonzero recovered
 * from that side, so sharing a lane adds nothing that is read.
 */
public final class BidirectionalColoring {
    private final SparsityPattern pattern;
    private final SparsityPattern forwardPart;
    private final SparsityPattern reversePart;
    private final Coloring columns;
    private final Coloring rows;
    private final boolean[] columnSeeded;
    private final boolean[] rowSeeded;

    private BidirectionalColoring(SparsityPattern pattern, SparsityPattern forwardPart, SparsityPattern reversePart) {
        this.pattern = pattern;
        this.forwardPart = forwardPart;
        this.reversePart = reversePart;
        this.columns = GreedyColoring.best(forwardPart, Direction.COLUMNS);
        this.rows = GreedyColoring.best(reversePart, Direction.ROWS);
        this.columnSeeded = new boolean[pattern.cols()];
        this.rowSeeded = new boolean[pattern.rows()];
        for (int j = 0; j < pattern.cols(); j++) {
            columnSeeded[j] = forwardPart.columnCount(j) > 0;
        }
        for (int i = 0; i < pattern.rows(); i++) {
            rowSeeded[i] = reversePart.rowCount(i) > 0;
        }
    }

    /**
     * The bicoloring with the fewest sweeps over every threshold split (see the class comment);
     * on a tie the one with more forward sweeps.
     */
    public static BidirectionalColoring of(SparsityPattern p) {
        if (p == null) {
            throw new SparsityException("pattern must not be null");
        }
        TreeSet<Integer> thresholds = new TreeSet<>();
        for (int i = 0; i < p.rows(); i++) {
            thresholds.add(p.rowCount(i));
        }
        for (int j = 0; j < p.cols(); j++) {
            thresholds.add(p.columnCount(j));
        }
        thresholds.add(-1);
        BidirectionalColoring best = null;
        // from the largest τ down, rows before columns: the all-forward split comes first and wins
        // ties, as a JVP lane is cheaper than a VJP (SparseJacobian.prepare prefers columns too)
        for (int tau : thresholds.descendingSet()) {
            for (boolean byRows : new boolean[] {true, false}) {
                BidirectionalColoring c = split(p, tau, byRows);
                if (best == null || c.sweeps() < best.sweeps()) {
                    best = c;
                }
            }
        }
        return best;
    }

    /**
     * byRows: rows with more than τ nonzeros go to reverse, the rest to forward; otherwise
     * columns with more than τ nonzeros go to forward, the rest to reverse.
     */
    private static BidirectionalColoring split(SparsityPattern p, int tau, boolean byRows) {
        int[][] fwd = new int[p.rows()][];
        int[][] rev = new int[p.rows()][];
        for (int i = 0; i < p.rows(); i++) {
            int[] cols = p.columnsOf(i);
            int[] f = new int[cols.length];
            int[] r = new int[cols.length];
            int nf = 0;
            int nr = 0;
            for (int j : cols) {
                boolean forward = byRows ? p.rowCount(i) <= tau : p.columnCount(j) > tau;
                if (forward) {
                    f[nf++] = j;
                } else {
                    r[nr++] = j;
                }
            }
            fwd[i] = Arrays.copyOf(f, nf);
            rev[i] = Arrays.copyOf(r, nr);
        }
        return new BidirectionalColoring(p, SparsityPattern.fromRows(p.cols(), fwd), SparsityPattern.fromRows(p.cols(), rev));
    }

    /** The whole pattern. */
    public SparsityPattern pattern() {
        return pattern;
    }

    /** The nonzeros recovered from the forward sweeps (their rows hold no reverse nonzero, or vice versa). */
    public SparsityPattern forwardPart() {
        return forwardPart;
    }

    /** The nonzeros recovered from the reverse sweeps. */
    public SparsityPattern reversePart() {
        return reversePart;
    }

    /** The column coloring of {@link #forwardPart()}, one color per column (0 for unseeded ones). */
    public Coloring columns() {
        return columns;
    }

    /** The row coloring of {@link #reversePart()}, one color per row (0 for unseeded ones). */
    public Coloring rows() {
        return rows;
    }

    /** Whether column j is seeded in a forward sweep (has a nonzero recovered from forward). */
    public boolean columnSeeded(int j) {
        return columnSeeded[j];
    }

    /** Whether row i is seeded in a reverse sweep. */
    public boolean rowSeeded(int i) {
        return rowSeeded[i];
    }

    /** JVP lanes: the column colors, 0 when nothing is recovered forward. */
    public int forwardSweeps() {
        return forwardPart.nnz() == 0 ? 0 : columns.count();
    }

    /** VJPs: the row colors, 0 when nothing is recovered in reverse. */
    public int reverseSweeps() {
        return reversePart.nnz() == 0 ? 0 : rows.count();
    }

    /** Forward plus reverse sweeps. */
    public int sweeps() {
        return forwardSweeps() + reverseSweeps();
    }

    /**
     * Throws unless every nonzero of {@code p} is recovered directly by one side (class comment),
     * naming the first that is not.
     */
    public void requireValidFor(SparsityPattern p) {
        if (p.rows() != pattern.rows() || p.cols() != pattern.cols()) {
            throw new SparsityException("the bicoloring is for a " + pattern.rows() + "×" + pattern.cols()
                    + " pattern, not " + p.rows() + "×" + p.cols());
        }
        int[] cc = columns.colorsUnsafe();
        int[] rc = rows.colorsUnsafe();
        for (int i = 0; i < p.rows(); i++) {
            for (int j : p.columnsOf(i)) {
                boolean forward = columnSeeded[j];
                for (int j2 : p.columnsOf(i)) {
                    forward &= j2 == j || !columnSeeded[j2] || cc[j2] != cc[j];
                }
                boolean reverse = rowSeeded[i];
                for (int i2 : p.rowsOf(j)) {
                    reverse &= i2 == i || !rowSeeded[i2] || rc[i2] != rc[i];
                }
                if (!forward && !reverse) {
                    throw new SparsityException("invalid bicoloring: the nonzero (" + i + ", " + j
                            + ") is recovered by neither the forward nor the reverse sweeps");
                }
            }
        }
    }

    @Override
    public String toString() {
        return sweeps() + " sweeps: " + forwardSweeps() + " forward (column colors) + " + reverseSweeps()
                + " reverse (row colors); " + forwardPart.nnz() + " + " + reversePart.nnz() + " nonzeros";
    }

    /** Per column, its forward lane (color), or −1 when it is not seeded. */
    int[] forwardSeeds() {
        int[] s = columns.colors();
        for (int j = 0; j < s.length; j++) {
            s[j] = columnSeeded[j] ? s[j] : -1;
        }
        return s;
    }

    /** Per row, its reverse lane (color), or −1 when it is not seeded. */
    int[] reverseSeeds() {
        int[] s = rows.colors();
        for (int i = 0; i < s.length; i++) {
            s[i] = rowSeeded[i] ? s[i] : -1;
        }
        return s;
    }
}
