package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import org.junit.jupiter.api.Test;

/**
 * The solver's tape keeps one double per node, so a right-hand side with matrix nodes is refused
 * when the tape is built, with a {@link ShapeException} naming the node and its shape (issue 13,
 * defect 3); before, it was flattened and evaluated as if every node were a scalar.
 */
class TapeShapeTest {

    @Test
    void aMatrixRightHandSideIsRefusedNamingTheNode() {
        // f(y) = Σ (y·[1 2]) has scalar input and output, but node %2 is a 1×2 broadcast
        Graph rhs = Graph.trace(v -> v[0].mul(v[0].constant(1.0).broadcastTo(new Shape(1, 2))).sumTo(Shape.SCALAR),
                new String[] {"y"}, new Shape[] {Shape.SCALAR});
        ShapeException e = assertThrows(ShapeException.class, () -> new Tape(rhs));
        String m = e.getMessage();
        assertTrue(m.contains("Tape") && m.contains("%2") && m.contains("broadcast_to") && m.contains("1x2"), m);
    }

    @Test
    void aScalarRightHandSideStillBuilds() {
        Graph rhs = Graph.trace(v -> v[0].mul(v[1]).sin(), "y", "p");
        assertEquals(rhs.size(), new Tape(rhs).size());
    }
}
