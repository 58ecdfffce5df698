package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.Jacobians;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

/**
 * Bidirectional (forward + reverse) partitions: validity checked by a direct count written
 * here, independent of {@link BidirectionalColoring#requireValidFor}; recovery equal bitwise to
 * the dense Jacobian (forward-side entries to ad-forward's dense forward mode, reverse-side
 * entries to ad-core's reverse mode: the same products in the same order); the arrow-head
 * needs 3 sweeps where one-sided colorings need n.
 */
class BidirectionalColoringTest {

    /**
     * f_i = s_i² with s_i = Σ_{j in row i} cos x_j: ∂f_i/∂x_j = −2 s_i sin x_j, different in every
     * row, so reading an entry from the wrong row or lane shows.
     */
    static Graph fromPattern(boolean[][] m) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, m[0].length);
        Var[] f = new Var[m.length];
        for (int i = 0; i < m.length; i++) {
            Var s = null;
            for (int j = 0; j < m[i].length; j++) {
                if (m[i][j]) {
                    s = s == null ? x[j].cos() : s.add(x[j].cos());
                }
            }
            f[i] = s.mul(s);
        }
        return TestGraphs.build(b, f);
    }

    /** A random pattern, every row non-empty, with some dense rows and columns. */
    static boolean[][] randomPattern(long seed, int rows, int cols) {
        Random rnd = new Random(seed);
        boolean[][] m = new boolean[rows][cols];
        double density = 0.05 + 0.3 * rnd.nextDouble();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = rnd.nextDouble() < density;
            }
            m[i][rnd.nextInt(cols)] = true;
        }
        int denseRows = rnd.nextInt(3);
        for (int k = 0; k < denseRows; k++) {
            java.util.Arrays.fill(m[rnd.nextInt(rows)], true);
        }
        int denseCols = rnd.nextInt(3);
        for (int k = 0; k < denseCols; k++) {
            int j = rnd.nextInt(cols);
            for (boolean[] row : m) {
                row[j] = true;
            }
        }
        return m;
    }

    /** The validity condition, counted directly on the dense boolean matrix. */
    static void assertValid(boolean[][] m, BidirectionalColoring c) {
        int rows = m.length;
        int cols = m[0].length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (!m[i][j]) {
                    continue;
                }
                boolean forward = c.columnSeeded(j);
                for (int k = 0; k < cols && forward; k++) {
                    if (k != j && m[i][k] && c.columnSeeded(k) && c.columns().colorOf(k) == c.columns().colorOf(j)) {
                        forward = false;
                    }
                }
                boolean reverse = c.rowSeeded(i);
                for (int k = 0; k < rows && reverse; k++) {
                    if (k != i && m[k][j] && c.rowSeeded(k) && c.rows().colorOf(k) == c.rows().colorOf(i)) {
                        reverse = false;
                    }
                }
                assertTrue(forward || reverse, "(" + i + ", " + j + ") recovered by neither side: " + c);
                assertTrue(c.forwardPart().contains(i, j) != c.reversePart().contains(i, j), "in exactly one part");
                assertTrue(c.forwardPart().contains(i, j) ? forward : reverse, "read from a side that recovers it");
            }
        }
    }

    /** Recovered entries against the dense oracles; entries outside the pattern are zero in both. */
    static void assertRecovers(Graph g, BidirectionalColoring c, double[] x) {
        DMatrixSparseCSC sparse = BidirectionalJacobian.prepare(g, c).evaluate(x);
        ForwardProgram fp = ForwardProgram.prepare(g, 3);
        DMatrixRMaj fwd = Jacobians.jacobianForward(fp, fp.newWorkspace(), x, null);
        double[][] rev = TestGraphs.denseReverse(g, x);
        for (int i = 0; i < rev.length; i++) {
            for (int j = 0; j < rev[i].length; j++) {
                double s = sparse.get(i, j);
                if (c.forwardPart().contains(i, j)) {
                    assertTrue(TestGraphs.same(fwd.get(i, j), s), "J[" + i + "][" + j + "] forward " + fwd.get(i, j) + " vs " + s);
                } else if (c.reversePart().contains(i, j)) {
                    assertTrue(TestGraphs.same(rev[i][j], s), "J[" + i + "][" + j + "] reverse " + rev[i][j] + " vs " + s);
                } else {
                    assertEquals(0.0, rev[i][j], 0.0);
                    assertEquals(0.0, s, 0.0);
                }
            }
        }
    }

    @Property(tries = 120)
    void randomPatternsAreValidNeverWorseThanOneSidedAndRecoverTheJacobian(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 25) int rows, @ForAll @IntRange(min = 1, max = 25) int cols) {
        boolean[][] m = randomPattern(seed, rows, cols);
        SparsityPattern p = SparsityPattern.of(m);
        BidirectionalColoring c = BidirectionalColoring.of(p);
        assertValid(m, c);
        c.requireValidFor(p);
        int oneSided = Math.min(GreedyColoring.best(p, Direction.COLUMNS).count(), GreedyColoring.best(p, Direction.ROWS).count());
        assertTrue(c.sweeps() <= oneSided, c + " vs one-sided " + oneSided);
        Graph g = fromPattern(m);
        assertEquals(p, SparsityDetector.jacobian(g));
        assertRecovers(g, c, TestGraphs.randomPoint(new Random(seed), cols));
    }

    @Property(tries = 60)
    void randomGraphsFromTheGeneratorAreRecovered(@ForAll long seed) {
        RandomSparseGraphs.Case k = RandomSparseGraphs.generate(seed);
        SparsityPattern p = SparsityDetector.jacobian(k.graph());
        BidirectionalColoring c = BidirectionalColoring.of(p);
        assertValid(TestGraphs.dense(p), c);
        assertRecovers(k.graph(), c, TestGraphs.randomPoint(new Random(seed), k.inputs()));
    }

    /** Dense first row + dense first column + diagonal: one-sided colorings need n, this 3. */
    @Test
    void arrowHeadNeedsThreeSweepsWhereOneSidedNeedsN() {
        int n = 40;
        Graph g = TestGraphs.arrowhead(n);
        SparsityPattern p = SparsityDetector.jacobian(g);
        assertEquals(n, GreedyColoring.best(p, Direction.COLUMNS).count());
        assertEquals(n, GreedyColoring.best(p, Direction.ROWS).count());
        BidirectionalColoring c = BidirectionalColoring.of(p);
        assertEquals(3, c.sweeps(), c.toString());
        assertValid(TestGraphs.dense(p), c);
        Random rnd = new Random(3);
        for (int t = 0; t < 3; t++) {
            assertRecovers(g, c, TestGraphs.randomPoint(rnd, n));
        }
        BidirectionalJacobian jac = BidirectionalJacobian.prepare(g);
        assertEquals(3, jac.sweeps());
    }

    @Test
    void aDenseMatrixNeedsOneSideOnly() {
        boolean[][] m = new boolean[4][6];
        for (boolean[] row : m) {
            java.util.Arrays.fill(row, true);
        }
        BidirectionalColoring c = BidirectionalColoring.of(SparsityPattern.of(m));
        assertEquals(4, c.sweeps());
        assertEquals(0, c.forwardSweeps());
        assertValid(m, c);
    }

    @Test
    void aBicoloringOfAnotherPatternIsRefused() {
        SparsityPattern diag = SparsityPattern.of(new boolean[][] {{true, false}, {false, true}});
        BidirectionalColoring c = BidirectionalColoring.of(diag);
        SparsityPattern full = SparsityPattern.of(new boolean[][] {{true, true}, {true, true}});
        SparsityException e = assertThrows(SparsityException.class, () -> c.requireValidFor(full));
        assertTrue(e.getMessage().startsWith("invalid bicoloring: the nonzero ("), e.getMessage());
    }
}
