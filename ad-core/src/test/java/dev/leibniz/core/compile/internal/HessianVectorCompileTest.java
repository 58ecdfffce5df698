package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.ForwardMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompileStatistics;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.core.passes.InputOrderSchedule;
import dev.leibniz.core.passes.Passes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compiled Hessian–vector product as the benchmarks build it: the JVP graph of the gradient
 * graph, the gradient graph first reordered by {@link InputOrderSchedule} and the result
 * optimized ({@link Passes}). Its outputs are bitwise those of the interpreted plain JVP of the
 * gradient graph, H·v matches the closed-form Hessian of extended Rosenbrock and central
 * differences of the hand-written gradient, and each pair's forward and reverse nodes form one
 * repeat (one loop, within {@link RepeatFinder#MAX_PERIOD}).
 */
class HessianVectorCompileTest {

    private static Graph hvpGraph(Graph f) {
        return Passes.optimize(ForwardMode.jvpGraph(InputOrderSchedule.apply(ReverseMode.gradientGraph(f)).graph()))
                .graph();
    }

    /** Hand-written gradient of extended Rosenbrock, the oracle's central differences. */
    private static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] = -400.0 * a * x[i] - 2.0 * (1.0 - x[i]);
            g[i + 1] = 200.0 * a;
        }
        return g;
    }

    @Test
    void compiledScheduledHvpHasTheInterpretersBitsAndTheHessiansValue() {
        int n = 40;
        Graph f = RepeatedBlocksTest.rosenbrock(n);
        Graph raw = ForwardMode.jvpGraph(ReverseMode.gradientGraph(f));
        Graph h = hvpGraph(f);
        assertEquals(raw.outputNames(), h.outputNames());
        assertTrue(h.size() < raw.size() * 0.6, h.size() + " nodes, unoptimized " + raw.size());
        CompiledGraph c = GraphCompiler.compile(h);
        CompiledGraph.Workspace w = c.newWorkspace();
        Program interpreter = raw.compile();
        for (int call = 0; call < 3; call++) {
            double[] in = new double[2 * n];
            for (int i = 0; i < n; i++) {
                in[i] = (i % 2 == 0 ? -1.2 : 1.0) + 0.21 * call * Math.cos(i);
                in[n + i] = Math.sin(i + 1.0);
            }
            double[] out = new double[h.outputCount()];
            c.evaluate(in, out, w);
            double[] expected = interpreter.evaluate(in);
            for (int j = 0; j < out.length; j++) {
                assertBits(expected[j], out[j], "output " + h.outputName(j) + ", call " + call);
            }
            double[] x = java.util.Arrays.copyOf(in, n);
            double eps = 1e-6;
            for (int i = 0; i + 1 < n; i += 2) {
                double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                double hij = -400 * x[i];
                double[] closed = {hii * in[n + i] + hij * in[n + i + 1], hij * in[n + i] + 200 * in[n + i + 1]};
                for (int k = 0; k < 2; k++) {
                    double got = out[n + 2 + i + k];
                    assertEquals(closed[k], got, 1e-12 * Math.max(1, Math.abs(closed[k])), "(H·v)[" + (i + k) + "]");
                }
            }
            // central differences of the gradient along v: (∇f(x + εv) − ∇f(x − εv)) / 2ε
            double[] xp = x.clone();
            double[] xm = x.clone();
            for (int i = 0; i < n; i++) {
                xp[i] += eps * in[n + i];
                xm[i] -= eps * in[n + i];
            }
            double[] gp = gradient(xp);
            double[] gm = gradient(xm);
            for (int i = 0; i < n; i++) {
                double fd = (gp[i] - gm[i]) / (2 * eps);
                assertEquals(fd, out[n + 2 + i], 1e-5 * Math.max(1, Math.abs(fd)), "(H·v)[" + i + "] vs differences");
            }
        }
    }

    @Test
    void eachPairsForwardAndReverseNodesAreOneRepeat() {
        int n = 200;
        Graph h = hvpGraph(RepeatedBlocksTest.rosenbrock(n));
        NodeTable t = NodeTable.of(h);
        List<Block> blocks = RepeatFinder.blocks(t);
        Block largest = blocks.get(0);
        for (Block b : blocks) {
            largest = b.nodes() > largest.nodes() ? b : largest;
        }
        int computed = h.size() - 2 * n;
        assertTrue(largest.nodes() >= 0.95 * computed, "largest repeat " + largest + " of " + computed + " nodes");
        assertTrue(largest.period() > 30 && largest.period() <= RepeatFinder.MAX_PERIOD, "period " + largest.period());
        CompileStatistics s = GraphCompiler.compile(h).statistics();
        assertEquals(0, s.nests());
        assertTrue(s.largestMethodBytes() < 8000, "largest method " + s.largestMethodBytes() + " bytes");
    }

    /** A loop body of MAX_PERIOD nodes: found as one repeat, its code under 8000 bytes, exact. */
    @Test
    void aLoopOfTheLongestPeriodIsRolledAndExact() {
        int pairs = 6;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[2 * pairs];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.input("x" + i);
        }
        Var f = null;
        for (int i = 0; i < pairs; i++) {
            Var u = x[2 * i];
            Var v = x[2 * i + 1];
            Var acc = u.mul(v);
            int nodes = 1;
            while (nodes + 3 < RepeatFinder.MAX_PERIOD) {
                acc = acc.sin().mul(v).add(u); // three nodes per round
                nodes += 3;
            }
            while (nodes + 1 < RepeatFinder.MAX_PERIOD) {
                acc = acc.tanh();
                nodes++;
            }
            f = f == null ? acc : f.add(acc);  // the running sum: MAX_PERIOD nodes per copy
        }
        Graph g = b.build("f", f);
        List<Block> blocks = RepeatFinder.blocks(NodeTable.of(g));
        boolean found = false;
        for (Block k : blocks) {
            found |= k.isRepeat() && k.period() == RepeatFinder.MAX_PERIOD;
        }
        assertTrue(found, "a repeat of period " + RepeatFinder.MAX_PERIOD + " in " + blocks);
        CompileStatistics s = GraphCompiler.compile(g).statistics();
        assertTrue(s.largestMethodBytes() < 8000, s.toString());
        double[] at = new double[x.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = 0.3 * i - 1.1;
        }
        assertSameAsInterpreter(g, at, Subgradients.DEFAULT);
    }
}
