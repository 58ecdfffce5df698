package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Values saved by the gradient's forward sweep and loaded by the reverse sweep instead of being
 * recomputed ({@link CopyLocals#saved}): which are chosen, and that gradients keep the
 * interpreter's bits — at poisoned points, and when an evaluation (which saves nothing) comes
 * between two gradients on one workspace.
 */
class SavedValuesTest {

    /** Σ wᵢ·fᵢ with fᵢ = sin(xᵢ)·x_{i+1} + exp(xᵢ − x_{i+1})·xᵢ, a product's operand of five local nodes. */
    private static Graph weightedLoop(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n + 1];
        Var[] w = new Var[n];
        for (int i = 0; i <= n; i++) {
            x[i] = b.input("x" + i);
        }
        for (int i = 0; i < n; i++) {
            w[i] = b.input("w" + i);
        }
        Var sum = null;
        for (int i = 0; i < n; i++) {
            Var f = x[i].sin().mul(x[i + 1]).add(x[i].sub(x[i + 1]).exp().mul(x[i]));
            Var t = f.mul(w[i]);
            sum = sum == null ? t : sum.add(t);
        }
        return b.build("f", sum);
    }

    /** The repeat of {@code regions} with the most nodes, or null. */
    static Block largestRepeat(List<Region> regions) {
        Block best = null;
        for (Region r : regions) {
            if (r instanceof Block b && b.isRepeat() && (best == null || b.nodes() > best.nodes())) {
                best = b;
            }
        }
        return best;
    }

    @Test
    void aLongComputationReadByAProductsPartialIsSavedAndShortOnesAreNot() {
        Graph g = NestTest.brusselatorVjp(8);
        NodeTable t = NodeTable.of(g);
        List<Region> regions = NestFinder.regions(t, RepeatFinder.blocks(t));
        CopyLocals locals = new CopyLocals(t, regions, new int[] {g.outputNode(0)});
        boolean found = false;
        for (Region r : regions) {
            if (r instanceof Nest n) {
                for (Block b : n.body()) {
                    boolean[] saved = locals.saved(n, b, locals.of(n, b));
                    found |= saved != null;
                }
            }
        }
        assertTrue(found, "fₖ (read by the partial of fₖ·wₖ) is saved in the grid rows");
        // Rosenbrock's body: its longest product operands are two nodes deep
        Graph rosen = RepeatedBlocksTest.rosenbrock(40);
        NodeTable rt = NodeTable.of(rosen);
        List<Region> rr = NestFinder.regions(rt, RepeatFinder.blocks(rt));
        CopyLocals rl = new CopyLocals(rt, rr, new int[] {rosen.outputNode(0)});
        Block body = largestRepeat(rr);
        assertNotNull(body);
        assertNull(rl.saved(null, body, rl.of(null, body)), "nothing worth saving in Rosenbrock's body");
    }

    @Test
    void savedValuesKeepTheInterpretersBits() {
        int n = 30;
        Graph g = weightedLoop(n);
        NodeTable t = NodeTable.of(g);
        List<Region> regions = NestFinder.regions(t, RepeatFinder.blocks(t));
        CopyLocals locals = new CopyLocals(t, regions, new int[] {g.outputNode(0)});
        Block body = largestRepeat(regions);
        assertNotNull(locals.saved(null, body, locals.of(null, body)), "fᵢ is saved");
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 800.0};
        for (double s : specials) {
            double[] x = new double[2 * n + 1];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.3 + 0.2 * Math.sin(1.7 * i);
            }
            x[11] = s;
            x[n + 1 + 20] = s;
            assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
        }
    }

    @Test
    void anEvaluationBetweenTwoGradientsLeavesNoStaleSavedValue() {
        int n = 30;
        Graph g = weightedLoop(n);
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph.Workspace w = c.newWorkspace();
        Program interpreter = g.compile();
        double[] x = new double[2 * n + 1];
        double[] y = new double[2 * n + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 + 0.2 * Math.sin(1.7 * i);
            y[i] = -0.4 + 0.1 * Math.cos(0.3 * i);
        }
        double[] grad = new double[x.length];
        double[] expected = new double[x.length];
        c.valueAndGradient(x, grad, w);
        c.evaluate(y, new double[1], w);        // saves nothing: the values of x stay in the arrays
        double value = c.valueAndGradient(y, grad, w);
        double expectedValue = interpreter.valueAndGradient(interpreter.newWorkspace(), y, expected, EvalOptions.DEFAULT);
        assertBits(expectedValue, value, "value");
        for (int i = 0; i < x.length; i++) {
            assertBits(expected[i], grad[i], "gradient entry " + i);
        }
    }
}
