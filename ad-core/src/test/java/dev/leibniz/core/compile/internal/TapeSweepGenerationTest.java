package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.junit.jupiter.api.Test;

/**
 * The generated sweep of compact tapes stays JIT-compilable (below HotSpot's 8000-byte limit),
 * writes every primitive of one or two arguments inline (none pushed to the general path by the
 * byte budget), and every op code fits the tape's one byte.
 */
class TapeSweepGenerationTest {
    @Test
    void theSweepStaysUnderTheJitLimitWithEveryFixedArityCaseInline() {
        assertNotNull(TapeSweep.INSTANCE);
        assertTrue(TapeSweepWriter.bytes > 0 && TapeSweepWriter.bytes < 8000, "sweep: " + TapeSweepWriter.bytes + " bytes");
        int handled = 0;
        for (Primitive p : Primitives.all()) {
            if (TapeSweep.fixedSlots(p)) {
                handled++;
            }
        }
        assertEquals(handled, TapeSweepWriter.inline, "cases written inline");
        assertTrue(Primitives.all().size() <= 256, Primitives.all().size() + " op codes do not fit a byte");
    }
}
