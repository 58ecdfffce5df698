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
 * Traced loops become repeats (compiled as loops) and give the same bits as the interpreter;
 * the Rosenbrock gradient also matches its closed form.
 */
class RepeatedBlocksTest {

    /** f(x) = Σ 100·(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², traced as in the benchmarks. */
    static Graph rosenbrock(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var hundred = b.constant(100.0);
        Var one = b.constant(1.0);
        Var f = null;
        for (int i = 0; i + 1 < n; i += 2) {
            Var a = x[i + 1].sub(x[i].square());
            Var c = one.sub(x[i]);
            Var term = hundred.mul(a.square()).add(c.square());
            f = f == null ? term : f.add(term);
        }
        return b.build("f", f);
    }

    @Test
    void rosenbrockBecomesTwoLoopsAndMatchesItsClosedForm() {
        int n = 1000;
        Graph g = rosenbrock(n);
        CompiledGraph c = GraphCompiler.compile(g);
        CompileStatistics s = c.statistics();
        assertEquals(2, s.repeats(), "the inputs and the sum are repeats");
        assertTrue(s.singleNodes() < 20, "only the constants and the first term are single nodes: " + s);

        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 + 0.001 * i : 1.0 - 0.0005 * i;
        }
        double[] grad = new double[n];
        double value = c.valueAndGradient(x, grad, c.newWorkspace());
        double expectedValue = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            double d = 1 - x[i];
            expectedValue += 100 * a * a + d * d;
            double gi = -400 * a * x[i] - 2 * d;
            double gj = 200 * a;
            assertEquals(gi, grad[i], 1e-12 * Math.max(1, Math.abs(gi)), "∂f/∂x" + i);
            assertEquals(gj, grad[i + 1], 1e-12 * Math.max(1, Math.abs(gj)), "∂f/∂x" + (i + 1));
        }
        assertEquals(expectedValue, value, 1e-12 * expectedValue);
        assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
    }

    @Test
    void loopsOfKinksSelectsAndReductionsGiveTheInterpretersBits() {
        // a traced loop whose body uses every kind of node: policy-dependent kinks, select,
        // a variadic reduction, an integer power, a shared and a per-copy constant
        int n = 40;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var half = b.constant(0.5);
        Var acc = x[0];
        for (int i = 1; i < n; i++) {
            Var r = x[i].relu().add(x[i - 1].abs()).add(x[i].max(acc)).sub(x[i].min(half));
            Var sel = Var.select(x[i].gt(0.0), r, x[i].pow(3).mul(2.0));
            acc = Var.logsumexp(acc, sel, x[i].sin()).mul(half).add(x[i].hypot(x[i - 1]).tanh());
        }
        Graph g = b.build("f", acc);
        assertTrue(GraphCompiler.compile(g).statistics().repeats() >= 2);
        double[][] points = new double[3][n];
        for (int i = 0; i < n; i++) {
            points[0][i] = 0.0;                                   // every kink and tie
            points[1][i] = i % 3 == 0 ? 0.0 : (i % 2 == 0 ? 0.5 : -0.75);
            points[2][i] = Math.sin(i);
        }
        for (Subgradients pol : List.of(Subgradients.DEFAULT, new Subgradients(1, 1, 0), new Subgradients(0.5, -1, 1))) {
            for (double[] p : points) {
                assertSameAsInterpreter(g, p, pol);
            }
        }
    }

    @Test
    void copiesThatDifferInAConstantAreNotMerged() {
        // x_i · c_i with c_i different per copy: the constants break the template, not the result
        int n = 30;
        GraphBuilder b = GraphBuilder.tracing();
        Var f = b.constant(0.0);
        for (int i = 0; i < n; i++) {
            f = f.add(b.input("x" + i).mul(b.constant(i % 7 - 3)));
        }
        Graph g = b.build("f", f);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.0 / (i + 1);
        }
        assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
        double[] grad = new double[n];
        CompiledGraph c = GraphCompiler.compile(g);
        c.valueAndGradient(x, grad, c.newWorkspace());
        for (int i = 0; i < n; i++) {
            assertEquals(i % 7 - 3, grad[i], 0.0, "∂f/∂x" + i + " is the constant c_i");
        }
    }

    @Test
    void inputsAndOutputsInsideALoopKeepTheirAdjoints() {
        // each copy declares its input and uses it only within the copy, and one copy's term is
        // also an output: their adjoints must reach the gradient and the VJP
        int n = 25;
        GraphBuilder b = GraphBuilder.tracing();
        Var f = b.constant(0.0);
        Var marked = null;
        for (int i = 0; i < n; i++) {
            Var x = b.input("x" + i);
            Var term = x.sin().mul(x);
            if (i == 12) {
                marked = term;
            }
            f = f.add(term);
        }
        java.util.Map<String, Var> outs = new java.util.LinkedHashMap<>();
        outs.put("f", f);
        outs.put("term12", marked);
        Graph g = b.build(outs);
        assertTrue(GraphCompiler.compile(g).statistics().repeats() >= 1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * i - 1;
        }
        assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
        CompiledGraph c = GraphCompiler.compile(g);
        double[] grad = new double[n];
        c.valueAndGradient(x, grad, c.newWorkspace());
        for (int i = 0; i < n; i++) {
            // d/dx (x sin x) = sin x + x cos x
            assertEquals(Math.sin(x[i]) + x[i] * Math.cos(x[i]), grad[i], 1e-14, "∂f/∂x" + i);
        }
    }
}
