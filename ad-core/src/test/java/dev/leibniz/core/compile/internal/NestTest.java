package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompileStatistics;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Traced double loops become nests (an outer loop over the rows, each row a repeat with single
 * nodes at its ends) and give the interpreter's bits and the closed-form gradients.
 */
class NestTest {

    /** (i, j) on an n×n periodic grid. */
    private static int at(int n, int i, int j) {
        return ((i + n) % n) * n + (j + n) % n;
    }

    /** The five-point periodic Laplacian of a grid of values. */
    private static double laplacian(int n, double[] x, int i, int j) {
        return x[at(n, i + 1, j)] + x[at(n, i - 1, j)] + x[at(n, i, j + 1)] + x[at(n, i, j - 1)] - 4 * x[at(n, i, j)];
    }

    /** L(x, c) = Σ c_ij · (Δx)_ij over an n×n periodic grid, with x then c as inputs. */
    static Graph stencil(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n * n];
        Var[] c = new Var[n * n];
        for (int k = 0; k < n * n; k++) {
            x[k] = b.input("x" + k);
        }
        for (int k = 0; k < n * n; k++) {
            c[k] = b.input("c" + k);
        }
        Var four = b.constant(4.0);
        Var sum = null;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Var lap = x[at(n, i + 1, j)].add(x[at(n, i - 1, j)]).add(x[at(n, i, j + 1)]).add(x[at(n, i, j - 1)])
                        .sub(four.mul(x[at(n, i, j)]));
                Var term = c[at(n, i, j)].mul(lap);
                sum = sum == null ? term : sum.add(term);
            }
        }
        return b.build("L", sum);
    }

    @Test
    void aPeriodicStencilIsANestWithTheClosedFormGradient() {
        int n = 12;
        Graph g = stencil(n);
        CompiledGraph compiled = GraphCompiler.compile(g);
        CompileStatistics s = compiled.statistics();
        assertTrue(s.nests() >= 1, "the rows form a nest: " + s);
        assertTrue(s.singleNodes() < g.size() / 5, "most nodes are in loops: " + s);

        double[] in = new double[2 * n * n];
        for (int k = 0; k < in.length; k++) {
            in[k] = Math.sin(0.7 * k + 0.3);
        }
        double[] x = java.util.Arrays.copyOfRange(in, 0, n * n);
        double[] c = java.util.Arrays.copyOfRange(in, n * n, 2 * n * n);
        double[] grad = new double[in.length];
        compiled.valueAndGradient(in, grad, compiled.newWorkspace());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // ∂L/∂c = Δx, and ∂L/∂x = Δc (the periodic Laplacian is self-adjoint)
                assertEquals(laplacian(n, x, i, j), grad[n * n + at(n, i, j)], 1e-12, "∂L/∂c at " + i + "," + j);
                assertEquals(laplacian(n, c, i, j), grad[at(n, i, j)], 1e-12, "∂L/∂x at " + i + "," + j);
            }
        }
        assertSameAsInterpreter(g, in, Subgradients.DEFAULT);
    }

    @Test
    void aMatrixVectorProductIsANestWithTheClosedFormGradient() {
        // f(W, x) = Σ_i tanh(Σ_j W_ij x_j), traced row by row
        int rows = 7;
        int cols = 40; // a row of more than RepeatFinder.MAX_PERIOD nodes: a repeat inside a nest
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[cols];
        Var[][] w = new Var[rows][cols];
        for (int j = 0; j < cols; j++) {
            x[j] = b.input("x" + j);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w[i][j] = b.input("w" + i + "_" + j);
            }
        }
        Var f = null;
        for (int i = 0; i < rows; i++) {
            Var y = w[i][0].mul(x[0]);
            for (int j = 1; j < cols; j++) {
                y = y.add(w[i][j].mul(x[j]));
            }
            f = f == null ? y.tanh() : f.add(y.tanh());
        }
        Graph g = b.build("f", f);
        CompiledGraph compiled = GraphCompiler.compile(g);
        assertTrue(compiled.statistics().nests() >= 1, "the rows form a nest: " + compiled.statistics());

        double[] in = new double[cols + rows * cols];
        for (int k = 0; k < in.length; k++) {
            in[k] = 0.4 * Math.cos(1.3 * k);
        }
        double[] grad = new double[in.length];
        compiled.valueAndGradient(in, grad, compiled.newWorkspace());
        double[] dx = new double[cols];
        for (int i = 0; i < rows; i++) {
            double y = 0;
            for (int j = 0; j < cols; j++) {
                y += in[cols + i * cols + j] * in[j];
            }
            double dy = 1 - Math.tanh(y) * Math.tanh(y);
            for (int j = 0; j < cols; j++) {
                assertEquals(dy * in[j], grad[cols + i * cols + j], 1e-14, "∂f/∂W" + i + "," + j);
                dx[j] += dy * in[cols + i * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            assertEquals(dx[j], grad[j], 1e-14, "∂f/∂x" + j);
        }
        assertSameAsInterpreter(g, in, Subgradients.DEFAULT);
    }

    @Test
    void nestsOfKinksGiveTheInterpretersBitsUnderEveryPolicy() {
        // rows whose ends differ from their interior (wrapped neighbours), with policy-dependent kinks
        int n = 8;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n * n];
        for (int k = 0; k < x.length; k++) {
            x[k] = b.input("x" + k);
        }
        Var half = b.constant(0.5);
        Var sum = null;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Var v = x[at(n, i, j)].max(x[at(n, i, j + 1)]).sub(x[at(n, i - 1, j)].abs()).relu()
                        .add(x[at(n, i, j - 1)].min(half)).mul(x[at(n, i + 1, j)].tanh());
                sum = sum == null ? v : sum.add(v);
            }
        }
        Graph g = b.build("f", sum);
        assertTrue(GraphCompiler.compile(g).statistics().nests() >= 1);
        double[][] points = new double[3][n * n];
        for (int k = 0; k < n * n; k++) {
            points[1][k] = k % 3 == 0 ? 0.0 : k % 3 == 1 ? 0.5 : -0.5;      // kinks and ties
            points[2][k] = Math.sin(k);
        }
        for (Subgradients pol : new Subgradients[] {Subgradients.DEFAULT, new Subgradients(1, 1, 0),
                new Subgradients(0.5, -1, 1)}) {
            for (double[] p : points) {
                assertSameAsInterpreter(g, p, pol);
            }
        }
    }

    /**
     * The Brusselator's right-hand side on an n×n periodic grid (u' = 1 + u²v − 4.4u + αΔu,
     * v' = 3.4u − u²v + αΔv), its outputs then summed with weights in a second loop: Σ w_k f_k (the
     * benchmark's graph, node for node; also used by the reduction-schedule, straight-block and
     * saved-value tests).
     */
    static Graph brusselatorVjp(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        int m = 2 * n * n;
        Var[] s = new Var[m];
        Var[] w = new Var[m];
        for (int k = 0; k < m; k++) {
            s[k] = b.input("s" + k);
        }
        for (int k = 0; k < m; k++) {
            w[k] = b.input("w" + k);
        }
        Var alpha = b.constant(10.0 * (n - 1) * (n - 1));
        Var one = b.constant(1.0);
        Var four = b.constant(4.0);
        Var a44 = b.constant(4.4);
        Var a34 = b.constant(3.4);
        Var[] f = new Var[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = 2 * at(n, i, j);
                Var u = s[k];
                Var v = s[k + 1];
                Var[] lap = new Var[2];
                for (int c = 0; c < 2; c++) {
                    lap[c] = s[2 * at(n, i - 1, j) + c].add(s[2 * at(n, i + 1, j) + c]).add(s[2 * at(n, i, j - 1) + c])
                            .add(s[2 * at(n, i, j + 1) + c]).sub(four.mul(s[k + c]));
                }
                Var uuv = u.mul(u).mul(v);
                f[k] = one.add(uuv).sub(a44.mul(u)).add(alpha.mul(lap[0]));
                f[k + 1] = a34.mul(u).sub(uuv).add(alpha.mul(lap[1]));
            }
        }
        Var sum = f[0].mul(w[0]);
        for (int k = 1; k < m; k++) {
            sum = sum.add(f[k].mul(w[k]));
        }
        return b.build("wf", sum);
    }

    /**
     * A grid row whose first point differs (its left neighbour wraps around) used to start its loop in
     * the middle of the second point, so that every copy's Laplacians were read by the next copy
     * (stored, reloaded, their adjoints through the array). The loops now start at a point: no value
     * of a row's copy is read by another copy, fewer nodes escape their copy — and the gradient keeps
     * the interpreter's bits at ordinary and at poisoned points (NaN, ±∞, ±0, subnormals, overflow).
     */
    @Test
    void aGridRowsLoopStartsAtAPointAndKeepsTheInterpretersBits() {
        int n = 8;
        Graph g = brusselatorVjp(n);
        NodeTable t = NodeTable.of(g);
        List<Block> blocks = RepeatFinder.blocks(t);
        int rowLoops = 0;
        for (Block k : blocks) {
            if (k.isRepeat() && k.period() == 21) {          // the interior points of a row
                assertEquals(0, RepeatFinder.crossCopyValues(t, k), "values read across copies of " + k);
                rowLoops++;
            }
        }
        assertEquals(n, rowLoops, "one loop per row");
        List<Region> regions = NestFinder.regions(t, blocks);
        assertTrue(regions.stream().anyMatch(r -> r instanceof Nest), "the rows form a nest");
        // per interior point: the two outputs f_k, read by the weighted sum, and nothing else escapes
        int escaping = new CopyLocals(t, regions, new int[] {g.outputNode(0)}).escaping();
        assertTrue(escaping < 4 * n * n + 6 * 21 * n + 8 * n * n, "escaping nodes: " + escaping);
        int m = 2 * n * n;
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -1e-310, 1e300};
        double[][] points = new double[3][2 * m];
        for (int k = 0; k < 2 * m; k++) {
            points[0][k] = 1.0 + 0.5 * Math.sin(0.37 * k);
            points[1][k] = k % 7 == 3 ? special[(k / 7) % special.length] : points[0][k];
            points[2][k] = k % 3 == 0 ? 0.0 : k % 3 == 1 ? -0.0 : 1e-320;
        }
        for (double[] p : points) {
            assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
        }
    }
}
