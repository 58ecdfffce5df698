package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop-body analysis behind the compiled gradient's register-held intermediates: which nodes
 * of a loop copy are private to it, and that the gradient computed with them recomputed in the
 * reverse sweep keeps the interpreter's bits, including where an infinite partial meets a zero
 * adjoint inside the loop body.
 */
class CopyLocalsTest {

    private static CopyLocals analyse(Graph g) {
        NodeTable t = NodeTable.of(g);
        List<Region> regions = NestFinder.regions(t, RepeatFinder.blocks(t));
        int[] outputs = new int[g.outputCount()];
        for (int j = 0; j < outputs.length; j++) {
            outputs[j] = g.outputNode(j);
        }
        return new CopyLocals(t, regions, outputs);
    }

    private static Block largestRepeat(Graph g) {
        NodeTable t = NodeTable.of(g);
        Block best = null;
        for (Block b : RepeatFinder.blocks(t)) {
            if (b.isRepeat() && (best == null || b.period() > best.period())) {
                best = b;
            }
        }
        return best;
    }

    @Test
    void rosenbrocksBodyIsPrivateButForItsRunningSum() {
        Graph g = RepeatedBlocksTest.rosenbrock(200);
        Block body = largestRepeat(g);
        boolean[] local = analyse(g).of(null, body);
        int kept = 0;
        for (boolean l : local) {
            kept += l ? 0 : 1;
        }
        // square, sub, sub, square, mul, square, add are private; the running sum is read by the next copy
        assertEquals(1, kept, "one stored node per copy of " + body.period());
        // the inputs are read by the body, the single nodes are not repeats
        assertNull(analyse(g).of(null, Block.single(0)));
    }

    @Test
    void rosenbrockGradientMatchesTheClosedFormAndTheInterpreterOnEveryCall() {
        int n = 64;
        Graph g = RepeatedBlocksTest.rosenbrock(n);
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        Program interpreter = g.compile();
        for (int call = 0; call < 3; call++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (i % 2 == 0 ? -1.2 : 1.0) + 0.01 * call * i;
            }
            double[] grad = new double[n];
            double value = c.valueAndGradient(x, grad, w);
            double[] expected = new double[n];
            double expectedValue = interpreter.valueAndGradient(interpreter.newWorkspace(), x, expected,
                    EvalOptions.DEFAULT);
            assertBits(expectedValue, value, "value, call " + call);
            assertArrayEquals(expected, grad, "gradient bits, call " + call);
            for (int i = 0; i + 1 < n; i += 2) {     // closed form
                double a = x[i + 1] - x[i] * x[i];
                assertEquals(-400 * a * x[i] - 2 * (1 - x[i]), grad[i], 1e-9 * (1 + Math.abs(grad[i])));
                assertEquals(200 * a, grad[i + 1], 1e-9 * (1 + Math.abs(grad[i + 1])));
            }
        }
    }

    /**
     * Σ_i select(x_i > 0, 1, 2)·∞ + sqrt(relu(x_i))·x_i: inside each copy, a private node with an
     * infinite value times a zero adjoint; the loop's register-held adjoints must still skip
     * exactly where the interpreter skips (dx = 1 at x = 1 rather than NaN, issue 13 item 1).
     */
    @Test
    void privateAdjointsKeepTheStrongZeroInsideTheLoop() {
        int n = 40;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var f = null;
        for (int i = 0; i < n; i++) {
            Var s = Var.select(x[i].gt(x[i].constant(0.0)), x[i].constant(1.0), x[i].constant(2.0));
            Var term = s.mul(x[i].constant(Double.POSITIVE_INFINITY)).add(x[i].relu().sqrt().mul(x[i]));
            f = f == null ? term : f.add(term);
        }
        Graph g = b.build("f", f);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = i % 3 == 0 ? 1.0 : i % 3 == 1 ? -1.0 : 0.0;
        }
        assertSameAsInterpreter(g, p, Subgradients.DEFAULT);
    }
}
