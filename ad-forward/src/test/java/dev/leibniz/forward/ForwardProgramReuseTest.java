package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Var;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an inner loop (an ODE solver's stages) relies on: the output values come out of the same
 * forward pass as the tangents, and repeated sweeps allocate nothing.
 */
class ForwardProgramReuseTest {
    // f = (x·y − sin x, exp(y)/x)
    private static Graph graph() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("f", x.mul(y).sub(x.sin()));
        out.put("g", y.exp().div(x));
        return b.build(out);
    }

    @Test
    void outputValuesAreTheFunctionValues() {
        ForwardProgram p = ForwardProgram.prepare(graph(), 2);
        TangentLanes ws = p.newWorkspace();
        double[] out = new double[2];
        for (double x : new double[] {0.3, -1.7, 4.0}) {
            double y = 1 - x;
            p.values(new double[] {x, y}, ws);
            p.outputValues(ws, out);
            assertArrayEquals(new double[] {x * y - Math.sin(x), Math.exp(y) / x}, out, 1e-15);
        }
    }

    @Test
    void outputValuesChecksItsBufferAndNeedsValues() {
        ForwardProgram p = ForwardProgram.prepare(graph(), 1);
        TangentLanes ws = p.newWorkspace();
        LeibnizException e = assertThrows(LeibnizException.class, () -> p.outputValues(ws, new double[2]));
        assertTrue(e.getMessage().contains("values(x, workspace)"), e.getMessage());
        p.values(new double[] {1, 2}, ws);
        SeedLengthException s = assertThrows(SeedLengthException.class, () -> p.outputValues(ws, new double[3]));
        assertTrue(s.getMessage().contains("has 3 values, expected 2"), s.getMessage());
    }

    @Test
    void repeatedSweepsAllocateNothing() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return; // no allocation counter on this JVM
        }
        ForwardProgram p = ForwardProgram.prepare(graph(), 3);
        TangentLanes ws = p.newWorkspace();
        double[] x = {0.7, 0.2};
        double[] seeds = {1, 0, 2, 0, 1, -1};
        double[] tangents = new double[6];
        double[] values = new double[2];
        double sum = 0;
        for (int r = 0; r < 2000; r++) { // warm-up
            p.values(x, ws);
            p.tangents(seeds, ws);
            p.outputTangents(ws, tangents);
            p.outputValues(ws, values);
            sum += tangents[0];
        }
        long tid = Thread.currentThread().getId();
        long before = sun.getThreadAllocatedBytes(tid);
        int sweeps = 20_000;
        for (int r = 0; r < sweeps; r++) {
            p.values(x, ws);
            p.tangents(seeds, ws);
            p.outputTangents(ws, tangents);
            p.outputValues(ws, values);
            sum += tangents[0];
        }
        long bytes = sun.getThreadAllocatedBytes(tid) - before;
        // a message string built per call would be ~100 bytes a sweep, i.e. megabytes here
        assertTrue(bytes < sweeps, bytes + " bytes allocated by " + sweeps + " sweeps");
        // seeds row-major (input × lane): lane 0 is the direction (1, 0), so f's tangent is ∂f/∂x = y − cos x
        assertEquals(2000 + sweeps, sum / (0.2 - Math.cos(0.7)), 1e-6);
    }
}
