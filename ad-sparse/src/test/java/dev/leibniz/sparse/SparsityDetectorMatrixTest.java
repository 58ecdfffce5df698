package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sparsity patterns of graphs with matrix nodes, element by element (issue 13, defect 3: the
 * detector used to read every matrix node as one scalar and returned a wrong pattern). Rows are
 * output elements, columns input elements, row-major. Oracles: closed forms, and the dense
 * Jacobian of ad-core's matrix reverse mode (one unit cotangent per output element), itself
 * checked against central differences.
 */
class SparsityDetectorMatrixTest {

    // ---------------------------------------------------------------- oracles

    private static double[][] split(Graph g, double[] x) {
        double[][] in = new double[g.inputCount()][];
        for (int j = 0, at = 0; j < in.length; j++) {
            int n = g.inputShape(j).size();
            in[j] = Arrays.copyOfRange(x, at, at + n);
            at += n;
        }
        return in;
    }

    private static int elements(Shape[] shapes) {
        int n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        return n;
    }

    private static Shape[] inputShapes(Graph g) {
        Shape[] s = new Shape[g.inputCount()];
        for (int j = 0; j < s.length; j++) {
            s[j] = g.inputShape(j);
        }
        return s;
    }

    private static Shape[] outputShapes(Graph g) {
        Shape[] s = new Shape[g.outputCount()];
        for (int j = 0; j < s.length; j++) {
            s[j] = g.outputShape(j);
        }
        return s;
    }

    /** Output elements × input elements by the matrix reverse mode: row r is the VJP of the unit cotangent e_r. */
    static double[][] denseReverse(Graph g, double[] x) {
        Program p = g.compile();
        double[][] in = split(g, x);
        Shape[] outs = outputShapes(g);
        double[][] jac = new double[elements(outs)][];
        int row = 0;
        for (int r = 0; r < outs.length; r++) {
            for (int e = 0; e < outs[r].size(); e++) {
                double[][] ct = new double[outs.length][];
                for (int q = 0; q < outs.length; q++) {
                    ct[q] = new double[outs[q].size()];
                }
                ct[r][e] = 1.0;
                double[][] vjp = p.vjp(in, ct);
                double[] flat = new double[x.length];
                for (int j = 0, at = 0; j < vjp.length; j++) {
                    System.arraycopy(vjp[j], 0, flat, at, vjp[j].length);
                    at += vjp[j].length;
                }
                jac[row++] = flat;
            }
        }
        return jac;
    }

    /** Output elements × input elements by central differences. */
    static double[][] centralDifferences(Graph g, double[] x) {
        Program p = g.compile();
        int m = elements(outputShapes(g));
        double[][] jac = new double[m][x.length];
        double h = 1e-6;
        for (int c = 0; c < x.length; c++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[c] += h;
            minus[c] -= h;
            double[] fp = flatten(p.evaluate(split(g, plus)));
            double[] fm = flatten(p.evaluate(split(g, minus)));
            for (int r = 0; r < m; r++) {
                jac[r][c] = (fp[r] - fm[r]) / (2 * h);
            }
        }
        return jac;
    }

    private static double[] flatten(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }

    private static boolean[][] nonzeros(double[][] j) {
        boolean[][] nz = new boolean[j.length][];
        for (int r = 0; r < j.length; r++) {
            nz[r] = new boolean[j[r].length];
            for (int c = 0; c < j[r].length; c++) {
                nz[r][c] = j[r][c] != 0;
            }
        }
        return nz;
    }

    private static void or(boolean[][] into, boolean[][] m) {
        for (int r = 0; r < into.length; r++) {
            for (int c = 0; c < into[r].length; c++) {
                into[r][c] |= m[r][c];
            }
        }
    }

    private static double[] randomPoint(Random rnd, Graph g) {
        return TestGraphs.randomPoint(rnd, elements(inputShapes(g)));
    }

    private static Graph trace(Function<Var[], Var> f, Shape... shapes) {
        String[] names = new String[shapes.length];
        for (int j = 0; j < names.length; j++) {
            names[j] = "x" + j;
        }
        return Graph.trace(f, names, shapes);
    }

    // ---------------------------------------------------------------- closed forms

