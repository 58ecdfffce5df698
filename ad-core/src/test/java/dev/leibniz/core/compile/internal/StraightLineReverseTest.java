package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Program;
import dev.leibniz.core.RandomExpressions;
import dev.leibniz.core.RandomGraphs;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledGraph#vjp}, which pulls cotangents back through a small graph with every adjoint in
 * a local ({@link StraightLineReverse}) or, for other graphs, through the kernels, must give the
 * interpreter's input adjoints ({@link Program#backward}, the reference) bit for bit — signed
 * zeros included, NaN as NaN — on random graphs, expressions and gradient graphs, on every scalar
 * primitive under every policy at kinks and non-finite arguments, with zero, negative-zero,
 * infinite and NaN cotangents; the kernel path must leave its workspace ready for a gradient.
 */
class StraightLineReverseTest {
    private static final Subgradients[] POLICIES = {
        Subgradients.DEFAULT, new Subgradients(1.0, 1.0, 0.0), new Subgradients(0.25, -0.5, 1.0)};

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    /** vjp at {@code x} with {@code cot} (placed at an offset) against the interpreter's backward sweep. */
    private static void check(Graph g, double[] x, double[] cot, Subgradients policy) {
        EvalOptions opt = EvalOptions.DEFAULT.withPolicy(policy);
        Program interpreter = g.compile();
        double[] values = interpreter.forward(opt, x);
        double[] expected = interpreter.backward(values, cot, opt);
        CompiledGraph compiled = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = compiled.newWorkspace();
        w.setPolicy(policy);
        double[] shifted = new double[cot.length + 3];
        System.arraycopy(cot, 0, shifted, 3, cot.length);
        double[] actual = new double[g.inputCount()];
        java.util.Arrays.fill(actual, 99.0);   // written, not added to
        compiled.vjp(values, shifted, 3, actual, w);
        for (int k = 0; k < actual.length; k++) {
            assertBits(expected[k], actual[k], "adjoint of " + g.inputName(k) + " of\n" + g);
        }
    }

