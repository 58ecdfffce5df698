package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompileStatistics;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guarded reverse body of a loop copy ({@link GuardedCopy}: plain arithmetic, one finiteness
 * test per copy, the exact code when it fails) gives the interpreter's bits: at kinks, where an
 * infinite partial meets a zero adjoint (the strong zero), where values are infinite or NaN in
 * some copies and not in others (a fallback in the middle of a loop with a carried sum), in
 * stencils whose copies add into the same input adjoints, and when a caller seeds −0.
 */
class GuardedCopyTest {

    /**
     * Σ_i [sqrt(relu(x_i))·x_{i+1} + |x_i|·max(x_i, x_{i+1}) + (x_i > 0)·∞ + x_i]: kinks, a strong
     * zero (sqrt'(0) = ∞ times relu's 0), and an edge with {@code Dependence.NONE} whose factor is
     * infinite (issue 13 item 1: the comparison passes nothing back, not ∞·0).
     */
    private static Graph kinkyLoop(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var inf = b.constant(Double.POSITIVE_INFINITY);
        Var f = null;
        for (int i = 0; i + 1 < n; i++) {
            Var s = x[i].gt(x[i + 1].constant(0.0));
            Var term = x[i].relu().sqrt().mul(x[i + 1]).add(x[i].abs().mul(x[i].max(x[i + 1])))
                    .add(s.mul(inf)).add(x[i]);
            f = f == null ? term : f.add(term);
        }
        return b.build("f", f);
    }

    /** The largest repeat of the graph and whether it gets a guarded body. */
    private static boolean largestRepeatIsGuarded(Graph g) {
        NodeTable t = NodeTable.of(g);
        List<Region> regions = NestFinder.regions(t, RepeatFinder.blocks(t));
        Block best = SavedValuesTest.largestRepeat(regions);
        assertNotNull(best, "a repeat");
        int[] outputs = {g.outputNode(0)};
        CopyLocals locals = new CopyLocals(t, regions, outputs);
        Operands o = new Operands(t);
        o.enter(null, best, locals.of(null, best));
        return GuardedCopy.of(t, o, null, best) != null;
    }

    @Test
    void kinksAndNonFiniteValuesInSomeCopiesKeepTheInterpretersBits() {
        int n = 60;
        Graph g = kinkyLoop(n);
        assertTrue(largestRepeatIsGuarded(g));
        double[] x = new double[n];
        double[] special = {0.0, -1.0, -0.0, Double.POSITIVE_INFINITY, Double.NaN, 1e300, -1e-320};
        for (int i = 0; i < n; i++) {     // regular points, and every special value somewhere mid-loop
            x[i] = i % 5 == 2 ? special[(i / 5) % special.length] : 0.3 + 0.1 * i * (i % 2 == 0 ? 1 : -1);
        }
        for (Subgradients policy : new Subgradients[] {Subgradients.DEFAULT, new Subgradients(1.0, 0.5, 1.0)}) {
            assertSameAsInterpreter(g, x, policy);
        }
    }

    @Test
    void theStrongZeroInsideAGuardedCopyGivesTheClosedForm() {
        // f = Σ sqrt(relu(x_i))·x_{i+1} + …: at x_i = −1, d/dx_i of sqrt(relu(x_i)) is ∞·0 = 0 by the
        // strong zero; the other terms give |x|' max + |x|·max' + 1 = −1·max(−1, x_{i+1}) + 1·[…]
        int n = 6;
        Graph g = kinkyLoop(n);
        double[] x = {4.0, -1.0, 9.0, 2.0, 0.25, 1.0};
        CompiledGraph c = GraphCompiler.compile(g);
        double[] grad = new double[n];
        c.valueAndGradient(x, grad, c.newWorkspace());
        // x_1 = −1 (x_0 = 4, x_2 = 9): from term 0: sqrt(4)·1 = 2; from term 1: 0 (strong zero)
        // + sign(−1)·max(−1, 9) = −9 + 1
        assertEquals(2.0 - 9.0 + 1.0, grad[1], 0.0);
        // x_3 = 2 (x_2 = 9, x_4 = 0.25): from term 2: sqrt(9) = 3; from term 3:
        // x_4/(2 sqrt 2) + max(2, 0.25) + |2|·1 + 1
        assertEquals(3.0 + 0.25 / (2 * Math.sqrt(2.0)) + 2.0 + 2.0 + 1.0, grad[3], 1e-15);
    }

