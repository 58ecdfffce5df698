package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * A trailing reduction moved into the loop that produces its terms ({@link ReductionSchedule})
 * keeps the interpreter's bits — values, the reverse sweep over the caller's node arrays, and
 * gradients — on the weighted sum of a Brusselator right-hand side of several sizes (at regular
 * and at poisoned points), and on random loops followed by random reductions; the order it
 * returns is topological and keeps every node's users in their order (the reason it is exact).
 */
class ReductionScheduleTest {

    private static int escaping(NodeTable t, int output) {
        return new CopyLocals(t, NestFinder.regions(t, RepeatFinder.blocks(t)), new int[] {output}).escaping();
    }

    @Test
    void theBrusselatorsWeightedSumMovesIntoTheGridLoopAndKeepsTheInterpretersBits() {
        for (int n : new int[] {3, 6, 9, 12}) {
            Graph g = NestTest.brusselatorVjp(n);
            NodeTable t = NodeTable.of(g);
            int[] order = ReductionSchedule.order(t);
            assertNotNull(order, "N = " + n + ": the sum moves");
            int output = NodeTable.inverse(order)[g.outputNode(0)];
            if (n >= 6) {                       // a row with an interior loop (N = 3: every point is a boundary point)
                assertTrue(escaping(t.permuted(order), output) < escaping(t, g.outputNode(0)),
                        "N = " + n + ": fewer values leave their loop copy");
            }
            assertOrderIsExact(t, order);
            int m = 2 * n * n;
            Random rnd = new Random(n);
            double[] x = new double[2 * m];
            for (int k = 0; k < x.length; k++) {
                x[k] = k < m ? 1.0 + 2.0 * rnd.nextDouble() : Math.sin(k + 1.0);
            }
            assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
            // poisoned states and weights send some copies to the exact code
            double[][] poisons = {{Double.NaN, 0.0}, {Double.POSITIVE_INFINITY, -0.0}, {1e300, 0.0}, {0.0, -0.0}};
            for (double[] p : poisons) {
                double[] y = x.clone();
                y[(m / 2) | 1] = p[0];
                y[m + m / 3] = p[1];
                y[2 * m - 1] = p[1];
                assertSameAsInterpreter(g, y, Subgradients.DEFAULT);
            }
        }
    }

    /** A node's value read through the workspace is at its own node index, whatever order the kernels keep. */
    @Test
    void workspaceValuesAreReadByTheCallersNodeIndex() {
        Graph g = NestTest.brusselatorVjp(5);
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        double[] x = new double[g.inputCount()];
        for (int k = 0; k < x.length; k++) {
            x[k] = 0.5 + 0.01 * k;
        }
        double value = c.valueAndGradient(x, new double[x.length], w);
        assertBits(value, w.value(g.outputNode(0)), "the output through the workspace");
        double[] expected = g.compile().forward(EvalOptions.DEFAULT, x);
        assertBits(expected[g.outputNode(0)], value, "the output");
        double[] out = new double[1];
        c.evaluate(x, out, w);
        assertBits(value, out[0], "evaluate");
    }

    @Test
    void nothingMovesWhereTheTailAlreadyFollowsItsTerms() {
        assertNull(ReductionSchedule.order(NodeTable.of(RepeatedBlocksTest.rosenbrock(40))), "Rosenbrock: one loop");
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        assertNull(ReductionSchedule.order(NodeTable.of(b.build("f", x))), "a lone input");
        GraphBuilder b2 = GraphBuilder.tracing();
        Var[] xs = {b2.input("a"), b2.input("b"), b2.input("c")};
        Var terms = xs[0].sin().add(xs[1].cos());
        Var f = Var.select(xs[2].gt(b2.constant(0.0)), terms, xs[1]).mul(terms.exp());
        assertNull(ReductionSchedule.order(NodeTable.of(b2.build("f", f))), "a three-argument node: left alone");
    }

