package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeding inputs one at a time ({@link ForwardProgram#seed}, {@link ForwardProgram#seedUnit}) and
 * sweeping from the seeds left in the workspace gives what a full seed matrix gives
 * ({@link ForwardProgram#tangents}, itself checked against finite differences elsewhere), and the
 * closed-form Jacobian: seeds that are not set again stay.
 */
class ForwardProgramSeedTest {
    // f = (x·y·p − sin x, exp(y)/x + p): inputs x, y, p
    private static Graph graph() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var p = b.input("p");
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("f", x.mul(y).mul(p).sub(x.sin()));
        out.put("g", y.exp().div(x).add(p));
        return b.build(out);
    }

    @Test
    void partialSeedingMatchesFullSeedsAndTheClosedForm() {
        int k = 3;
        ForwardProgram prog = ForwardProgram.prepare(graph(), k);
        TangentLanes full = prog.newWorkspace();
        TangentLanes part = prog.newWorkspace();
        prog.seedUnit(2, 0, part);              // p: lane 0, set once for every point below
        Random rnd = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            double x = 0.5 + rnd.nextDouble();
            double y = rnd.nextDouble() - 0.5;
            double p = 2 * rnd.nextDouble();
            double[] sx = {0, rnd.nextGaussian(), rnd.nextGaussian()};
            double[] sy = {0, rnd.nextGaussian(), rnd.nextGaussian()};
            double[] seeds = {sx[0], sx[1], sx[2], sy[0], sy[1], sy[2], 1, 0, 0};
            double[] in = {x, y, p};
            prog.values(in, full);
            prog.tangents(seeds, full);
            prog.values(in, part);
            double[] buf = {9, sx[0], sx[1], sx[2], sy[0], sy[1], sy[2]};
            prog.seed(0, buf, 1, part);
            prog.seed(1, buf, 4, part);
            prog.tangentsFromSeeds(part);
            double[] a = new double[2 * k];
            double[] b = new double[1 + 2 * k];
            prog.outputTangents(full, a);
            prog.outputTangents(part, b, 1);
            assertEquals(0.0, b[0], "nothing before the offset");
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[1 + i], 0.0, "entry " + i);
            }
            // lane 0 is ∂/∂p: (x·y, 1); lanes 1, 2 are J·(sx, sy) with J = [[yp − cos x, xp], [−e^y/x², e^y/x]]
            double[] lane0 = {x * y, 1};
            assertArrayEquals(lane0, new double[] {b[1], b[1 + k]}, 1e-14);
            for (int l = 1; l < k; l++) {
                double f = (y * p - Math.cos(x)) * sx[l] + x * p * sy[l];
                double g = -Math.exp(y) / (x * x) * sx[l] + Math.exp(y) / x * sy[l];
                assertEquals(f, b[1 + l], 1e-12 * (1 + Math.abs(f)));
                assertEquals(g, b[1 + k + l], 1e-12 * (1 + Math.abs(g)));
            }
        }
    }

    @Test
    void badSeedsAreRefusedWithTheirIndex() {
        ForwardProgram prog = ForwardProgram.prepare(graph(), 2);
        TangentLanes ws = prog.newWorkspace();
        GraphException e = assertThrows(GraphException.class, () -> prog.seed(3, new double[2], 0, ws));
        assertTrue(e.getMessage().contains("input index 3"), e.getMessage());
        SeedLengthException s = assertThrows(SeedLengthException.class, () -> prog.seed(0, new double[3], 2, ws));
        assertTrue(s.getMessage().contains("2 lanes from offset 2"), s.getMessage());
        assertThrows(LaneCountException.class, () -> prog.seedUnit(0, 2, ws));
        assertThrows(SeedLengthException.class, () -> prog.outputTangents(ws, new double[4], 1));
    }
}
