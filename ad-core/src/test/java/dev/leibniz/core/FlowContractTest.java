package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.FlowCases.Case;
import dev.leibniz.core.memory.CheckpointedGradient;
import dev.leibniz.core.memory.MemoryPlannedGradient;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one flow contract ({@link dev.leibniz.core.prim.Flow}) in the interpreted back ends of
 * ad-core: nothing flows along a {@code NONE} edge, and an exact zero on either side of
 * {@code adjoint · partial} gives an exact zero. Oracle: every case equals x plus a constant near
 * its point, so df/dx = 1 (the forward-mode answer); the old sweeps gave NaN. The compiled code
 * and the fast interpreter are in {@code FlowContractCompiledTest}.
 */
class FlowContractTest {

    static List<Case> cases() {
        return FlowCases.CASES;
    }

    /** The reference loops of {@link Engine} (what anomaly detection runs), called directly. */
    static double referenceEngine(Graph g, double x) {
        Engine.Nodes t = Engine.Nodes.of(g);
        EvalOptions opt = EvalOptions.DEFAULT;
        double[] scratch = new double[4];
        double[] v = new double[g.size()];
        Engine.reference(t, new double[] {x}, v, opt, scratch);
        double[] adj = new double[g.size()];
        boolean[] reach = new boolean[g.size()];
        int out = g.outputNode(0);
        adj[out] = 1.0;
        reach[out] = true;
        Engine.referenceBackward(t, v, adj, reach, opt, scratch);
        return adj[g.inputNode(0)];
    }

    @ParameterizedTest
    @MethodSource("cases")
    void referenceInterpreter(Case c) {
        assertEquals(c.dfdx(), referenceEngine(c.scalarGraph(), c.at()), 0.0, c.toString());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void memoryPlannedGradient(Case c) {
        Gradient g = MemoryPlannedGradient.plan(c.scalarGraph(), 0).gradient(c.at());
        assertEquals(c.dfdx(), g.get("x"), 0.0, c.toString());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void checkpointedGradientWithEverySegmentCount(Case c) {
        Graph f = c.scalarGraph();
        for (int segments = 1; segments <= f.size(); segments++) {
            Gradient g = CheckpointedGradient.plan(f, 0, segments).gradient(c.at());
            assertEquals(c.dfdx(), g.get("x"), 0.0, c + ", " + segments + " segments");
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tensorEngineOnTheScalarGraph(Case c) {
        Gradient g = c.scalarGraph().compile().gradient(new double[][] {{c.at()}});
        assertEquals(c.dfdx(), g.get("x"), 0.0, c.toString());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tensorEngineOnMatrixInputs(Case c) {
        for (Shape s : new Shape[] {new Shape(1, 1), new Shape(1, 2), new Shape(2, 3)}) {
            double[] x = new double[s.size()];
            double[] expected = new double[s.size()];
            java.util.Arrays.fill(x, c.at());
            java.util.Arrays.fill(expected, c.dfdx());
            Graph f = c.matrixGraph(s);
            assertArrayEquals(expected, f.compile().gradient(new double[][] {x}).array("x"), 0.0, c + ", " + s);
            // the recorder's matrix path runs the same TensorEngine sweep
            Recorder rec = new Recorder();
            Var in = rec.parameter("x", x.clone(), s);
            Gradient r = rec.gradient(c.f().apply(in).sumAll());
            assertArrayEquals(expected, r.array("x"), 0.0, c + ", " + s + ", recorded");
        }
    }
}