    /**
     * Random loops (a random body of unary and binary operations over neighbouring inputs, some
     * reading a running value of the previous copy) followed by a random reduction of their
     * results (weighted sum, sum of squares, or one reading a loop input again).
     */
    @Property(tries = 60)
    void randomLoopsFollowedByReductionsKeepTheInterpretersBits(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                                               @ForAll @IntRange(min = 4, max = 30) int copies) {
        Random rnd = new Random(seed);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[copies + 2];
        for (int k = 0; k < x.length; k++) {
            x[k] = b.input("x" + k);
        }
        Var[] w = new Var[copies];
        for (int k = 0; k < copies; k++) {
            w[k] = b.input("w" + k);
        }
        Var c = b.constant(1.5);
        int ops = 2 + rnd.nextInt(8);
        int[] kind = new int[ops];
        int[] argA = new int[ops];
        int[] argB = new int[ops];
        for (int o = 0; o < ops; o++) {
            kind[o] = rnd.nextInt(7);
            argA[o] = rnd.nextInt(o + 3);
            argB[o] = rnd.nextInt(o + 3);
        }
        boolean carried = rnd.nextBoolean();
        List<Var> f = new ArrayList<>();
        Var previous = c;
        for (int k = 0; k < copies; k++) {
            List<Var> vals = new ArrayList<>(List.of(x[k], x[k + 1], carried ? previous : x[k + 2]));
            for (int o = 0; o < ops; o++) {
                Var a = vals.get(argA[o]);
                Var d = vals.get(argB[o]);
                vals.add(switch (kind[o]) {
                    case 0 -> a.add(d);
                    case 1 -> a.mul(d);
                    case 2 -> a.sub(d);
                    case 3 -> a.sin();
                    case 4 -> a.tanh().mul(c);
                    case 5 -> a.abs().add(c);
                    default -> a.max(d);
                });
            }
            f.add(vals.get(vals.size() - 1));
            previous = vals.get(vals.size() - 1);
        }
        int reduction = rnd.nextInt(3);
        Var sum = null;
        for (int k = 0; k < copies; k++) {
            Var term = switch (reduction) {
                case 0 -> f.get(k).mul(w[k]);
                case 1 -> f.get(k).mul(f.get(k));
                default -> f.get(k).mul(x[k]);      // reads a loop input again: no cut before it
            };
            sum = sum == null ? term : sum.add(term);
        }
        Graph g = b.build("f", sum);
        NodeTable t = NodeTable.of(g);
        int[] order = ReductionSchedule.order(t);
        if (order != null) {
            assertOrderIsExact(t, order);
        }
        double[] in = new double[g.inputCount()];
        for (int k = 0; k < in.length; k++) {
            in[k] = rnd.nextInt(10) == 0 ? 0.0 : rnd.nextGaussian();
        }
        assertSameAsInterpreter(g, in, Subgradients.DEFAULT);
    }

    /**
     * A permutation, topological, and every node that depends on an input keeps its users in
     * their order (so the reverse sweep adds each adjoint's terms in the same order).
     */
    private static void assertOrderIsExact(NodeTable t, int[] order) {
        assertEquals(t.size, order.length);
        int[] at = new int[t.size];
        java.util.Arrays.fill(at, -1);
        for (int i = 0; i < order.length; i++) {
            assertEquals(-1, at[order[i]], "node " + order[i] + " placed twice");
            at[order[i]] = i;
        }
        int[] lastUser = new int[t.size];
        java.util.Arrays.fill(lastUser, -1);
        for (int u = 0; u < t.size; u++) {
            for (int k = 0; k < t.arity(u); k++) {
                int a = t.arg(u, k);
                assertTrue(at[a] < at[u], "argument " + a + " before its user " + u);
                if (t.dependsOnInput[a] && lastUser[a] != u) {
                    assertTrue(lastUser[a] < 0 || at[lastUser[a]] < at[u], "users of " + a + " keep their order");
                    lastUser[a] = u;
                }
            }
        }
    }
}
