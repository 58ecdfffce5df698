package dev.leibniz.ode.internal;

import java.util.Arrays;

/**
 * The reverse Cuthill–McKee ordering of a structurally symmetric sparse matrix (Cuthill &amp;
 * McKee 1969; George 1971): breadth-first search from a pseudo-peripheral vertex, neighbours
 * visited by increasing degree, the order reversed. It keeps nonzeros near the diagonal, so an LU
 * without pivoting across the band fills in only within the profile, ≈ n·b entries and n·b²
 * work for bandwidth b. On an N×N periodic grid with two species it brings the bandwidth from
 * N² (natural order: all u, then all v) down to a few N.
 *
 * <p>Input: adjacency lists of the graph of A + Aᵀ in CSR form, without the diagonal. Output:
 * {@code order[newIndex] = oldIndex}. Deterministic (ties broken by index).
 */
final class ReverseCuthillMcKee {
    private ReverseCuthillMcKee() {
    }

    static int[] order(int n, int[] ptr, int[] adj) {
        int[] degree = new int[n];
        for (int v = 0; v < n; v++) {
            degree[v] = ptr[v + 1] - ptr[v];
        }
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int count = 0;
        int[] level = new int[n];
        while (count < n) {
            int start = -1;
            for (int v = 0; v < n; v++) {
                if (!placed[v] && (start < 0 || degree[v] < degree[start])) {
                    start = v;
                }
            }
            start = peripheral(start, ptr, adj, degree, placed, level);
            int head = count;
            order[count++] = start;
            placed[start] = true;
            while (head < count) {
                int v = order[head++];
                int from = count;
                for (int e = ptr[v]; e < ptr[v + 1]; e++) {
                    int w = adj[e];
                    if (!placed[w]) {
                        placed[w] = true;
                        order[count++] = w;
                    }
                }
                sortByDegree(order, from, count, degree);
            }
        }
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** A pseudo-peripheral vertex of start's component: repeat BFS from the farthest, least-degree vertex. */
    private static int peripheral(int start, int[] ptr, int[] adj, int[] degree, boolean[] placed, int[] level) {
        int v = start;
        int depth = -1;
        for (int iter = 0; iter < 8; iter++) {
            int[] far = bfs(v, ptr, adj, degree, placed, level);
            if (far[1] <= depth) {
                break;
            }
            depth = far[1];
            v = far[0];
        }
        return v;
    }

    /** Returns {farthest vertex of least degree, its level}; {@code level} is scratch. */
    private static int[] bfs(int s, int[] ptr, int[] adj, int[] degree, boolean[] placed, int[] level) {
        Arrays.fill(level, -1);
        int[] queue = new int[level.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = s;
        level[s] = 0;
        int best = s;
        while (head < tail) {
            int v = queue[head++];
            if (level[v] > level[best] || (level[v] == level[best] && degree[v] < degree[best])) {
                best = v;
            }
            for (int e = ptr[v]; e < ptr[v + 1]; e++) {
                int w = adj[e];
                if (!placed[w] && level[w] < 0) {
                    level[w] = level[v] + 1;
                    queue[tail++] = w;
                }
            }
        }
        return new int[] {best, level[best]};
    }

    /** Insertion sort of order[from..to) by (degree, index): the runs are short (one vertex's neighbours). */
    private static void sortByDegree(int[] order, int from, int to, int[] degree) {
        for (int i = from + 1; i < to; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= from && (degree[order[j]] > degree[x] || (degree[order[j]] == degree[x] && order[j] > x))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    /** Bandwidth max |i − j| over the entries of the permuted matrix, for tests and reports. */
    static int bandwidth(int n, int[] ptr, int[] adj, int[] order) {
        int[] inv = new int[n];
        for (int i = 0; i < n; i++) {
            inv[order[i]] = i;
        }
        int b = 0;
        for (int v = 0; v < n; v++) {
            for (int e = ptr[v]; e < ptr[v + 1]; e++) {
                b = Math.max(b, Math.abs(inv[v] - inv[adj[e]]));
            }
        }
        return b;
    }
}
