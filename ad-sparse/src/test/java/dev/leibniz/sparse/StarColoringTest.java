package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StarColoringTest {

    /**
     * Independent check of the definition: adjacent variables differ, and every path on four
     * distinct vertices w–x–y–z uses at least three colors (brute force over all such paths).
     */
    static void assertStarColoring(boolean[][] m, Coloring c) {
        int n = m.length;
        for (int w = 0; w < n; w++) {
            for (int x = 0; x < n; x++) {
                if (x == w || !m[w][x]) {
                    continue;
                }
                assertTrue(c.colorOf(w) != c.colorOf(x), "neighbours " + w + ", " + x + " share a color");
                for (int y = 0; y < n; y++) {
                    if (y == w || y == x || !m[x][y]) {
                        continue;
                    }
                    for (int z = 0; z < n; z++) {
                        if (z == w || z == x || z == y || !m[y][z]) {
                            continue;
                        }
                        boolean twoColored = c.colorOf(w) == c.colorOf(y) && c.colorOf(x) == c.colorOf(z);
                        assertTrue(!twoColored, "path " + w + "-" + x + "-" + y + "-" + z + " uses two colors");
                    }
                }
            }
        }
    }

    static boolean[][] randomSymmetric(Random rnd, int n, double density) {
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = rnd.nextBoolean();
            for (int j = 0; j < i; j++) {
                m[i][j] = m[j][i] = rnd.nextDouble() < density;
            }
        }
        return m;
    }

    @Test
    void everyOrderingGivesAStarColoring() {
        Random rnd = new Random(29);
        for (int trial = 0; trial < 60; trial++) {
            boolean[][] m = randomSymmetric(rnd, 2 + rnd.nextInt(14), 0.05 + 0.4 * rnd.nextDouble());
            SparsityPattern p = SparsityPattern.of(m);
            for (Ordering o : Ordering.values()) {
                Coloring c = StarColoring.of(p, o);
                assertTrue(c.isStar());
                assertStarColoring(m, c);
                assertTrue(c.count() >= c.lowerBound(), c.toString());
            }
            assertStarColoring(m, StarColoring.best(p));
        }
    }

    @Test
    void arrowheadHessianNeedsTwoStarColorsButNColumnColors() {
        int n = 12;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, n);
        Var f = x[0].square();
        for (int i = 1; i < n; i++) {
            f = f.add(x[0].mul(x[i])).add(x[i].sin());
        }
        Graph g = TestGraphs.build(b, new Var[] {f});
        SparsityPattern h = SparsityDetector.hessian(g);
        Coloring star = StarColoring.best(h);
        assertEquals(2, star.count());
        assertStarColoring(h.toBooleanMatrix(), star);
        assertEquals(n, GreedyColoring.best(h, Direction.COLUMNS).count());
    }

    @Test
    void pathNeedsThreeStarColors() {
        int n = 10;
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = Math.abs(i - j) <= 1;
            }
        }
        Coloring c = StarColoring.best(SparsityPattern.of(m));
        assertEquals(3, c.count()); // two colors would two-color the path 0-1-2-3
        assertStarColoring(m, c);
        assertEquals(2, c.lowerBound());
    }

    @Test
    void nonSymmetricPatternsAreRejected() {
        SparsityException e = assertThrows(SparsityException.class,
                () -> StarColoring.best(SparsityPattern.of(new boolean[][] {{true, true}, {false, true}})));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
        e = assertThrows(SparsityException.class, () -> StarColoring.best(SparsityPattern.of(new boolean[2][3])));
        assertTrue(e.getMessage().contains("square, got 2×3"), e.getMessage());
    }
}
