package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.RandomExpressions;
import dev.leibniz.core.RandomGraphs;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompileStatistics;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Compiled code must compute exactly — bit for bit — what the interpreter computes: every node
 * value of the forward sweep, every input adjoint of the reverse sweep seeded at all outputs, and
 * value and gradient of the allocation-free path. The interpreter ({@link Program}) is the
 * reference; its own loops are checked against the primitives' rules and against Hipparchus elsewhere.
 */
class CompiledGraphProperties {
    private static final Subgradients[] POLICIES = {
        Subgradients.DEFAULT, new Subgradients(1.0, 1.0, 0.0), new Subgradients(0.25, -0.5, 1.0)};

    @Property(tries = 200)
    void randomGraphsGiveTheInterpretersBits(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Random rnd = new Random(seed);
        Graph g = RandomGraphs.graph(rnd);
        double[] x = new double[g.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 2;
        }
        assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
    }

    @Property(tries = 150)
    void randomExpressionsGiveTheInterpretersBits(@ForAll @IntRange(min = 1, max = 4) int inputs,
                                                  @ForAll @IntRange(min = 5, max = 40) int operations,
                                                  @ForAll @IntRange(min = 1, max = 3) int outputs,
                                                  @ForAll long seed) {
        RandomExpressions.Expression e = RandomExpressions.realize(inputs, operations, outputs, seed);
        assertSameAsInterpreter(e.graph(), e.point(), Subgradients.DEFAULT);
    }

    @Test
    void gradientGraphsGiveTheInterpretersBits() {
        // derivative graphs are made of the step, sign and tiestep nodes whose value at 0 is the policy's
        for (long seed = 0; seed < 40; seed++) {
            RandomExpressions.Expression e = RandomExpressions.realize(3, 25, 1, seed);
            Graph grad = ReverseMode.gradientGraph(e.graph());
            assertSameAsInterpreter(grad, e.point(), Subgradients.DEFAULT);
        }
    }

    @Test
    void everyPrimitiveAgreesOnAOneNodeGraphUnderEveryPolicy() {
        Random rnd = new Random(11);
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                continue;
            }
            int n = p.arity() < 0 ? 3 : p.arity();
            for (int trial = 0; trial < 40; trial++) {
                GraphBuilder b = GraphBuilder.tracing();
                Var[] in = new Var[n];
                double[] x = new double[n];
                for (int k = 0; k < n; k++) {
                    in[k] = b.input("x" + k);
                    // kinks and ties at 0, negative and positive arguments
                    x[k] = trial % 4 == 0 ? 0.0 : trial % 4 == 1 ? 0.7 : -2 + 4 * rnd.nextDouble();
                }
                double param = p == Arithmetic.POWI ? trial % 5 - 2 : p.hasParam() ? 1 : 0;
                Graph g = b.build("f", b.apply(p, param, in));
                for (Subgradients pol : POLICIES) {
                    assertSameAsInterpreter(g, x, pol);
                }
            }
        }
    }

    @Test
    void kinksFollowThePolicy() {
        Graph g = Graph.trace(v -> v[0].relu().add(v[1].abs()).add(v[0].max(v[1])).add(v[1].min(v[2]))
                .add(v[2].hypot(v[0])).mul(v[2].add(1.0)), "a", "b", "c");
        Graph grad = ReverseMode.gradientGraph(g);
        double[][] points = {{0, 0, 0}, {0, 1, 1}, {1, 1, -1}, {-1, 0, 0}};
        for (Subgradients pol : POLICIES) {
            for (double[] x : points) {
                assertSameAsInterpreter(g, x, pol);
                assertSameAsInterpreter(grad, x, pol);
            }
        }
    }

    @Test
    void constantsUnusedInputsAndSharedOutputs() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        b.input("unused");
        Var y = b.input("y");
        Var negZero = b.constant(-0.0);
        Var big = b.constant(1e300);
        Var f = x.mul(big).add(negZero).mul(y);   // overflows to ±∞ for large x·y
        Var h = negZero.mul(x);                   // −0.0 · x: sign of zero matters
        java.util.Map<String, Var> outs = new java.util.LinkedHashMap<>();
        outs.put("f", f);
        outs.put("h", h);
        outs.put("again", f);
        outs.put("c", negZero);
        Graph g = b.build(outs);
        for (double[] p : new double[][] {{1, 2, 3}, {-0.0, 5, 0.0}, {1e10, 0, 1e10}, {Double.NaN, 1, 1}}) {
            assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
        }
    }

    /** Forward values of every node, input adjoints from seeds at all outputs, and valueAndGradient. */
    static void assertSameAsInterpreter(Graph g, double[] x, Subgradients policy) {
        EvalOptions opt = EvalOptions.DEFAULT.withPolicy(policy);
        Program interpreter = g.compile();
        CompiledGraph compiled = GraphCompiler.compile(g);

        double[] expected = interpreter.forward(opt, x);
        double[] actual = new double[g.size()];
        compiled.forward(x, actual, policy);
        for (int i = 0; i < g.size(); i++) {
            assertBits(expected[i], actual[i], "value of " + g.nodeListing(i));
        }

        double[] cotangents = new double[g.outputCount()];
        double[] seeds = new double[g.size()];
        for (int j = 0; j < cotangents.length; j++) {
            cotangents[j] = 1.0 + j;
            seeds[g.outputNode(j)] += cotangents[j];
        }
        double[] expectedAdjoints = interpreter.backward(expected, cotangents, opt);
        compiled.backward(expected, seeds, policy);
        for (int k = 0; k < g.inputCount(); k++) {
            assertBits(expectedAdjoints[k], seeds[g.inputNode(k)], "adjoint of input " + g.inputName(k));
        }

        double[] gradExpected = new double[g.inputCount()];
        double[] gradActual = new double[g.inputCount()];
        double valueExpected = interpreter.valueAndGradient(interpreter.newWorkspace(), x, gradExpected, opt);
        CompiledGraph.Workspace w = compiled.newWorkspace();
        w.setPolicy(policy);
        double valueActual = compiled.valueAndGradient(x, gradActual, w);
        assertBits(valueExpected, valueActual, "value of output 0");
        for (int k = 0; k < g.inputCount(); k++) {
            assertBits(gradExpected[k], gradActual[k], "gradient entry " + g.inputName(k));
        }
        // the same workspace again, at another point: the first call must have left its adjoint
        // array clean (the reverse sweep clears what it used instead of the next call clearing all)
        double[] y = new double[x.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = x[k] == x[k] ? 0.5 - 0.75 * x[k] : x[k];
        }
        double[] again = new double[g.inputCount()];
        double againExpected = interpreter.valueAndGradient(interpreter.newWorkspace(), y, gradExpected, opt);
        assertBits(againExpected, compiled.valueAndGradient(y, again, w), "value of output 0, second call");
        for (int k = 0; k < g.inputCount(); k++) {
            assertBits(gradExpected[k], again[k], "gradient entry " + g.inputName(k) + ", second call");
        }
        double[] out = new double[g.outputCount()];
        compiled.evaluate(x, out, w);
        double[] outExpected = interpreter.evaluate(opt, x);
        for (int j = 0; j < out.length; j++) {
            assertBits(outExpected[j], out[j], "output " + g.outputName(j));
        }
    }

    static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void statisticsCountEveryNode() {
        Graph g = RandomGraphs.graph(new Random(3));
        CompileStatistics s = GraphCompiler.compile(g).statistics();
        assertEquals(g.size(), s.repeatedNodes() + s.singleNodes());
        assertTrue(s.classes() >= 1 && s.methods() >= 2);
    }
}
