package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.Workspace;
import dev.leibniz.core.compile.CompileStatistics;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused forward–reverse loop of a traced reduction ({@link FusedReduction}): which loops
 * qualify (a running sum with partial 1 as the only loop-carried value, the sum the output,
 * adjoints outside the loop fed by one copy each), and that the fused gradient keeps the
 * interpreter's bits, with kinks and non-finite values in some copies, and that evaluation
 * between gradients still runs the loop.
 */
class FusedReductionTest {

    /** The running-sum node of the graph's fused loop, or −1. */
    private static int fusedSum(Graph g) {
        NodeTable t = NodeTable.of(g);
        List<Region> regions = NestFinder.regions(t, RepeatFinder.blocks(t));
        int[] outputs = new int[g.outputCount()];
        for (int j = 0; j < outputs.length; j++) {
            outputs[j] = g.outputNode(j);
        }
        return FusedReduction.sumNode(t, regions, outputs, new CopyLocals(t, regions, outputs));
    }

    /** Σ over pairs of {@code term(x_{2i}, x_{2i+1})}, each pair's inputs read by its own copy only. */
    private static Graph pairSum(int n, java.util.function.BiFunction<Var, Var, Var> term) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var f = null;
        for (int i = 0; i + 1 < n; i += 2) {
            Var t = term.apply(x[i], x[i + 1]);
            f = f == null ? t : f.add(t);
        }
        return b.build("f", f);
    }

    /** sqrt(relu(a))·b + |a|·max(a, b) + (a > 0)·∞ + a: kinks, a strong zero, an edge of Dependence.NONE. */
    private static Var kinky(Var a, Var b) {
        return a.relu().sqrt().mul(b).add(a.abs().mul(a.max(b))).add(a.gt(a.constant(0.0)).mul(a.constant(
                Double.POSITIVE_INFINITY))).add(a);
    }

    @Test
    void rosenbrockIsFusedAndKeepsTheInterpretersBitsAcrossCallsAndEvaluations() {
        int n = 80;
        Graph g = RepeatedBlocksTest.rosenbrock(n);
        assertTrue(fusedSum(g) >= 0, "Rosenbrock's loop is a fusable reduction");
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        Program interpreter = g.compile();
        Workspace iw = interpreter.newWorkspace();
        for (int call = 0; call < 4; call++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (i % 2 == 0 ? -1.2 : 1.0) + 0.037 * call * i;
            }
            double[] grad = new double[n];
            double[] expected = new double[n];
            double value = c.valueAndGradient(x, grad, w);
            double expectedValue = interpreter.valueAndGradient(iw, x, expected, EvalOptions.DEFAULT);
            assertBits(expectedValue, value, "value, call " + call);
            for (int k = 0; k < n; k++) {
                assertBits(expected[k], grad[k], "gradient " + k + ", call " + call);
            }
            double[] out = new double[1];       // the plain evaluation must still run the loop
            c.evaluate(x, out, w);
            assertBits(expectedValue, out[0], "evaluate after a gradient, call " + call);
            for (int i = 0; i + 1 < n; i += 2) {    // closed form
                double a = x[i + 1] - x[i] * x[i];
                assertEquals(-400 * a * x[i] - 2 * (1 - x[i]), grad[i], 1e-9 * (1 + Math.abs(grad[i])));
                assertEquals(200 * a, grad[i + 1], 1e-9 * (1 + Math.abs(grad[i + 1])));
            }
        }
    }

    @Test
    void kinksAndNonFiniteValuesInSomeCopiesOfAFusedLoop() {
        int n = 70;
        Graph g = pairSum(n, FusedReductionTest::kinky);
        assertTrue(fusedSum(g) >= 0, "one copy per pair of inputs: fusable");
        double[] special = {0.0, -1.0, -0.0, Double.POSITIVE_INFINITY, Double.NaN, 1e300, -1e-320,
                Double.NEGATIVE_INFINITY};
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 6 == 2 || i % 6 == 5 ? special[(i / 3) % special.length] : 0.3 + 0.1 * i * (i % 4 == 0 ? 1 : -1);
        }
        for (Subgradients policy : new Subgradients[] {Subgradients.DEFAULT, new Subgradients(1.0, 0.5, 1.0)}) {
            assertSameAsInterpreter(g, x, policy);
        }
        // closed form at the strong zero: a = −1, b = 9: d/da = 0 (∞·0) + sign(a)·max(a, b) + 1 = −8
        double[] p = new double[n];
        java.util.Arrays.fill(p, 2.0);
        p[10] = -1.0;
        p[11] = 9.0;
        CompiledGraph c = GraphCompiler.compile(g);
        double[] grad = new double[n];
        c.valueAndGradient(p, grad, c.newWorkspace());
        assertEquals(-8.0, grad[10], 0.0);
        // a = 4, b = 1: d/da = b/(2 sqrt a) + max(a, b) + |a| + 1 = 0.25 + 4 + 4 + 1
        p[10] = 4.0;
        p[11] = 1.0;
        c.valueAndGradient(p, grad, c.newWorkspace());
        assertEquals(9.25, grad[10], 1e-15);
    }

    /**
     * f += a·b, then f += sin(a): the previous sum reaches the sum through a private addition.
     * (Starting from f = x₀x₁ + sin x₀ instead leaves the last pair as single nodes after the loop,
     * which is not fused: the loop's sum must be the output.)
     */
    @Test
    void aSumAddedToTwiceInEachCopyIsFused() {
        int n = 50;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var f = b.constant(0.0);              // so that every pair is a copy of the loop (none trails it)
        for (int i = 0; i + 1 < n; i += 2) {
            f = f.add(x[i].mul(x[i + 1])).add(x[i].sin());
        }
        Graph g = b.build("f", f);
        assertTrue(fusedSum(g) >= 0, "a chain of two additions is fusable");
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = i == 13 ? Double.NaN : i == 20 ? Double.POSITIVE_INFINITY : Math.cos(0.7 * i);
        }
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
        p[13] = 0.5;
        p[20] = -0.25;
        CompiledGraph c = GraphCompiler.compile(g);
        double[] grad = new double[n];
        c.valueAndGradient(p, grad, c.newWorkspace());
        for (int i = 0; i + 1 < n; i += 2) {    // closed form: ∂/∂x_i = x_{i+1} + cos(x_i), ∂/∂x_{i+1} = x_i
            assertEquals(p[i + 1] + Math.cos(p[i]), grad[i], 1e-15);
            assertEquals(p[i], grad[i + 1], 0.0);
        }
    }

    /** A long body read from arrays: the fused loop holds its code four times and must stay JIT-compilable. */
    @Test
    void aLongFusedBodyStaysUnderTheJitsMethodLimit() {
        int n = 400;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var f = b.constant(0.0);
        for (int i = 0; i + 3 < n; i += 4) {
            Var p = x[i].mul(x[i + 1]).sub(x[i + 2].mul(x[i + 3])).mul(x[i].add(x[i + 3]));
            Var q = x[i + 1].div(x[i + 2].square().add(x[i + 3].exp())).sub(x[i].abs());
            f = f.add(p.mul(q).add(x[i + 2].sin().mul(x[i])));
        }
        Graph g = b.build("f", f);
        assertTrue(fusedSum(g) >= 0, "fusable");
        CompileStatistics stats = GraphCompiler.compile(g).statistics();
        assertTrue(stats.largestMethodBytes() < 8000, "every method JIT-compilable: " + stats);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.sin(0.3 * i) + (i == 77 ? Double.POSITIVE_INFINITY : 0.0);
        }
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
    }

    @Test
    void loopsThatDoNotQualifyAreNotFusedAndStayExact() {
        int n = 40;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.03 * i;
        }
        // a product carried from copy to copy: its partial depends on values
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.input("x" + i);
        }
        Var prod = v[0];
        for (int i = 1; i < n; i++) {
            prod = prod.mul(v[i].sin());
        }
        Graph product = b.build("f", prod);
        // the sum is not the output: sin(Σ) after the loop
        Graph after = pairSum(n, (p, q) -> p.mul(q));
        Function<Graph, Graph> wrap = g0 -> {
            GraphBuilder b2 = GraphBuilder.tracing();
            Var[] w = new Var[n];
            for (int i = 0; i < n; i++) {
                w[i] = b2.input("x" + i);
            }
            Var f = null;
            for (int i = 0; i + 1 < n; i += 2) {
                Var t = w[i].mul(w[i + 1]);
                f = f == null ? t : f.add(t);
            }
            return b2.build("f", f.sin());
        };
        Graph sinOfSum = wrap.apply(after);
        // neighbours: x_i is read by copies i and i − 1, so two copies add to its adjoint
        Graph shared = ((Function<Integer, Graph>) m -> {
            GraphBuilder b3 = GraphBuilder.tracing();
            Var[] w = new Var[m];
            for (int i = 0; i < m; i++) {
                w[i] = b3.input("x" + i);
            }
            Var f = null;
            for (int i = 0; i + 1 < m; i++) {
                Var t = w[i].sub(w[i + 1]).square();
                f = f == null ? t : f.add(t);
            }
            return b3.build("f", f);
        }).apply(n);
        assertTrue(fusedSum(after) >= 0, "the plain pair sum is fusable");
        for (Graph g : new Graph[] {product, sinOfSum, shared}) {
            assertEquals(-1, fusedSum(g), g.nodeListing(g.size() - 1));
            assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
        }
        assertSameAsInterpreter(after, x, Subgradients.DEFAULT);
    }
}
