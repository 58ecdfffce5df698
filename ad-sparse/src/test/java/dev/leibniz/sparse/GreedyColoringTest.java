package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GreedyColoringTest {

    /** Independent check: no two columns of one color share a row (brute force on the dense matrix). */
    static void assertValidColumnColoring(boolean[][] m, Coloring c) {
        assertEquals(m.length == 0 ? c.size() : m[0].length, c.size());
        int[] cols = new int[m.length == 0 ? 0 : m[0].length];
        for (boolean[] row : m) {
            int k = 0;
            for (int j = 0; j < row.length; j++) {
                if (row[j]) {
                    cols[k++] = j;
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    assertTrue(c.colorOf(cols[a]) != c.colorOf(cols[b]),
                            "columns " + cols[a] + " and " + cols[b] + " share a row and a color");
                }
            }
        }
    }

    static boolean[][] transpose(boolean[][] m) {
        boolean[][] t = new boolean[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static Coloring best(Graph g, Direction d) {
        SparsityPattern p = SparsityDetector.jacobian(g);
        Coloring c = GreedyColoring.best(p, d);
        boolean[][] m = p.toBooleanMatrix();
        assertValidColumnColoring(d == Direction.COLUMNS ? m : transpose(m), c);
        return c;
    }

    @Test
    void tridiagonalNeedsThreeColors() {
        Coloring c = GreedyColoring.columns(SparsityDetector.jacobian(TestGraphs.tridiagonal(12)), Ordering.NATURAL);
        assertEquals(3, c.count());
        assertEquals(3, c.lowerBound());
        assertEquals(3, best(TestGraphs.tridiagonal(12), Direction.ROWS).count());
    }

    @Test
    void bandOfWidthKNeedsKPlusOneColumnColors() {
        for (int k = 1; k <= 6; k++) {
            SparsityPattern p = SparsityDetector.jacobian(TestGraphs.iteratedDifference(30, k));
            Coloring natural = GreedyColoring.columns(p, Ordering.NATURAL);
            assertEquals(k + 1, natural.count(), "k = " + k);
            assertEquals(k + 1, natural.lowerBound());
            assertValidColumnColoring(p.toBooleanMatrix(), natural);
            for (int j = 0; j < 30; j++) {
                assertEquals(j % (k + 1), natural.colorOf(j)); // the classical band coloring
            }
            assertEquals(k + 1, GreedyColoring.best(p, Direction.COLUMNS).count());
        }
    }

    @Test
    void arrowheadsChooseTheirSide() {
        int n = 20;
        Coloring rowCols = best(TestGraphs.denseRow(n), Direction.COLUMNS);
        Coloring rowRows = best(TestGraphs.denseRow(n), Direction.ROWS);
        assertEquals(n, rowCols.count()); // every column meets row 0
        assertEquals(n, rowCols.lowerBound());
        assertEquals(2, rowRows.count()); // row 0, then all diagonal rows together
        assertEquals(2, rowRows.lowerBound());

        assertEquals(2, best(TestGraphs.denseColumn(n), Direction.COLUMNS).count());
        assertEquals(n, best(TestGraphs.denseColumn(n), Direction.ROWS).count());

        // the full arrowhead defeats one-sided compression
        assertEquals(n, best(TestGraphs.arrowhead(n), Direction.COLUMNS).count());
        assertEquals(n, best(TestGraphs.arrowhead(n), Direction.ROWS).count());
    }

    @Test
    void blockDiagonalAndDiagonal() {
        assertEquals(4, best(TestGraphs.blockDiagonal(5, 4), Direction.COLUMNS).count());
        assertEquals(4, best(TestGraphs.blockDiagonal(5, 4), Direction.ROWS).count());
        Coloring d = best(TestGraphs.diagonal(15), Direction.COLUMNS);
        assertEquals(1, d.count());
        assertEquals(1, d.lowerBound());
    }

    @Test
    void everyOrderingGivesAValidColoringAtOrAboveTheBound() {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 40; trial++) {
            boolean[][] m = SparsityPatternTest.randomMatrix(rnd, 1 + rnd.nextInt(25), 1 + rnd.nextInt(25), 0.05 + 0.3 * rnd.nextDouble());
            SparsityPattern p = SparsityPattern.of(m);
            for (Direction d : Direction.values()) {
                Map<Ordering, Coloring> all = GreedyColoring.all(p, d);
                int fewest = Integer.MAX_VALUE;
                for (Coloring c : all.values()) {
                    assertValidColumnColoring(d == Direction.COLUMNS ? m : transpose(m), c);
                    assertTrue(c.count() >= c.lowerBound());
                    fewest = Math.min(fewest, c.count());
                    int total = 0;
                    for (int k = 0; k < c.count(); k++) {
                        total += c.members(k).length;
                    }
                    assertEquals(c.size(), total);
                }
                assertEquals(fewest, GreedyColoring.best(p, d).count());
            }
        }
    }

    @Test
    void orderingsAreWhatTheySay() {
        Random rnd = new Random(23);
        for (int trial = 0; trial < 30; trial++) {
            SparsityPattern p = SparsityPattern.of(SparsityPatternTest.randomMatrix(rnd, 3 + rnd.nextInt(15), 2 + rnd.nextInt(20), 0.2));
            AdjacencyGraph g = AdjacencyGraph.columnIntersection(p);
            boolean[][] adj = new boolean[g.n][g.n];
            boolean[][] m = p.toBooleanMatrix();
            for (boolean[] row : m) {
                for (int a = 0; a < g.n; a++) {
                    for (int b = 0; b < g.n; b++) {
                        adj[a][b] |= a != b && row[a] && row[b];
                    }
                }
            }
            for (int v = 0; v < g.n; v++) {
                for (int u = 0; u < g.n; u++) {
                    assertEquals(adj[v][u], g.adjacent(v, u));
                }
            }
            for (Ordering o : Ordering.values()) {
                int[] order = o.order(g);
                int[] sorted = order.clone();
                Arrays.sort(sorted);
                for (int v = 0; v < g.n; v++) {
                    assertEquals(v, sorted[v], o + " is not a permutation");
                }
            }
            int[] lf = Ordering.LARGEST_FIRST.order(g);
            for (int k = 1; k < lf.length; k++) {
                assertTrue(g.degree(lf[k - 1]) >= g.degree(lf[k]));
            }
            // smallest-last: o[k] has the smallest degree within the subgraph induced by o[0..k]
            int[] sl = Ordering.SMALLEST_LAST.order(g);
            for (int k = 0; k < sl.length; k++) {
                int dk = degreeWithin(adj, sl, k, sl[k]);
                for (int q = 0; q < k; q++) {
                    assertTrue(dk <= degreeWithin(adj, sl, k, sl[q]), "smallest-last violated at " + k);
                }
            }
            // incidence degree: o[k] has the most neighbours among o[0..k) of all remaining vertices
            int[] id = Ordering.INCIDENCE_DEGREE.order(g);
            for (int k = 1; k < id.length; k++) {
                int ik = degreeWithin(adj, id, k - 1, id[k]) - (adj[id[k]][id[k]] ? 1 : 0);
                for (int q = k + 1; q < id.length; q++) {
                    assertTrue(ik >= degreeWithin(adj, id, k - 1, id[q]), "incidence degree violated at " + k);
                }
            }
        }
    }

    /** Neighbours of v among order[0..last]. */
    private static int degreeWithin(boolean[][] adj, int[] order, int last, int v) {
        int d = 0;
        for (int k = 0; k <= last; k++) {
            d += adj[v][order[k]] ? 1 : 0;
        }
        return d;
    }
}
