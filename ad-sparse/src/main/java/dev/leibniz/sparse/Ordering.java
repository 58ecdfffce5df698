package dev.leibniz.sparse;

/**
 * The order in which a greedy coloring visits vertices (columns, rows, or Hessian variables).
 * Greedy coloring gives each vertex the smallest color not used by an already colored
 * neighbour, so the order decides the count. Degrees are those of the graph being colored
 * (for columns: the column intersection graph, two columns adjacent when they share a row).
 * The orderings follow Gebremedhin, Manne &amp; Pothen, "What color is your Jacobian?",
 * SIAM Review 47 (2005), and ColPack.
 *
 * <p>No ordering wins everywhere, hence {@link GreedyColoring#best}: each costs O(V + E), so
 * trying all four and keeping the fewest colors is cheap.
 */
public enum Ordering {
    /** Index order 0, 1, 2, …: optimal for banded patterns. */
    NATURAL {
        @Override
        int[] order(AdjacencyGraph g) {
            int[] o = new int[g.n];
            for (int v = 0; v < g.n; v++) {
                o[v] = v;
            }
            return o;
        }
    },

    /** By decreasing degree (Welsh–Powell): hard vertices first. Ties by index. */
    LARGEST_FIRST {
        @Override
        int[] order(AdjacencyGraph g) {
            int maxDeg = g.maxDegree();
            int[] count = new int[maxDeg + 2];
            for (int v = 0; v < g.n; v++) {
                count[maxDeg - g.degree(v) + 1]++;
            }
            for (int d = 0; d <= maxDeg; d++) {
                count[d + 1] += count[d];
            }
            int[] o = new int[g.n];
            for (int v = 0; v < g.n; v++) {
                o[count[maxDeg - g.degree(v)]++] = v; // stable counting sort
            }
            return o;
        }
    },

    /**
     * Smallest-last (Matula &amp; Beck 1983): repeatedly remove a vertex of smallest degree in
     * the remaining graph; color in the reverse order of removal. Uses at most
     * 1 + degeneracy colors. O(V + E) with a bucket queue: after a removal the smallest degree
     * drops by at most one.
     */
    SMALLEST_LAST {
        @Override
        int[] order(AdjacencyGraph g) {
            int n = g.n;
            int[] o = new int[n];
            if (n == 0) {
                return o;
            }
            BucketQueue q = new BucketQueue(n, g.maxDegree());
            for (int v = n - 1; v >= 0; v--) {
                q.insert(v, g.degree(v)); // reverse insertion: lower index first within a bucket
            }
            boolean[] removed = new boolean[n];
            int low = 0;
            for (int k = n - 1; k >= 0; k--) {
                while (q.first(low) < 0) {
                    low++;
                }
                int v = q.first(low);
                q.remove(v);
                removed[v] = true;
                o[k] = v;
                for (int e = g.ptr[v]; e < g.ptr[v + 1]; e++) {
                    int u = g.adj[e];
                    if (!removed[u]) {
                        q.rekey(u, q.key(u) - 1);
                    }
                }
                low = Math.max(0, low - 1);
            }
            return o;
        }
    },

    /**
     * Incidence degree: next, the vertex with the most neighbours already ordered (ties: the
     * one of larger degree first). Keeps the ordered part connected, which suits grid-like
     * patterns. O(V + E) with a bucket queue.
     */
    INCIDENCE_DEGREE {
        @Override
        int[] order(AdjacencyGraph g) {
            int n = g.n;
            int[] o = new int[n];
            if (n == 0) {
                return o;
            }
            BucketQueue q = new BucketQueue(n, g.maxDegree());
            int[] lf = LARGEST_FIRST.order(g);
            for (int k = n - 1; k >= 0; k--) {
                q.insert(lf[k], 0); // reverse insertion: the bucket head is the largest degree
            }
            boolean[] done = new boolean[n];
            int top = 0;
            for (int k = 0; k < n; k++) {
                while (q.first(top) < 0) {
                    top--;
                }
                int v = q.first(top);
                q.remove(v);
                done[v] = true;
                o[k] = v;
                for (int e = g.ptr[v]; e < g.ptr[v + 1]; e++) {
                    int u = g.adj[e];
                    if (!done[u]) {
                        int d = q.key(u) + 1;
                        q.rekey(u, d);
                        top = Math.max(top, d);
                    }
                }
            }
            return o;
        }
    };

    /** The visiting order: a permutation of the graph's vertices. */
    abstract int[] order(AdjacencyGraph g);
}
