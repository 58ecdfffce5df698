package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Wrong lane counts, seed lengths and misuse give Leibniz exceptions whose messages say what is wrong. */
class BadInputTest {
    private static final Graph F = Graph.trace(v -> v[0].mul(v[1]).sin(), "x", "y");

    private static <E extends LeibnizException> void fails(Class<E> type, Executable call, String... mentions) {
        E e = assertThrows(type, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' should mention '" + m + "'");
        }
    }

    @Test
    void dualVectorsWithDifferentLaneCounts() {
        DualVector two = DualVector.variable(1.0, 2, 0);
        DualVector three = DualVector.constant(1.0, 3);
        fails(LaneCountException.class, () -> two.add(three), "add", "3", "2");
        fails(LaneCountException.class, () -> DualVectorOps.sin(two, three), "sin", "2", "3");
        fails(LaneCountException.class, () -> DualVectorOps.logsumexp(new DualVector(2), two, three), "logsumexp");
        fails(LaneCountException.class, () -> two.set(1.0, 1, 2, 3), "2 lanes", "3");
        fails(LaneCountException.class, () -> two.tangent(2), "lane 2");
        fails(LaneCountException.class, () -> new DualVector(0), "at least one");
        fails(LaneCountException.class, () -> DualVector.of(1.0), "at least one");
        fails(LeibnizException.class, () -> DualVectorOps.mul(two, null, two), "argument 1", "null");
    }

    @Test
    void workspaceOrDirectionsWithTheWrongLaneCount() {
        ForwardProgram p2 = ForwardProgram.prepare(F, 2);
        ForwardProgram p3 = ForwardProgram.prepare(F, 3);
        fails(LaneCountException.class, () -> p2.values(new double[] {1, 2}, p3.newWorkspace()), "3", "2");
        fails(LeibnizException.class, () -> p2.values(new double[] {1, 2}, ForwardProgram.prepare(F, 2).newWorkspace()),
                "another ForwardProgram");
        fails(LaneCountException.class, () -> p2.jvp(new double[] {1, 2}, new double[] {1, 0}), "2 tangent lanes",
                "got 1 direction");
        fails(LaneCountException.class, () -> ForwardProgram.prepare(F, 0), "at least one", "0");
        fails(LaneCountException.class, () -> p2.outputTangent(p2.newWorkspace(), 0, 5), "lane 5");
    }

    @Test
    void seedsAndBuffersOfTheWrongLength() {
        ForwardProgram p2 = ForwardProgram.prepare(F, 2);
        TangentLanes ws = p2.newWorkspace();
        p2.values(new double[] {1, 2}, ws);
        fails(SeedLengthException.class, () -> p2.tangents(new double[3], ws), "3 values", "expected 4");
        fails(SeedLengthException.class, () -> p2.tangents(null, ws), "null");
        fails(SeedLengthException.class, () -> p2.jvp(new double[] {1, 2}, new double[] {1}, new double[] {0, 1}),
                "direction 0", "1 value", "expected 2");
        fails(SeedLengthException.class, () -> p2.outputTangents(ws, new double[1]), "expected 2");
        fails(SeedLengthException.class, () -> p2.unitTangents(2, ws), "2", "[0, 2)");
        fails(SeedLengthException.class, () -> Hessians.hvp(F, new double[] {1, 2}, new double[] {1, 2, 3}),
                "3 values", "expected 2");
        fails(GraphException.class, () -> p2.values(new double[] {1}, ws), "2 inputs", "[x, y]");
        fails(GraphException.class, () -> Jacobians.jacobianForward(F, new double[] {1, 2, 3}), "2 inputs");
        fails(GraphException.class, () -> Jacobians.jacobianReverse(F, new double[] {1}), "2 inputs");
    }

    @Test
    void tangentSweepBeforeValues() {
        ForwardProgram p = ForwardProgram.prepare(F);
        fails(LeibnizException.class, () -> p.tangents(new double[] {1, 0}, p.newWorkspace()), "values(x, workspace)");
        // a failed forward pass leaves no stale values behind
        TangentLanes ws = p.newWorkspace();
        p.values(new double[] {1, 2}, ws);
        assertThrows(GraphException.class, () -> p.values(new double[] {1}, ws));
        p.tangents(new double[] {1, 0}, ws);
        assertEquals(2 * Math.cos(2.0), p.outputTangent(ws, 0, 0), 1e-15);
    }

    @Test
    void nullsAndMismatchesInDuals() {
        Dual x = Dual.variable(1.0);
        fails(LeibnizException.class, () -> x.add(null), "add", "null");
        fails(LeibnizException.class, () -> x.atan2(null), "atan2", "null");
        fails(LeibnizException.class, () -> x.linearCombination(new Dual[] {x, x}, new Dual[] {x}), "2", "1");
        fails(LeibnizException.class, () -> x.linearCombination(new double[] {1}, new Dual[] {null}), "b[0]");
        fails(LeibnizException.class, () -> x.relu(null), "policy");
    }

    @Test
    void graphMisuse() {
        fails(GraphException.class, () -> JvpGraph.of(null), "null");
        Graph clash = Graph.trace(v -> v[0].mul(v[1]), "x", "t_x");
        fails(GraphException.class, () -> JvpGraph.of(clash), "t_x");
        fails(GraphException.class, () -> HessianProgram.prepare(F, 3, 1, dev.leibniz.core.EvalOptions.DEFAULT),
                "output index 3");
        ForwardProgram p = ForwardProgram.prepare(F);
        fails(GraphException.class, () -> p.outputValue(p.newWorkspace(), 1), "output index 1");
    }
}
