package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.junit.jupiter.api.Test;

/**
 * The generated interpreter stays JIT-compilable and reaches every declaration directly: both
 * loops below HotSpot's 8000-byte limit for compiling a method, every primitive of one or two
 * arguments written inline (none pushed to the general path by the byte budget), and every such
 * primitive reachable through a static field, so the JIT sees a constant receiver.
 */
class InterpreterGenerationTest {
    @Test
    void bothLoopsStayUnderTheJitLimit() {
        assertNotNull(Interpreter.INSTANCE);
        assertTrue(InterpreterWriter.forwardBytes > 0 && InterpreterWriter.forwardBytes < 8000,
                "forward loop: " + InterpreterWriter.forwardBytes + " bytes");
        assertTrue(InterpreterWriter.backwardBytes > 0 && InterpreterWriter.backwardBytes < 8000,
                "backward loop: " + InterpreterWriter.backwardBytes + " bytes");
    }

    @Test
    void everyFixedArityPrimitiveIsInlineAndDeclaredInAStaticField() {
        int handled = 0;
        for (Primitive p : Primitives.all()) {
            if (RuleEmitter.handles(p)) {
                handled++;
                assertNotNull(PrimitiveFields.of(p), "primitive '" + p.name() + "' has no public static field");
            }
        }
        assertEquals(handled, InterpreterWriter.inlineForward, "cases written inline in the forward loop");
        assertEquals(handled, InterpreterWriter.inlineBackward, "cases written inline in the backward loop");
    }
}
