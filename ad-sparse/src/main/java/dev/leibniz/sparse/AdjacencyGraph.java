package dev.leibniz.sparse;

import java.util.Arrays;

/**
 * An undirected graph on vertices {@code 0..n)} in CSR form (sorted neighbour lists, no self
 * loops), the graph that colorings color.
 *
 * <ul>
 *   <li>The <b>column intersection graph</b> of a pattern joins two columns when some row has
 *       both. A proper coloring of it is a partial distance-2 coloring of the columns in the
 *       bipartite row/column graph: same-colored columns never share a row.</li>
 *   <li>The <b>adjacency graph</b> of a symmetric pattern joins i and j when (i, j) is an
 *       off-diagonal entry; star colorings color it.</li>
 * </ul>
 * Building the intersection graph costs Σ over rows of nnz(row)² time and at most that much
 * memory — the same work a greedy distance-2 coloring does anyway; keeping the graph lets the
 * degree-based orderings (largest-first, smallest-last, incidence-degree) be computed exactly
 * and several orderings be tried on one build.
 */
final class AdjacencyGraph {
    final int n;
    final int[] ptr;
    final int[] adj;

    private AdjacencyGraph(int n, int[] ptr, int[] adj) {
        this.n = n;
        this.ptr = ptr;
        this.adj = adj;
    }

    int degree(int v) {
        return ptr[v + 1] - ptr[v];
    }

    int maxDegree() {
        int m = 0;
        for (int v = 0; v < n; v++) {
            m = Math.max(m, degree(v));
        }
        return m;
    }

    /** Columns joined when they share a row of {@code p}. */
    static AdjacencyGraph columnIntersection(SparsityPattern p) {
        SparsityPattern t = p.transpose(); // CSR of the transpose = CSC of p
        int n = p.cols();
        int[] rowPtr = p.rowPtr();
        int[] colIdx = p.colIdx();
        int[] colPtr = t.rowPtr();
        int[] rowIdx = t.colIdx();
        int[] stamp = new int[n];
        Arrays.fill(stamp, -1);
        int[] ptr = new int[n + 1];
        IndexSets.IntList adj = new IndexSets.IntList(Math.max(16, p.nnz()));
        for (int j = 0; j < n; j++) {
            stamp[j] = j;
            int start = adj.size;
            for (int a = colPtr[j]; a < colPtr[j + 1]; a++) {
                int i = rowIdx[a];
                for (int b = rowPtr[i]; b < rowPtr[i + 1]; b++) {
                    int k = colIdx[b];
                    if (stamp[k] != j) {
                        stamp[k] = j;
                        adj.add(k);
                    }
                }
            }
            Arrays.sort(adj.data, start, adj.size);
            ptr[j + 1] = adj.size;
        }
        return new AdjacencyGraph(n, ptr, adj.toArray());
    }

    /** Vertices joined by the off-diagonal entries of a square pattern (assumed symmetric). */
    static AdjacencyGraph ofSymmetric(SparsityPattern p) {
        int n = p.rows();
        int[] rowPtr = p.rowPtr();
        int[] colIdx = p.colIdx();
        int[] ptr = new int[n + 1];
        int[] adj = new int[p.nnz()];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                if (colIdx[k] != i) {
                    adj[m++] = colIdx[k];
                }
            }
            ptr[i + 1] = m;
        }
        return new AdjacencyGraph(n, ptr, Arrays.copyOf(adj, m));
    }

    /** Whether u and v are adjacent (binary search in u's sorted neighbour list). */
    boolean adjacent(int u, int v) {
        return Arrays.binarySearch(adj, ptr[u], ptr[u + 1], v) >= 0;
    }

    /**
     * A lower bound on the colors of any proper coloring: the size of a clique grown greedily
     * from each vertex (neighbours taken by decreasing degree). Cheap for sparse graphs
     * (Σ deg² adjacency tests at most).
     */
    int greedyCliqueBound() {
        if (n == 0) {
            return 0;
        }
        int best = 1;
        int maxDeg = maxDegree();
        int[] clique = new int[maxDeg + 1];
        long[] byDegree = new long[maxDeg]; // (maxDeg − degree, vertex) packed: sorts by decreasing degree
        for (int v = 0; v < n; v++) {
            int d = degree(v);
            if (d + 1 <= best) {
                continue; // cannot beat the bound already found
            }
            for (int k = 0; k < d; k++) {
                int u = adj[ptr[v] + k];
                byDegree[k] = ((long) (maxDeg - degree(u)) << 32) | u;
            }
            Arrays.sort(byDegree, 0, d);
            int size = 0;
            clique[size++] = v;
            for (int k = 0; k < d; k++) {
                int u = (int) byDegree[k];
                boolean all = true;
                for (int c = 1; c < size && all; c++) {
                    all = adjacent(u, clique[c]);
                }
                if (all) {
                    clique[size++] = u;
                }
            }
            best = Math.max(best, size);
        }
        return best;
    }
}