    /**
     * A periodic stencil read twice (out_i = w_i·(x_{i−1} − 2x_i + x_{i+1} + x_i²·x_{i+1}), summed):
     * no loop-carried value in the stencil, but each input adjoint receives terms from three
     * copies, added in the interpreter's order; checked against central differences too.
     */
    @Test
    void aStencilWhoseCopiesShareInputAdjointsKeepsTheOrderOfTheTerms() {
        int n = 50;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        Var[] w = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        for (int i = 0; i < n; i++) {
            w[i] = b.input("w" + i);
        }
        Var two = b.constant(2.0);
        Var[] out = new Var[n];
        for (int i = 0; i < n; i++) {
            Var l = x[(i + n - 1) % n];
            Var r = x[(i + 1) % n];
            out[i] = l.sub(two.mul(x[i])).add(r).add(x[i].square().mul(r));
        }
        Var f = out[0].mul(w[0]);
        for (int i = 1; i < n; i++) {
            f = f.add(out[i].mul(w[i]));
        }
        Graph g = b.build("f", f);
        double[] p = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            p[i] = Math.sin(1.7 * i) * 3;
        }
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
        p[7] = Double.POSITIVE_INFINITY;          // one copy falls back, its neighbours do not
        p[n + 20] = 0.0;
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);

        p[7] = 0.4;
        CompiledGraph c = GraphCompiler.compile(g);
        double[] grad = new double[2 * n];
        c.valueAndGradient(p, grad, c.newWorkspace());
        Program interpreter = g.compile();
        for (int k : new int[] {0, 7, 25, n - 1, n + 3}) {
            double h = 1e-6;
            double[] q = p.clone();
            q[k] += h;
            double up = interpreter.evaluate(q)[0];
            q[k] -= 2 * h;
            double down = interpreter.evaluate(q)[0];
            assertEquals((up - down) / (2 * h), grad[k], 1e-6 * (1 + Math.abs(grad[k])), "d/d" + g.inputName(k));
        }
    }

    /**
     * x_i and x_{n−1−i} are different elements but in the middle copy, where they are one: the
     * commit of a copy's terms, grouped per element, must then keep the term-by-term order.
     */
    @Test
    void elementsThatMeetInOneCopyKeepTheTermByTermOrder() {
        int n = 41;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var f = null;
        for (int i = 0; i < n; i++) {
            Var y = x[n - 1 - i];
            Var t = x[i].square().mul(y).add(y.sin().mul(x[i])).add(x[i].exp()).add(y.square());
            f = f == null ? t : f.add(t);
        }
        Graph g = b.build("f", f);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 1.3 * Math.sin(2.1 * i) + 0.1;
        }
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
    }

    /**
     * A 21-node stencil body (the Brusselator's length without its share of the weighted sum): its reverse code,
     * written guarded and exact, must stay under HotSpot's 8000-byte method limit.
     */
    @Test
    void theLongestGuardedBodyStaysUnderTheJitsMethodLimit() {
        int n = 300;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var c = b.constant(4.4);
        Var f = null;
        for (int i = 2; i + 2 < n; i++) {
            Var lap = x[i - 2].add(x[i - 1]).add(x[i + 1]).add(x[i + 2]).sub(c.mul(x[i]));
            Var uuv = x[i].mul(x[i]).mul(x[i + 1]);
            Var t = uuv.sub(c.mul(x[i - 1])).add(lap.mul(x[i + 2])).mul(x[i - 2].sin()).add(x[i].exp().mul(lap));
            f = f == null ? t : f.add(t);
        }
        Graph g = b.build("f", f);
        CompileStatistics stats = GraphCompiler.compile(g).statistics();
        assertTrue(stats.largestMethodBytes() < 8000, "every method JIT-compilable: " + stats);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.5 * Math.cos(1.1 * i) + (i == 150 ? Double.NaN : 0.0);
        }
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
    }

    /**
     * A 25-node stencil body with transcendental nodes (the longest guarded, a Brusselator point
     * with its share of a weighted sum): guarded, with its exact code in a method of its own, every
     * method under HotSpot's 8000-byte limit; a NaN mid-loop sends copies to that exact code, and
     * the gradient keeps the interpreter's bits (the exact method's carried sum included).
     */
    @Test
    void aTwentyFiveNodeBodyIsGuardedWithItsExactCodeOutOfLine() {
        int n = 200;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var c = b.constant(4.4);
        Var f = null;
        for (int i = 2; i + 2 < n; i++) {
            Var lap = x[i - 2].add(x[i - 1]).add(x[i + 1]).add(x[i + 2]).sub(c.mul(x[i]));
            Var uuv = x[i].mul(x[i]).mul(x[i + 1]);
            Var t = uuv.sub(c.mul(x[i - 1])).add(lap.mul(x[i + 2])).mul(x[i - 2].sin()).add(x[i].exp().mul(lap))
                    .mul(x[i + 1].cos()).sub(x[i].tanh().mul(uuv)).add(uuv.mul(c)).neg();
            f = f == null ? t : f.add(t);
        }
        Graph g = b.build("f", f);
        NodeTable t = NodeTable.of(g);
        int period = 0;
        for (Block k : RepeatFinder.blocks(t)) {
            period = Math.max(period, k.isRepeat() ? k.period() : 0);
        }
        assertEquals(25, period, "the body's length");
        assertTrue(largestRepeatIsGuarded(g));
        CompileStatistics stats = GraphCompiler.compile(g).statistics();
        assertTrue(stats.largestMethodBytes() < 8000, "every method JIT-compilable: " + stats);
        for (double poison : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.0}) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = 0.5 * Math.cos(1.1 * i) + (i == 97 ? poison : 0.0);
            }
            assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
        }
    }

    /**
     * A five-point-like stencil Σ wᵢ·(x_{i−2} + x_{i−1} + x_{i+1} + x_{i+2} − 4xᵢ)·sin(xᵢ): the four
     * neighbours take the same adjoint ±g, summed once in the guard; a non-finite weight, value or
     * product anywhere (∞·0 at a zero weight, NaN, an overflow) still sends the copy to the exact code.
     */
    @Test
    void neighboursSharingOneAdjointAreGuardedOnceAndKeepTheInterpretersBits() {
        int n = 40;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        Var[] w = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        for (int i = 0; i < n; i++) {
            w[i] = b.input("w" + i);
        }
        Var four = b.constant(4.0);
        Var f = null;
        for (int i = 2; i + 2 < n; i++) {
            Var lap = x[i - 2].add(x[i - 1]).add(x[i + 1]).add(x[i + 2]).sub(four.mul(x[i]));
            Var t = lap.mul(x[i].sin()).mul(w[i]);
            f = f == null ? t : f.add(t);
        }
        Graph g = b.build("f", f);
        assertTrue(largestRepeatIsGuarded(g));
        double[][] poisons = {{Double.POSITIVE_INFINITY, 0.0}, {Double.NaN, 1.0}, {1e308, 1e308}, {0.0, Double.NEGATIVE_INFINITY}};
        for (double[] poison : poisons) {
            for (int at : new int[] {3, 17, 36}) {
                double[] p = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    p[i] = 0.7 * Math.cos(0.9 * i);
                    p[n + i] = 1.0 + 0.1 * i;
                }
                p[at] = poison[0];
                p[n + at + 1] = poison[1];
                assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
            }
        }
    }

    /**
     * A caller's −0 seed on an input, with a zero seed on the output: a zero adjoint sends nothing,
     * so the input keeps its −0 (the guarded body would add 0·p = +0 to it; the workspace's
     * zeroGuard sends such a sweep to the exact code).
     */
    @Test
    void aNegativeZeroSeedIsLeftAsTheExactSweepLeavesIt() {
        Graph g = RepeatedBlocksTest.rosenbrock(40);
        CompiledGraph c = GraphCompiler.compile(g);
        double[] x = new double[40];
        java.util.Arrays.fill(x, 0.5);
        double[] values = new double[g.size()];
        c.forward(x, values, Subgradients.DEFAULT);
        double[] seeds = new double[g.size()];
        for (int k = 0; k < g.inputCount(); k++) {
            seeds[g.inputNode(k)] = -0.0;
        }
        seeds[g.outputNode(0)] = 0.0;
        c.backward(values, seeds, Subgradients.DEFAULT);
        for (int k = 0; k < g.inputCount(); k++) {
            assertBits(-0.0, seeds[g.inputNode(k)], "adjoint of " + g.inputName(k));
        }
        // and the interpreter agrees on the ordinary seed
        double[] grad = new double[40];
        double[] expected = new double[40];
        c.valueAndGradient(x, grad, c.newWorkspace());
        Program interpreter = g.compile();
        interpreter.valueAndGradient(interpreter.newWorkspace(), x, expected, EvalOptions.DEFAULT);
        for (int k = 0; k < 40; k++) {
            assertBits(expected[k], grad[k], "gradient " + k);
        }
    }
}
