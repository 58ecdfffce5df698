package dev.leibniz.sparse;

import java.util.Arrays;

/**
 * A coloring of the columns or rows of a pattern: {@code colorOf(k)} in {@code [0, count())}
 * for each column (or row) k. Columns of one color can share one JVP lane, rows of one color
 * one VJP, so {@link #count()} is the number of sweeps a compressed Jacobian needs.
 *
 * <p>Beside the count stands a {@link #lowerBound()} no coloring of that kind can beat: for
 * columns, the largest number of nonzeros in one row (they all need different colors); for
 * rows, the largest number in one column; for a star coloring, the size of a clique of the
 * adjacency graph. A count equal to its bound is optimal.
 */
public final class Coloring {
    private final int[] colors;
    private final int count;
    private final int lowerBound;
    private final Direction direction;
    private final boolean star;
    private final Ordering ordering;
    private final int[] groupPtr;
    private final int[] groupMembers;

    Coloring(int[] colors, int lowerBound, Direction direction, boolean star, Ordering ordering) {
        this.colors = colors;
        int c = 0;
        for (int x : colors) {
            c = Math.max(c, x + 1);
        }
        this.count = c;
        this.lowerBound = lowerBound;
        this.direction = direction;
        this.star = star;
        this.ordering = ordering;
        this.groupPtr = new int[c + 1];
        for (int x : colors) {
            groupPtr[x + 1]++;
        }
        for (int k = 0; k < c; k++) {
            groupPtr[k + 1] += groupPtr[k];
        }
        this.groupMembers = new int[colors.length];
        int[] next = Arrays.copyOf(groupPtr, c);
        for (int v = 0; v < colors.length; v++) {
            groupMembers[next[colors[v]]++] = v;
        }
    }

    /**
     * A coloring given by the caller, e.g. from another tool; validity is checked when it is
     * used with a pattern ({@link SparseJacobian#prepare(dev.leibniz.core.Graph, SparsityPattern, Coloring)}).
     *
     * @param colors one color in {@code [0, n)} per column (or row)
     */
    public static Coloring of(int[] colors, Direction direction) {
        if (colors == null || direction == null) {
            throw new SparsityException("colors and direction must not be null");
        }
        for (int v = 0; v < colors.length; v++) {
            if (colors[v] < 0 || colors[v] >= Math.max(1, colors.length)) {
                throw new SparsityException("color " + colors[v] + " of " + (direction == Direction.COLUMNS ? "column " : "row ")
                        + v + " is outside [0, " + colors.length + ")");
            }
        }
        return new Coloring(colors.clone(), 0, direction, false, null);
    }

    /** Number of colored columns (or rows). */
    public int size() {
        return colors.length;
    }

    public int colorOf(int k) {
        if (k < 0 || k >= colors.length) {
            throw new SparsityException("index " + k + " is outside [0, " + colors.length + ")");
        }
        return colors[k];
    }

    /** All colors, a copy. */
    public int[] colors() {
        return colors.clone();
    }

    /** Number of colors. */
    public int count() {
        return count;
    }

    /** A number of colors no coloring of this kind can go below (0 when unknown). */
    public int lowerBound() {
        return lowerBound;
    }

    /** Whether columns (JVP lanes) or rows (VJPs) are colored. A star coloring colors columns. */
    public Direction direction() {
        return direction;
    }

    /** Whether this is a star coloring of a symmetric pattern (for Hessians). */
    public boolean isStar() {
        return star;
    }

    /** The ordering the greedy algorithm used, or {@code null} for a given coloring. */
    public Ordering ordering() {
        return ordering;
    }

    /** The columns (or rows) of color {@code c}, increasing. */
    public int[] members(int c) {
        if (c < 0 || c >= count) {
            throw new SparsityException("color " + c + " is outside [0, " + count + ")");
        }
        return Arrays.copyOfRange(groupMembers, groupPtr[c], groupPtr[c + 1]);
    }

    int[] colorsUnsafe() {
        return colors;
    }

    /**
     * Throws unless this is a valid {@link #direction()} coloring of {@code p}: of the right
     * size, and no row (for columns; no column for rows) holding two entries of one color.
     */
    void requireValidFor(SparsityPattern p) {
        boolean cols = direction == Direction.COLUMNS;
        int expected = cols ? p.cols() : p.rows();
        if (colors.length != expected) {
            throw new SparsityException("the coloring has " + colors.length + (cols ? " column" : " row")
                    + " colors, but the " + p.rows() + "×" + p.cols() + " pattern has " + expected
                    + (cols ? " columns" : " rows"));
        }
        SparsityPattern q = cols ? p : p.transpose();
        int[] ptr = q.rowPtr();
        int[] idx = q.colIdx();
        int[] seenAt = new int[count];
        int[] seenBy = new int[count];
        Arrays.fill(seenAt, -1);
        for (int i = 0; i < q.rows(); i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int c = colors[idx[k]];
                if (seenAt[c] == i) {
                    String what = cols ? "columns " : "rows ";
                    throw new SparsityException("invalid coloring: " + what + seenBy[c] + " and " + idx[k]
                            + " both have color " + c + " but share " + (cols ? "row " : "column ") + i);
                }
                seenAt[c] = i;
                seenBy[c] = idx[k];
            }
        }
    }

    @Override
    public String toString() {
        return count + (star ? " star" : direction == Direction.COLUMNS ? " column" : " row") + " colors (lower bound "
                + lowerBound + (ordering == null ? "" : ", " + ordering.name().toLowerCase().replace('_', '-') + " ordering")
                + ")";
    }
}
