package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.sparse.examples.Brusselator2D;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BrusselatorTest {
    private static final int N = 32;
    private static Graph graph;

    @BeforeAll
    static void build() {
        graph = Brusselator2D.graph(N);
    }

    @Test
    void graphComputesThePlainJavaRightHandSide() {
        double alpha = Brusselator2D.defaultAlpha(N);
        Random rnd = new Random(1);
        double[] x = new double[2 * N * N];
        for (int k = 0; k < x.length; k++) {
            x[k] = rnd.nextDouble() * 4;
        }
        double[] expected = new double[x.length];
        Brusselator2D.rhs(N, alpha, x, expected);
        double[] actual = graph.compile().evaluate(x);
        for (int k = 0; k < x.length; k++) {
            assertEquals(expected[k], actual[k], Math.ulp(Math.abs(expected[k])) * 4, "state " + k);
        }
    }

    /** The 6 columns of row r: 5-point stencil of the own species, the same point of the other. */
    private static boolean[][] expectedPattern(int n) {
        int nn = n * n;
        boolean[][] m = new boolean[2 * nn][2 * nn];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int c = i * n + j;
                int[] stencil = {c, ((i + 1) % n) * n + j, ((i + n - 1) % n) * n + j, i * n + (j + 1) % n, i * n + (j + n - 1) % n};
                for (int s : stencil) {
                    m[c][s] = true; // du depends on u stencil
                    m[nn + c][nn + s] = true; // dv on v stencil
                }
                m[c][nn + c] = true; // du on v_ij (u²v)
                m[nn + c][c] = true; // dv on u_ij
            }
        }
        return m;
    }

    @Test
    void jacobianPatternHasExactly12288Nonzeros() {
        SparsityPattern p = SparsityDetector.jacobian(graph);
        assertEquals(2048, p.rows());
        assertEquals(2048, p.cols());
        assertEquals(12_288, p.nnz());
        for (int r = 0; r < p.rows(); r++) {
            assertEquals(6, p.rowCount(r));
        }
        assertEquals(SparsityPattern.of(expectedPattern(N)), p);
    }

    @Test
    void coloringMatchesTheBestPublishedTwelveColorsOrBetter() {
        SparsityPattern p = SparsityDetector.jacobian(graph);
        boolean[][] m = p.toBooleanMatrix();
        for (Direction d : Direction.values()) {
            Map<Ordering, Coloring> all = GreedyColoring.all(p, d);
            StringBuilder report = new StringBuilder("Brusselator 32×32 " + d + ":");
            for (Coloring c : all.values()) {
                GreedyColoringTest.assertValidColumnColoring(d == Direction.COLUMNS ? m : GreedyColoringTest.transpose(m), c);
                assertEquals(6, c.lowerBound());
                report.append(' ').append(c.ordering()).append('=').append(c.count());
            }
            System.out.println(report);
            Coloring best = GreedyColoring.best(p, d);
            assertTrue(best.count() <= 12, best.toString());
        }
    }

    @Test
    void compressedJacobianEqualsTheClosedForm() {
        SparseJacobian jac = SparseJacobian.prepare(graph);
        assertTrue(jac.sweeps() <= 12, jac.toString());
        double alpha = Brusselator2D.defaultAlpha(N);
        int nn = N * N;
        Random rnd = new Random(2);
        double[] random = new double[2 * nn];
        for (int k = 0; k < random.length; k++) {
            random[k] = rnd.nextDouble() * 4 - 1;
        }
        DMatrixSparseCSC j = null;
        for (double[] x : new double[][] {Brusselator2D.initialState(N), random}) {
            j = j == null ? jac.evaluate(x) : jac.evaluate(x, j);
            assertEquals(12_288, j.nz_length);
            for (int i = 0; i < N; i++) {
                for (int q = 0; q < N; q++) {
                    int c = i * N + q;
                    double u = x[c];
                    double v = x[nn + c];
                    int east = ((i + 1) % N) * N + q;
                    assertClose(2 * u * v - 4.4 - 4 * alpha, j.get(c, c), 2 * Math.abs(u * v) + 4.4 + 4 * alpha);
                    assertEquals(alpha, j.get(c, east), 0.0);
                    assertClose(u * u, j.get(c, nn + c), u * u);
                    assertClose(3.4 - 2 * u * v, j.get(nn + c, c), 3.4 + 2 * Math.abs(u * v));
                    assertClose(-u * u - 4 * alpha, j.get(nn + c, nn + c), u * u + 4 * alpha);
                    assertEquals(alpha, j.get(nn + c, nn + east), 0.0);
                }
            }
        }
    }

    /** Within the rounding of a sum of a few terms of total magnitude {@code scale}: 8 ulps. */
    private static void assertClose(double expected, double actual, double scale) {
        assertEquals(expected, actual, 8 * Math.ulp(scale));
    }
}
