package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Forward-mode lanes keep one double per node and lane, so a graph with matrix nodes is refused
 * up front with a {@link ShapeException} that names the transform, the node and its shape (issue
 * 13, defect 3). Before, {@code ForwardProgram.prepare} accepted it and every matrix node was read
 * as one number: wrong values and tangents, no error.
 */
class MatrixGraphRefusalTest {

    /** f(X) = Σ (X·Xᵀ) for a 2×3 input X: node %0 is the 2×3 input. */
    private static final Graph MATRIX = Graph.trace(v -> v[0].matmul(v[0].transpose()).sumTo(Shape.SCALAR),
            new String[] {"X"}, new Shape[] {new Shape(2, 3)});

    /** f(x) = Σ (x·[1 2]): a scalar input, but node %2 is a 1×2 matrix. */
    private static final Graph SCALAR_INPUT = Graph.trace(
            v -> v[0].mul(v[0].constant(1.0).broadcastTo(new Shape(1, 2))).sumTo(Shape.SCALAR),
            new String[] {"x"}, new Shape[] {Shape.SCALAR});

    private static void refused(String transform, String node, String shape, Executable call) {
        ShapeException e = assertThrows(ShapeException.class, call);
        String m = e.getMessage();
        assertTrue(m.contains(transform) && m.contains(node) && m.contains(shape), m);
    }

    @Test
    void forwardProgramRefusesMatrixGraphsNamingTheNode() {
        refused("ForwardProgram", "%0", "2x3", () -> ForwardProgram.prepare(MATRIX));
        refused("ForwardProgram", "%0", "2x3", () -> ForwardProgram.prepare(MATRIX, 4));
        refused("ForwardProgram", "%0", "2x3", () -> Jacobians.jacobianForward(MATRIX, new double[6]));
        refused("ForwardProgram", "%0", "2x3", () -> CostModel.of(MATRIX, 2));
    }

    @Test
    void aMatrixNodeBehindScalarInputsAndOutputsIsFoundToo() {
        refused("ForwardProgram", "%2", "1x2", () -> ForwardProgram.prepare(SCALAR_INPUT));
    }

    @Test
    void hessianProgramRefusesTheUsersGraphNotItsGradientGraph() {
        refused("HessianProgram", "%0", "2x3", () -> HessianProgram.prepare(MATRIX));
        refused("HessianProgram", "%0", "2x3", () -> Hessians.hvp(MATRIX, new double[6], new double[6]));
    }
}
