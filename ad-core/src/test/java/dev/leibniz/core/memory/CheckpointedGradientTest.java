package dev.leibniz.core.memory;

import static dev.leibniz.core.memory.GradientsAgree.assertBitwiseEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

class CheckpointedGradientTest {

    private static final Graph EXAMPLE = Graph.trace(v -> v[0].square().sin().mul(v[0].exp()), "x");

    @Test
    void workedExampleAgainstTheClosedForm() {
        // f = sin(x²)·eˣ, f' = (2x·cos(x²) + sin(x²))·eˣ
        double x = 0.8;
        double df = (2 * x * Math.cos(x * x) + Math.sin(x * x)) * Math.exp(x);
        for (int segments = 1; segments <= 6; segments++) {
            Gradient g = CheckpointedGradient.plan(EXAMPLE, 0, segments).gradient(x);
            assertEquals(Math.sin(x * x) * Math.exp(x), g.value(), 1e-15);
            assertEquals(df, g.get("x"), 1e-14);
            assertBitwiseEqual(EXAMPLE.compile().gradient(x), g, segments + " segments");
        }
        Gradient planned = MemoryPlannedGradient.plan(EXAMPLE, 0).gradient(x);
        assertEquals(df, planned.get("x"), 1e-14);
    }

    @Test
    void countsOnTheWorkedExample() {
        // 5 nodes %0 x, %1 u, %2 v, %3 w, %4 f. Saved values only: x, u, v, w, plus one register
        // for f (read once for the result).
        MemoryReport planned = MemoryPlannedGradient.plan(EXAMPLE, 0).run(Subgradients.DEFAULT, 0.8).memory();
        assertEquals(new MemoryReport("saved values only", 5, 4, 0, 1), planned);
        // 2 segments of 3 nodes: {x, u, v} and {w, f}. x (used by w) and v (used by f) cross the
        // boundary; peak = 2 checkpoints + 3 buffer cells; the first segment's 2 operations run again.
        MemoryReport two = CheckpointedGradient.plan(EXAMPLE, 0, 2).run(Subgradients.DEFAULT, 0.8).memory();
        assertEquals(new MemoryReport("checkpointed", 5, 4, 2, 2), two);
        assertEquals("checkpointed (2 segments): peak 5 stored values, 4 forward operations, 2 recomputed",
                two.toString());
        assertEquals("store all: peak 5 stored values, 4 forward operations, 0 recomputed",
                MemoryReport.storeAll(EXAMPLE).toString());
    }

    @Test
    void moreSegmentsThanNodesMeansOneNodePerSegment() {
        CheckpointedGradient c = CheckpointedGradient.plan(EXAMPLE, 0, 100);
        assertEquals(5, c.segments());
        assertBitwiseEqual(EXAMPLE.compile().gradient(-1.3), c.gradient(-1.3), "one node per segment");
    }

    @Test
    void unreachedInputIsAbsentAndSelectSendsAnExactZero() {
        // select(x > 0, a·x, b·x) with c unused: c absent; b present with an exact 0
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[1].mul(v[0]), v[2].mul(v[0])), "x", "a", "b", "c");
        double[] in = {2.0, 3.0, 4.0, 5.0};
        Gradient g = CheckpointedGradient.plan(f, 0, 3).gradient(in);
        assertEquals(2.0, g.get("a"), 0.0);
        assertEquals(0.0, g.get("b"), 0.0);
        assertFalse(g.isPresent("c"));
        assertBitwiseEqual(f.compile().gradient(in), g, "checkpointed");
        assertBitwiseEqual(f.compile().gradient(in), MemoryPlannedGradient.plan(f, 0).gradient(in), "planned");
    }

    @Test
    void badArgumentsAreGraphExceptions() {
        assertEquals("checkpointing needs at least 1 segment, got 0",
                assertThrows(GraphException.class, () -> CheckpointedGradient.plan(EXAMPLE, 0, 0)).getMessage());
        assertThrows(GraphException.class, () -> CheckpointedGradient.plan(EXAMPLE, 3));
        assertEquals("the graph takes 1 input [x], got 2 values [1.0, 2.0]",
                assertThrows(GraphException.class, () -> CheckpointedGradient.plan(EXAMPLE, 0).gradient(1.0, 2.0))
                        .getMessage());
        assertThrows(GraphException.class, () -> MemoryPlannedGradient.plan(EXAMPLE, 0).gradient((double[]) null));
        assertThrows(GraphException.class, () -> MemoryPlannedGradient.plan(EXAMPLE, 0).run(null, 1.0));
    }
}