    @Test
    void transposeThenSliceOfA2x2GivesTheExactElementPattern() {
        // Y = (Xᵀ)[row 0] = [X00, X10]: row 0 reads column 0 (X00), row 1 reads column 2 (X10)
        Graph g = trace(v -> v[0].transpose().sliceRows(0, 1), new Shape(2, 2));
        assertEquals(new Shape(1, 2), g.outputShape(0));
        boolean[][] expected = {{true, false, false, false}, {false, false, true, false}};
        assertArrayEquals(expected, TestGraphs.dense(SparsityDetector.jacobian(g)));
        double[] x = {0.3, -1.2, 0.7, 2.1};
        double[][] reverse = denseReverse(g, x);
        double[][] fd = centralDifferences(g, x);
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(fd[r], reverse[r], 1e-9, "the reverse-mode oracle agrees with central differences");
        }
        assertArrayEquals(expected, nonzeros(reverse));
        assertArrayEquals(expected, TestGraphs.dense(SparsityDetector.jacobian(g, x)));
    }

    @Test
    void matmulReadsARowAndAColumnAndBroadcastingReadsTheSharedElement() {
        // Y = A·B + b (A 2×3, B 3×2, b 1×2 broadcast over rows): Y[i,j] depends on A[i,·], B[·,j], b[j]
        Graph g = trace(v -> v[0].matmul(v[1]).add(v[2]), new Shape(2, 3), new Shape(3, 2), new Shape(1, 2));
        boolean[][] p = TestGraphs.dense(SparsityDetector.jacobian(g));
        assertEquals(4, p.length);
        assertEquals(6 + 6 + 2, p[0].length);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                boolean[] row = p[i * 2 + j];
                for (int c = 0; c < 14; c++) {
                    boolean expected = c < 6 ? c / 3 == i                         // A[i, ·]
                            : c < 12 ? (c - 6) % 2 == j                           // B[·, j]
                            : c - 12 == j;                                        // b[j]
                    assertEquals(expected, row[c], "Y[" + i + "," + j + "], column " + c);
                }
            }
        }
        double[] x = randomPoint(new Random(1), g);
        assertArrayEquals(nonzeros(denseReverse(g, x)), p);
    }

    @Test
    void classIndicesAndConstantMatricesAddNoColumns() {
        // softmax_xent_rows(X·C, t): the targets t carry no derivative; the constant C none at all
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("X", new Shape(2, 2));
        Var t = b.input("t", new Shape(2, 1));
        Var c = b.constant(new double[] {1, 2, 3, 4}, new Shape(2, 2));
        Graph g = b.build("loss", x.matmul(c).softmaxCrossEntropy(t));
        boolean[][] p = TestGraphs.dense(SparsityDetector.jacobian(g));
        assertArrayEquals(new boolean[][] {{true, true, false, false, false, false},
                {false, false, true, true, false, false}}, p);
    }

    @Test
    void aPointOfTheWrongDimensionNamesTheInputElements() {
        Graph g = trace(v -> v[0].matmul(v[0].transpose()).add(v[1]), new Shape(2, 3), Shape.SCALAR);
        SparsityException e = assertThrows(SparsityException.class, () -> SparsityDetector.jacobian(g, new double[6]));
        assertTrue(e.getMessage().contains("dimension 6") && e.getMessage().contains("7 input elements")
                && e.getMessage().contains("x0 2x3"), e.getMessage());
    }

    // ---------------------------------------------------------------- against the dense oracle

    /** A graph mixing every kind of matrix primitive with elementwise scalar ones. */
    private static Graph mixed() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("X", new Shape(3, 4));
        Var w = b.input("W", new Shape(4, 2));
        Var bias = b.input("b", new Shape(1, 2));
        Var s = b.input("s");
        Var h = x.matmul(w).add(bias).tanh();                                  // 3×2
        Var top = h.sliceRows(1, 3).transpose();                               // 2×2
        Var soft = top.softmax(1).mul(b.constant(new double[] {1, 2, 3, 5}, new Shape(2, 2)));
        Var wide = Var.concat(1, soft, x.sliceCols(0, 1).reshape(1, 3).sliceCols(0, 2).broadcastTo(new Shape(2, 2)));
        Var cols = x.sum(0).mul(s.exp());                                      // 1×4
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("wide", wide.sin());                                           // 2×4
        out.put("cols", cols.add(s));                                          // 1×4
        out.put("loss", h.square().sumAll().add(s.square()));                  // 1×1
        return b.build(out);
    }

    @Test
    void mixedMatrixGraphPatternEqualsTheObservedNonzeros() {
        Graph g = mixed();
        SparsityPattern global = SparsityDetector.jacobian(g);
        assertEquals(2 * 4 + 4 + 1, global.rows());
        assertEquals(12 + 8 + 2 + 1, global.cols());
        boolean[][] seen = new boolean[global.rows()][global.cols()];
        Random rnd = new Random(2);
        for (int t = 0; t < 4; t++) {
            double[] x = randomPoint(rnd, g);
            boolean[][] obs = nonzeros(denseReverse(g, x));
            assertArrayEquals(obs, TestGraphs.dense(SparsityDetector.jacobian(g, x)), "local pattern at point " + t);
            or(seen, obs);
        }
        assertArrayEquals(seen, TestGraphs.dense(global));
    }

    @Test
    void localPatternsOfElementwiseBranchesOnMatrices() {
        // select(X > 0, X ⊙ Y, Y), relu(X) + s, max(X, s): the branch is decided per element, the
        // scalar s broadcast against every element
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("X", new Shape(2, 3));
        Var y = b.input("Y", new Shape(1, 3));
        Var s = b.input("s");
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("sel", Var.select(x.gt(0.0), x.mul(y), y.broadcastTo(new Shape(2, 3))));
        out.put("relu", x.relu().add(s));
        out.put("max", x.max(s));
        Graph g = b.build(out);
        boolean[][] global = TestGraphs.dense(SparsityDetector.jacobian(g));
        Random rnd = new Random(3);
        for (int t = 0; t < 20; t++) {
            double[] pt = randomPoint(rnd, g);
            boolean[][] local = TestGraphs.dense(SparsityDetector.jacobian(g, pt));
            assertArrayEquals(nonzeros(denseReverse(g, pt)), local, "point " + t);
            for (int r = 0; r < local.length; r++) {
                for (int c = 0; c < local[r].length; c++) {
                    assertTrue(!local[r][c] || global[r][c], "local ⊆ global");
                }
            }
        }
        // at X = all negative, every select takes Y, relu passes nothing (only s), max follows s where s wins
        double[] neg = {-1, -2, -3, -4, -5, -6, 0.5, 0.6, 0.7, -2.5};
        boolean[][] local = TestGraphs.dense(SparsityDetector.jacobian(g, neg));
        for (int e = 0; e < 6; e++) {
            for (int c = 0; c < 10; c++) {
                assertEquals(c == 6 + e % 3, local[e][c], "sel[" + e + "] column " + c);
                assertEquals(c == 9, local[6 + e][c], "relu[" + e + "] column " + c);
                boolean sWins = -2.5 > neg[e];
                assertEquals(sWins ? c == 9 : c == e, local[12 + e][c], "max[" + e + "] column " + c);
            }
        }
    }

    // ---------------------------------------------------------------- variadic, on matrices

    @ParameterizedTest(name = "{0} parts")
    @ValueSource(ints = {1, 8, 9, 20, 70})
    void variadicPrimitivesOnMatricesCountEveryArgument(int a) {
        // inputs: a 2×1 columns c_k and one 1×2 row r; outputs concat(sin c_0, …) (2×a) and the
        // elementwise logsumexp(c_0 ⊙ r, …, c_{a−1} ⊙ r) (2×2, broadcasting column against row)
        GraphBuilder b = GraphBuilder.tracing();
        Var[] c = new Var[a];
        for (int k = 0; k < a; k++) {
            c[k] = b.input("c" + k, new Shape(2, 1));
        }
        Var r = b.input("r", new Shape(1, 2));
        Var[] sines = new Var[a];
        Var[] products = new Var[a];
        for (int k = 0; k < a; k++) {
            sines[k] = c[k].sin();
            products[k] = c[k].mul(r);
        }
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("cat", Var.concat(1, sines));
        out.put("lse", Var.logsumexp(products));
        Graph g = b.build(out);
        boolean[][] global = TestGraphs.dense(SparsityDetector.jacobian(g));
        int columns = 2 * a + 2;
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < a; k++) {
                for (int col = 0; col < columns; col++) {
                    assertEquals(col == 2 * k + i, global[i * a + k][col], "cat[" + i + "," + k + "] column " + col);
                }
            }
            for (int j = 0; j < 2; j++) {
                for (int col = 0; col < columns; col++) {
                    boolean expected = col < 2 * a ? col % 2 == i : col - 2 * a == j;
                    assertEquals(expected, global[2 * a + i * 2 + j][col], "lse[" + i + "," + j + "] column " + col);
                }
            }
        }
        double[] x = randomPoint(new Random(4 + a), g);
        assertArrayEquals(nonzeros(denseReverse(g, x)), global);
        assertArrayEquals(global, TestGraphs.dense(SparsityDetector.jacobian(g, x)));

        // the Hessian of Σ concat(sin c_0, …): concat is linear, so each part's curvature reaches
        // the output only through its own position — the diagonal of the c elements, r not at all
        Graph sum = b.build("f", Var.concat(1, sines).sumAll());
        boolean[][] hessian = TestGraphs.dense(SparsityDetector.hessian(sum));
        double[][] observed = hessianByDifferences(sum, x);
        for (int p = 0; p < columns; p++) {
            for (int q = 0; q < columns; q++) {
                assertEquals(p == q && p < 2 * a, hessian[p][q], "H[" + p + "][" + q + "]");
                assertEquals(hessian[p][q], Math.abs(observed[p][q]) > 1e-6, "observed H[" + p + "][" + q + "]");
            }
        }
    }

    // ---------------------------------------------------------------- Hessians

    /** The Hessian of output 0 (1×1) by central differences of the reverse-mode gradient. */
    private static double[][] hessianByDifferences(Graph g, double[] x) {
        Program p = g.compile();
        double h = 1e-5;
        double[][] hess = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[c] += h;
            minus[c] -= h;
            double[] gp = flatten(gradients(p, split(g, plus)));
            double[] gm = flatten(gradients(p, split(g, minus)));
            hess[c] = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                hess[c][r] = (gp[r] - gm[r]) / (2 * h);
            }
        }
        return hess;
    }

    private static double[][] gradients(Program p, double[][] in) {
        var gr = p.gradient(in);
        double[][] out = new double[in.length][];
        for (int j = 0; j < in.length; j++) {
            out[j] = gr.isPresent(j) ? gr.array(j) : new double[in[j].length];
        }
        return out;
    }

    @Test
    void hessianOfAMatrixGraphContainsTheObservedSecondDerivatives() {
        // Σ w ⊙ softmax(Xᵀ) + Σ (X[row 0] ⊙ y)² + Σ X[row 1]: softmax couples each column of X, the
        // square couples X[0, j] with y[j], the last row is linear
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("X", new Shape(2, 3));
        Var y = b.input("y", new Shape(1, 3));
        Var w = b.constant(new double[] {1, -2, 3, 0.5, 2, -1}, new Shape(3, 2));
        Var f = x.transpose().softmax(1).mul(w).sumAll()
                .add(x.sliceRows(0, 1).mul(y).square().sumAll())
                .add(x.sliceRows(1, 2).sumAll());
        Graph g = b.build("f", f);
        boolean[][] pattern = TestGraphs.dense(SparsityDetector.hessian(g));
        boolean[][] expected = new boolean[9][9];
        for (int p = 0; p < 9; p++) {
            for (int q = 0; q < 9; q++) {
                boolean sameColumnOfX = p < 6 && q < 6 && p % 3 == q % 3;
                boolean squarePair = (p < 3 || p >= 6) && (q < 3 || q >= 6) && p % 3 == q % 3;
                expected[p][q] = sameColumnOfX || squarePair;
            }
        }
        assertArrayEquals(expected, pattern);
        Random rnd = new Random(5);
        for (int t = 0; t < 3; t++) {
            double[][] h = hessianByDifferences(g, randomPoint(rnd, g));
            for (int p = 0; p < 9; p++) {
                for (int q = 0; q < 9; q++) {
                    assertEquals(expected[p][q], Math.abs(h[p][q]) > 1e-6, "H[" + p + "][" + q + "] = " + h[p][q]);
                }
            }
        }
    }

    @Test
    void matmulHessianPatternIsTheDocumentedSuperset() {
        // f = Σ A·B for A 1×2, B 2×1 = A0·B0 + A1·B1: nonzero (A0, B0), (A1, B1); the element-level
        // rule for a matrix primitive couples every A element it reads with every B element
        Graph g = trace(v -> v[0].matmul(v[1]).sumAll(), new Shape(1, 2), new Shape(2, 1));
        boolean[][] pattern = TestGraphs.dense(SparsityDetector.hessian(g));
        boolean[][] superset = {{false, false, true, true}, {false, false, true, true},
                {true, true, false, false}, {true, true, false, false}};
        assertArrayEquals(superset, pattern);
        double[][] h = hessianByDifferences(g, new double[] {0.3, -0.4, 1.2, 0.8});
        for (int p = 0; p < 4; p++) {
            for (int q = 0; q < 4; q++) {
                assertTrue(Math.abs(h[p][q]) < 1e-6 || pattern[p][q], "observed ⊆ pattern at " + p + "," + q);
            }
        }
    }
}
