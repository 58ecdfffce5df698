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
import dev.leibniz.core.LaneJvpGraph;
import dev.leibniz.core.Program;
import dev.leibniz.core.RandomExpressions;
import dev.leibniz.core.RandomGraphs;
import dev.leibniz.core.Shape;
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
 * {@link CompiledGraph#evaluateOutputs}, which runs a small graph as one method with every value in
 * a local ({@link StraightLine}), must give the interpreter's outputs ({@link Program}, the
 * reference) bit for bit — signed zeros included, NaN as NaN — on random graphs and expressions,
 * on every scalar primitive under every subgradient policy at kinks and at non-finite arguments,
 * and on an ODE's k-lane sensitivity graph; it must leave the workspace's node values alone,
 * fall back to the kernels for graphs it does not take, and check its arguments.
 */
class StraightLineTest {
    private static final Subgradients[] POLICIES = {
        Subgradients.DEFAULT, new Subgradients(1.0, 1.0, 0.0), new Subgradients(0.25, -0.5, 1.0)};

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    /** evaluateOutputs against the interpreter's outputs at {@code x}. */
    private static void check(Graph g, double[] x, Subgradients policy) {
        double[] expected = g.compile().forward(EvalOptions.DEFAULT.withPolicy(policy), x);
        CompiledGraph compiled = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = compiled.newWorkspace();
        w.setPolicy(policy);
        double[] out = new double[g.outputCount()];
        compiled.evaluateOutputs(x, out, w);
        for (int j = 0; j < out.length; j++) {
            assertBits(expected[g.outputNode(j)], out[j], "output " + g.outputName(j) + " of\n" + g);
        }
    }

    @Test
    void randomGraphsAndExpressionsGiveTheInterpretersOutputs() {
        int taken = 0;
        for (long seed = 0; seed < 150; seed++) {
            Random rnd = new Random(seed);
            Graph g = RandomGraphs.graph(rnd);
            taken += StraightLine.of(g) != null ? 1 : 0; // not with a variadic logsumexp
            double[] x = new double[g.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian() * 2;
            }
            check(g, x, POLICIES[(int) (seed % 3)]);
            RandomExpressions.Expression e = RandomExpressions.realize(1 + (int) (seed % 4), 5 + (int) (seed % 36),
                    1 + (int) (seed % 3), seed);
            check(e.graph(), e.point(), Subgradients.DEFAULT);
        }
        assertTrue(taken > 30, "random graphs with a straight line: " + taken);
    }

    @Test
    void everyScalarPrimitiveUnderEveryPolicyAtKinksAndNonFiniteArguments() {
        double[] points = {0.0, -0.0, 0.7, -2.5, 1e308, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN};
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
                for (Subgradients pol : POLICIES) {
                    check(g, x, pol);
                }
                checked++;
            }
        }
        assertTrue(checked > 1000, "primitives checked: " + checked);
    }

    /**
     * The tangent lanes of the Lotka–Volterra right-hand side (inputs t, hare, lynx, α, β, γ, δ)
     * with 4 parameter lanes and 2 initial-state lanes: the ODE solver's layout.
     */
    static Graph lotkaVolterraLanes() {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] v = new Var[7];
        String[] names = {"t", "hare", "lynx", "alpha", "beta", "gamma", "delta"};
        for (int j = 0; j < v.length; j++) {
            v[j] = b.input(names[j]);
        }
        Var hare = v[1].mul(v[3]).sub(v[4].mul(v[1]).mul(v[2]));
        Var lynx = v[6].mul(v[1]).mul(v[2]).sub(v[5].mul(v[2]));
        Graph f = b.build(new String[] {"hare", "lynx"}, new int[] {hare.node(), lynx.node()});
        Graph lanes = LaneJvpGraph.of(f, 6, new int[] {LaneJvpGraph.ZERO, LaneJvpGraph.SEEDED,
            LaneJvpGraph.SEEDED, 0, 1, 2, 3});
        return lanes;
    }

    @Test
    void theSensitivityLanesOfAnOdeRightHandSide() {
        // Lotka–Volterra with 4 parameter lanes and 2 initial-state lanes (the ODE solver's layout)
        Graph lanes = lotkaVolterraLanes();
        assertNotNull(StraightLine.of(lanes));
        Random rnd = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[lanes.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = trial % 5 == 0 && i % 4 == 0 ? 0.0 : rnd.nextGaussian() * 10;
            }
            if (trial == 7) {
                x[4] = Double.POSITIVE_INFINITY;    // an infinite partial beside exact-zero tangents
            }
            check(lanes, x, Subgradients.DEFAULT);
        }
    }

    @Test
    void theWorkspaceKeepsTheNodeValuesOfTheLastFullSweep() {
        Graph g = Graph.trace(v -> v[0].mul(v[1]).sin().add(v[0]), "a", "b");
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        double[] out = new double[1];
        c.evaluate(new double[] {1.0, 2.0}, out, w);
        double before = w.value(g.outputNode(0));
        assertEquals(Math.sin(2.0) + 1.0, before, 0.0);
        c.evaluateOutputs(new double[] {3.0, 4.0}, out, w);
        assertEquals(Math.sin(12.0) + 3.0, out[0], 0.0);
        assertEquals(before, w.value(g.outputNode(0)), 0.0, "evaluateOutputs stores no node value");
    }

    @Test
    void graphsItDoesNotTakeRunTheKernels() {
        // too long for one method: a chain of 4000 operations
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var s = x;
        for (int i = 0; i < 4000; i++) {
            s = s.mul(0.999).add(x.sin());
        }
        Graph chain = b.build("f", s);
        assertNull(StraightLine.of(chain));
        check(chain, new double[] {0.3}, Subgradients.DEFAULT);
        // a primitive of three arguments (select): no rule the straight line writes
        Graph select = Graph.trace(v -> Var.select(v[0].gt(0.5), v[1], v[2]), "c", "a", "b");
        assertNull(StraightLine.of(select));
        check(select, new double[] {1.0, 2.0, 3.0}, Subgradients.DEFAULT);
        check(select, new double[] {0.0, 2.0, 3.0}, Subgradients.DEFAULT);
        // a matrix node
        GraphBuilder m = GraphBuilder.tracing();
        Var a = m.input("A", new Shape(2, 2));
        assertNull(StraightLine.of(m.build("f", a.sumAll())));
    }

    @Test
    void badArgumentsAreNamed() {
        Graph g = Graph.trace(v -> v[0].add(v[1]), "a", "b");
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        assertTrue(assertThrows(GraphException.class, () -> c.evaluateOutputs(new double[1], new double[1], w))
                .getMessage().contains("2 inputs"));
        assertTrue(assertThrows(GraphException.class, () -> c.evaluateOutputs(new double[2], new double[3], w))
                .getMessage().contains("1 outputs"));
        CompiledGraph other = GraphCompiler.compile(g);
        assertTrue(assertThrows(RuntimeException.class,
                () -> c.evaluateOutputs(new double[2], new double[1], other.newWorkspace())).getMessage()
                .contains("another compiled graph"));
    }
}
