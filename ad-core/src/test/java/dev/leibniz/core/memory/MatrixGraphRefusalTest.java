package dev.leibniz.core.memory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The memory-aware executors plan one double per node: a matrix graph is refused up front with a
 * {@link ShapeException} naming the executor, the node and its shape (issue 13, defect 3), not
 * with a generic graph error.
 */
class MatrixGraphRefusalTest {

    /** f(X) = Σ (X·Xᵀ) for a 2×3 input X: node %0 is the 2×3 input. */
    private static final Graph MATRIX = Graph.trace(v -> v[0].matmul(v[0].transpose()).sumTo(Shape.SCALAR),
            new String[] {"X"}, new Shape[] {new Shape(2, 3)});

    private static void refused(String executor, Executable plan) {
        ShapeException e = assertThrows(ShapeException.class, plan);
        String m = e.getMessage();
        assertTrue(m.contains(executor) && m.contains("%0") && m.contains("input") && m.contains("2x3"), m);
    }

    @Test
    void memoryPlannedAndCheckpointedGradientsRefuseMatrixGraphsNamingTheNode() {
        refused("MemoryPlannedGradient", () -> MemoryPlannedGradient.plan(MATRIX, 0));
        refused("CheckpointedGradient", () -> CheckpointedGradient.plan(MATRIX, 0));
        refused("CheckpointedGradient", () -> CheckpointedGradient.plan(MATRIX, 0, 2));
    }
}
