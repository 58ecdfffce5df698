package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.compile.GraphCompiler;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A program in compiled mode answers every question (evaluate, forward, gradient, vjp,
 * valueAndGradient) with the interpreter's bits, and still detects anomalies (by running the
 * interpreter when asked to).
 */
class ExecutionModeTest {

    @Test
    void compiledProgramsGiveTheInterpretersBits() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 60; trial++) {
            Graph g = RandomGraphs.graph(rnd);
            double[] x = new double[g.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian();
            }
            Program interpreted = g.compile();
            Program compiled = Program.compile(g, ExecutionMode.COMPILED);
            assertEquals(ExecutionMode.INTERPRETED, interpreted.executionMode());
            assertEquals(ExecutionMode.COMPILED, compiled.executionMode());
            EvalOptions opt = EvalOptions.DEFAULT.withPolicy(new Subgradients(1, -1, 0.25));
            assertBits(interpreted.forward(opt, x), compiled.forward(opt, x));
            assertBits(interpreted.evaluate(x), compiled.evaluate(x));
            Gradient a = interpreted.gradient(0, opt, x);
            Gradient b = compiled.gradient(0, opt, x);
            assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()));
            for (String name : g.inputNames()) {
                assertEquals(a.isPresent(name), b.isPresent(name), "presence of " + name);
                assertEquals(Double.doubleToLongBits(a.get(name)), Double.doubleToLongBits(b.get(name)), name);
            }
            double[] u = new double[g.outputCount()];
            for (int j = 0; j < u.length; j++) {
                u[j] = rnd.nextGaussian();
            }
            assertBits(interpreted.vjp(opt, x, u), compiled.vjp(opt, x, u));
            double[] ga = new double[x.length];
            double[] gb = new double[x.length];
            double va = interpreted.valueAndGradient(interpreted.newWorkspace(), x, ga, opt);
            double vb = compiled.valueAndGradient(compiled.newWorkspace(), x, gb, opt);
            assertEquals(Double.doubleToLongBits(va), Double.doubleToLongBits(vb));
            assertBits(ga, gb);
        }
    }

    @Test
    void anomalyDetectionRunsTheInterpreter() {
        Graph g = Graph.trace(v -> v[0].log().mul(v[1]), "x", "y");
        Program compiled = Program.compile(g, ExecutionMode.COMPILED);
        EvalOptions detect = EvalOptions.DEFAULT.withAnomalyDetection(true);
        AnomalyException e = assertThrows(AnomalyException.class, () -> compiled.evaluate(detect, -1.0, 2.0));
        assertTrue(e.getMessage().contains("log"), e.getMessage());
        assertThrows(AnomalyException.class,
                () -> compiled.valueAndGradient(compiled.newWorkspace(), new double[] {-1, 2}, new double[2], detect));
        assertTrue(Double.isNaN(compiled.evaluate(-1.0, 2.0)[0]), "without detection the NaN is returned");
    }

    @Test
    void automaticModeCompilesLoopsAndKeepsTheInterpreterForLargeStraightLineCode() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var f = x;
        Random rnd = new Random(3);
        // a chain with no repeating pattern: every node is a single node for the compiler
        for (int i = 0; i <= GraphCompiler.AUTOMATIC_SINGLE_NODES; i++) {
            f = rnd.nextBoolean() ? f.sin() : f.mul(rnd.nextDouble());
        }
        Graph g = b.build("f", f);
        assertEquals(ExecutionMode.INTERPRETED, Program.compile(g, ExecutionMode.AUTOMATIC).executionMode());
        assertEquals(ExecutionMode.COMPILED, Program.compile(g, ExecutionMode.COMPILED).executionMode());
        // a traced sum of 50 000 terms is one loop
        Var[] xs = new Var[50_000];
        GraphBuilder sum = GraphBuilder.tracing();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = sum.input("x" + i).sin();
        }
        Graph loop = sum.build("s", Var.sum(xs));
        assertEquals(ExecutionMode.COMPILED, Program.compile(loop, ExecutionMode.AUTOMATIC).executionMode());
        Graph small = Graph.trace(v -> v[0].sin(), "x");
        assertEquals(ExecutionMode.COMPILED, Program.compile(small, ExecutionMode.AUTOMATIC).executionMode());
        assertThrows(LeibnizException.class, () -> Program.compile(small, null));
        assertThrows(GraphException.class, () -> Program.compile(null, ExecutionMode.COMPILED));
    }

    private static void assertBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]), "entry " + i);
        }
    }
}
