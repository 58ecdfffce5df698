package dev.leibniz.sparse;

import java.util.EnumMap;
import java.util.Map;

/**
 * Greedy partial distance-2 coloring of the columns (for forward mode) or rows (for reverse
 * mode) of a Jacobian pattern (Coleman &amp; Moré 1983; Gebremedhin, Manne &amp; Pothen 2005).
 *
 * <p>Two columns may share a color only when no row has both, so that in the compressed
 * product J·S every entry of a row comes from exactly one column of each color. The columns
 * are visited in the given {@link Ordering}; each gets the smallest color not used by a column
 * it shares a row with. Rows are colored the same way on the transposed pattern.
 *
 * <p>For a band of width k (row i has columns i..i+k) the natural order gives k + 1 colors,
 * which equals the lower bound. Finding the fewest colors is NP-hard in general, so
 * {@link #best} tries every ordering and keeps the fewest.
 */
public final class GreedyColoring {
    private GreedyColoring() {
    }

    /** Column coloring in the given order; lower bound: the most nonzeros in one row. */
    public static Coloring columns(SparsityPattern p, Ordering ordering) {
        return of(p, Direction.COLUMNS, ordering);
    }

    /** Row coloring in the given order; lower bound: the most nonzeros in one column. */
    public static Coloring rows(SparsityPattern p, Ordering ordering) {
        return of(p, Direction.ROWS, ordering);
    }

    /** Column or row coloring in the given order. */
    public static Coloring of(SparsityPattern p, Direction direction, Ordering ordering) {
        check(p, direction);
        if (ordering == null) {
            throw new SparsityException("ordering must not be null");
        }
        AdjacencyGraph g = graph(p, direction);
        return new Coloring(color(g, ordering.order(g)), bound(p, direction), direction, false, ordering);
    }

    /** The coloring with the fewest colors over all orderings (the first ordering on a tie). */
    public static Coloring best(SparsityPattern p, Direction direction) {
        Coloring best = null;
        for (Coloring c : all(p, direction).values()) {
            if (best == null || c.count() < best.count()) {
                best = c;
            }
        }
        return best;
    }

    /** One coloring per ordering, in {@link Ordering} order: the intersection graph is built once. */
    public static Map<Ordering, Coloring> all(SparsityPattern p, Direction direction) {
        check(p, direction);
        AdjacencyGraph g = graph(p, direction);
        int bound = bound(p, direction);
        Map<Ordering, Coloring> m = new EnumMap<>(Ordering.class);
        for (Ordering o : Ordering.values()) {
            m.put(o, new Coloring(color(g, o.order(g)), bound, direction, false, o));
        }
        return m;
    }

    /** Greedy distance-1 coloring of g visiting vertices in {@code order}. */
    static int[] color(AdjacencyGraph g, int[] order) {
        int[] color = new int[g.n];
        java.util.Arrays.fill(color, -1);
        int[] forbidden = new int[g.maxDegree() + 1]; // forbidden[c] == v: c is taken near v
        java.util.Arrays.fill(forbidden, -1);
        for (int v : order) {
            for (int e = g.ptr[v]; e < g.ptr[v + 1]; e++) {
                int c = color[g.adj[e]];
                if (c >= 0) {
                    forbidden[c] = v;
                }
            }
            int c = 0;
            while (forbidden[c] == v) {
                c++;
            }
            color[v] = c;
        }
        return color;
    }

    private static AdjacencyGraph graph(SparsityPattern p, Direction d) {
        return AdjacencyGraph.columnIntersection(d == Direction.COLUMNS ? p : p.transpose());
    }

    private static int bound(SparsityPattern p, Direction d) {
        return d == Direction.COLUMNS ? p.maxNonzerosPerRow() : p.maxNonzerosPerColumn();
    }

    private static void check(SparsityPattern p, Direction d) {
        if (p == null) {
            throw new SparsityException("pattern must not be null");
        }
        if (d == null) {
            throw new SparsityException("direction must not be null");
        }
    }
}
