package dev.leibniz.sparse;

import java.util.Arrays;

/**
 * Star coloring of a symmetric pattern, for Hessians (Coleman &amp; Moré 1984; Gebremedhin,
 * Manne &amp; Pothen, SIAM Review 47 (2005), algorithm StarColoringAlg1).
 *
 * <p>A star coloring is a proper coloring of the adjacency graph (i ~ j when H_ij is an
 * off-diagonal entry) in which every path on four vertices uses at least three colors:
 * equivalently, any two color classes induce a forest of stars. It exploits symmetry: with
 * seed matrix S (S_jc = 1 when j has color c) and B = H·S, every entry is read directly,
 * <pre>
 *   H_ii = B[i, color(i)],
 *   H_ij = B[i, color(j)]  if j is i's only neighbour of color(j)   (i is the star's centre
 *        = B[j, color(i)]  otherwise                                    or the edge is alone)
 * </pre>
 * and a star coloring guarantees one of the two cases for every entry. It typically needs
 * fewer colors than a distance-2 column coloring of H (which ignores symmetry): an arrowhead
 * Hessian needs 2 instead of n.
 *
 * <p>The greedy algorithm keeps the invariant that the colored neighbours of any uncolored
 * vertex have distinct colors; a new vertex v avoids the colors of its neighbours, of
 * neighbours-of-uncolored-neighbours, and of any x at distance two through a colored w when
 * x has another neighbour colored like w (which would close a two-colored path on four
 * vertices).
 */
public final class StarColoring {
    private StarColoring() {
    }

    /** The star coloring with the fewest colors over all orderings; same as {@link #best}. */
    public static Coloring of(SparsityPattern p) {
        return best(p);
    }

    /** Star coloring in the given order. */
    public static Coloring of(SparsityPattern p, Ordering ordering) {
        AdjacencyGraph g = graph(p);
        if (ordering == null) {
            throw new SparsityException("ordering must not be null");
        }
        return new Coloring(color(g, ordering.order(g)), g.greedyCliqueBound(), Direction.COLUMNS, true, ordering);
    }

    /** The star coloring with the fewest colors over all orderings. */
    public static Coloring best(SparsityPattern p) {
        AdjacencyGraph g = graph(p);
        int bound = g.greedyCliqueBound();
        Coloring best = null;
        for (Ordering o : Ordering.values()) {
            Coloring c = new Coloring(color(g, o.order(g)), bound, Direction.COLUMNS, true, o);
            if (best == null || c.count() < best.count()) {
                best = c;
            }
        }
        return best;
    }

    static int[] color(AdjacencyGraph g, int[] order) {
        int n = g.n;
        int[] color = new int[n];
        Arrays.fill(color, -1);
        int[] forbidden = new int[Math.max(1, n)];
        Arrays.fill(forbidden, -1);
        int[] ptr = g.ptr;
        int[] adj = g.adj;
        for (int v : order) {
            for (int e = ptr[v]; e < ptr[v + 1]; e++) {
                int w = adj[e];
                int cw = color[w];
                if (cw >= 0) {
                    forbidden[cw] = v;
                }
                for (int f = ptr[w]; f < ptr[w + 1]; f++) {
                    int x = adj[f];
                    int cx = color[x];
                    if (x == v || cx < 0) {
                        continue;
                    }
                    if (cw < 0) {
                        forbidden[cx] = v; // keep colored neighbours of uncolored w distinct
                    } else {
                        for (int h = ptr[x]; h < ptr[x + 1]; h++) {
                            int y = adj[h];
                            if (y != w && color[y] == cw) {
                                forbidden[cx] = v; // v–w–x–y would be two-colored
                                break;
                            }
                        }
                    }
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

    private static AdjacencyGraph graph(SparsityPattern p) {
        requireSymmetric(p);
        return AdjacencyGraph.ofSymmetric(p);
    }

    static void requireSymmetric(SparsityPattern p) {
        if (p == null) {
            throw new SparsityException("pattern must not be null");
        }
        if (p.rows() != p.cols()) {
            throw new SparsityException("a Hessian pattern must be square, got " + p.rows() + "×" + p.cols());
        }
        if (!p.isSymmetric()) {
            throw new SparsityException("a Hessian pattern must be symmetric; this " + p.rows() + "×" + p.cols()
                    + " pattern is not");
        }
    }
}