    private static double[] cotangents(Graph g, Random rnd, int kind) {
        double[] c = new double[g.outputCount()];
        for (int j = 0; j < c.length; j++) {
            c[j] = switch ((kind + j) % 5) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> rnd.nextGaussian();
                case 3 -> kind % 7 == 3 ? Double.POSITIVE_INFINITY : 1.5;
                default -> kind % 11 == 4 ? Double.NaN : -2.0;
            };
        }
        return c;
    }

    @Test
    void randomGraphsExpressionsAndGradientGraphsGiveTheInterpretersAdjoints() {
        int taken = 0;
        for (long seed = 0; seed < 150; seed++) {
            Random rnd = new Random(seed);
            Graph g = RandomGraphs.graph(rnd);
            taken += StraightLineReverse.of(g) != null ? 1 : 0; // not with a variadic logsumexp
            double[] x = new double[g.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian() * 2;
            }
            check(g, x, cotangents(g, rnd, (int) seed), POLICIES[(int) (seed % 3)]);
            RandomExpressions.Expression e = RandomExpressions.realize(1 + (int) (seed % 4), 5 + (int) (seed % 36),
                    1 + (int) (seed % 3), seed);
            check(e.graph(), e.point(), cotangents(e.graph(), rnd, (int) seed + 2), Subgradients.DEFAULT);
            if (seed < 30) {
                Graph grad = ReverseMode.gradientGraph(e.graph());
                check(grad, e.point(), cotangents(grad, rnd, (int) seed + 1), POLICIES[(int) (seed % 3)]);
            }
        }
        assertTrue(taken > 30, "random graphs with a straight line: " + taken);
    }

    @Test
    void everyScalarPrimitiveUnderEveryPolicyAtKinksAndNonFiniteArguments() {
        double[] points = {0.0, -0.0, 0.7, -2.5, 1e308, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN};
        double[] cots = {1.0, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NaN, -3.25};
        int checked = 0;
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT || !RuleEmitter.handles(p)) {
                continue;
            }
            int n = p.arity();
            for (int trial = 0; trial < points.length * points.length; trial++) {
                GraphBuilder b = GraphBuilder.tracing();
                Var[] in = new Var[n];
                double[] x = new double[n];
                for (int k = 0; k < n; k++) {
                    in[k] = b.input("x" + k);
                    x[k] = points[(k == 0 ? trial : trial / points.length) % points.length];
                }
                double param = p == Arithmetic.POWI ? trial % 5 - 2 : p.hasParam() ? 1 : 0;
                Graph g = b.build("f", b.apply(p, param, in));
                assertNotNull(StraightLineReverse.of(g), p.name());
                for (Subgradients pol : POLICIES) {
                    check(g, x, new double[] {cots[trial % cots.length]}, pol);
                }
                checked++;
            }
        }
        assertTrue(checked > 1000, "primitives checked: " + checked);
    }

    @Test
    void sharedArgumentsAndOutputsAndAnOutputThatIsAnInputOrAConstant() {
        // x·x (both arguments one node), an output read twice, an input as an output, a constant output
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var sq = x.mul(x);
        Var s = sq.add(y.sin()).mul(sq);
        Graph g = b.build(new String[] {"s", "s2", "x", "c"}, new int[] {s.node(), s.node(), x.node(),
            b.constant(2.0).node()});
        assertNotNull(StraightLineReverse.of(g));
        check(g, new double[] {1.5, -0.5}, new double[] {1.0, -2.0, 0.25, 7.0}, Subgradients.DEFAULT);
        check(g, new double[] {0.0, -0.0}, new double[] {-0.0, 0.0, -0.0, 1.0}, Subgradients.DEFAULT);
    }

    @Test
    void graphsItDoesNotTakeRunTheKernelsAndLeaveTheWorkspaceClean() {
        Graph select = Graph.trace(v -> Var.select(v[0].gt(0.5), v[1].mul(v[1]), v[2].sin()), "c", "a", "b");
        assertNull(StraightLineReverse.of(select));
        check(select, new double[] {1.0, 2.0, 3.0}, new double[] {1.5}, Subgradients.DEFAULT);
        check(select, new double[] {0.0, 2.0, 3.0}, new double[] {-0.0}, Subgradients.DEFAULT);
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var s = x;
        for (int i = 0; i < 4000; i++) {
            s = s.mul(0.999).add(x.sin());
        }
        Graph chain = b.build("f", s);
        assertNull(StraightLineReverse.of(chain));
        check(chain, new double[] {0.3}, new double[] {2.0}, Subgradients.DEFAULT);
        // the kernel path sweeps the workspace's adjoint array: a gradient with it afterwards is exact
        CompiledGraph c = GraphCompiler.compile(select);
        CompiledGraph.Workspace w = c.newWorkspace();
        double[] x0 = {1.0, 2.0, 3.0};
        double[] values = new double[select.size()];
        c.forward(x0, values, Subgradients.DEFAULT);
        c.vjp(values, new double[] {5.0}, 0, new double[3], w);
        double[] grad = new double[3];
        c.valueAndGradient(x0, grad, w);
        assertEquals(4.0, grad[1], 0.0);
        assertEquals(0.0, grad[2], 0.0);
    }

    @Test
    void graphsAboveTheSizeLimitAreLeftToTheKernelsWithoutWritingThem() {
        // regression: the writer wrote the whole method before measuring it, and on a graph of
        // 652 nodes (size 260 below) ASM's stack-map frame computation, which grows as branches ×
        // locals (a zero test and two copies per node, an adjoint local per node), threw
        // LimitExceededException ("Too many allocated bytes") out of the first vjp — as it did in
        // models' universal Lotka–Volterra test. Now a lower bound of the size turns such graphs
        // down first; whatever the writer decides, the numbers are the interpreter's
        for (int size : new int[] {60, 120, 180, 260}) {
            GraphBuilder b = GraphBuilder.tracing();
            Var x = b.input("x");
            Var y = b.input("y");
            Var s = x;
            for (int i = 0; i < size; i++) {
                s = i % 2 == 0 ? s.mul(y).add(x) : s.mul(0.5).sin();
            }
            Graph g = b.build("f", s);
            StraightLine.of(g);
            StraightLineReverse.of(g);
            check(g, new double[] {0.3, 0.9}, new double[] {1.0}, Subgradients.DEFAULT);
            double[] expected = g.compile().forward(EvalOptions.DEFAULT, new double[] {0.3, 0.9});
            CompiledGraph c = GraphCompiler.compile(g);
            double[] out = new double[1];
            c.evaluateOutputs(new double[] {0.3, 0.9}, out, c.newWorkspace());
            assertBits(expected[g.outputNode(0)], out[0], "value at size " + size);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Graph g = Graph.trace(v -> v[0].mul(v[1]), "a", "b");
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        double[] values = new double[g.size()];
        assertTrue(assertThrows(GraphException.class, () -> c.vjp(new double[1], new double[1], 0, new double[2], w))
                .getMessage().contains("values array"));
        assertTrue(assertThrows(GraphException.class, () -> c.vjp(values, new double[1], 1, new double[2], w))
                .getMessage().contains("from offset 1"));
        assertTrue(assertThrows(GraphException.class, () -> c.vjp(values, new double[1], 0, new double[1], w))
                .getMessage().contains("2 inputs"));
    }
}
