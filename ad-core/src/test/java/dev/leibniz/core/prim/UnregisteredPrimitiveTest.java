package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 4: a primitive that is declared but not listed in {@link Primitives} has no
 * op code (−1). Used in a graph it failed deep inside a back end with
 * {@code IndexOutOfBoundsException: -1}; now the first request for its code is a
 * {@link GraphException} that names it, when the node is appended.
 */
class UnregisteredPrimitiveTest {
    /** cube(x) = x³, a well-formed primitive that nobody registered. */
    private static final UnaryPrimitive CUBE = new UnaryPrimitive("cube", true, false) {
        @Override
        public double apply(double x, double param, Subgradients policy) {
            return x * x * x;
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients policy) {
            return 3 * x * x;
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.square().mul(3.0);
        }
    };

    private static void assertNamesThePrimitive(GraphException e) {
        assertTrue(e.getMessage().contains("primitive 'cube' is not registered in Primitives"), e.getMessage());
    }

    @Test
    void tracingANodeOfAnUnregisteredPrimitiveNamesIt() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        assertNamesThePrimitive(assertThrows(GraphException.class, () -> b.apply(CUBE, x)));
    }

    @Test
    void recordingANodeOfAnUnregisteredPrimitiveNamesIt() {
        GraphBuilder b = GraphBuilder.recording(Subgradients.DEFAULT);
        Var x = b.input("x", 2.0);
        assertNamesThePrimitive(assertThrows(GraphException.class, () -> b.apply(CUBE, x)));
    }

    @Test
    void askingForItsCodeNamesIt() {
        assertNamesThePrimitive(assertThrows(GraphException.class, CUBE::code));
    }
}
