package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The boundary points of a grid row, single nodes in a nest's body, grouped into straight blocks
 * ({@link NestFinder#straight}: one copy of a template, swept like a loop copy with its private
 * values in registers and one guard): the grouping covers every single node of the body with
 * blocks of at most {@link GuardedCopy#MAX_PERIOD} nodes, the groups keep values private, and the
 * gradient keeps the interpreter's bits — at regular points and with NaN, ∞ and zeros on the
 * boundary columns, which send the straight copies to their exact code.
 */
class StraightBlockTest {

    @Test
    void boundaryPointsOfTheBrusselatorsRowsBecomeGuardedStraightBlocks() {
        int n = 8;
        Graph g = NestTest.brusselatorVjp(n);
        NodeTable t = NodeTable.of(g);
        List<Region> regions = NestFinder.regions(t, RepeatFinder.blocks(t));
        Nest nest = null;
        for (Region r : regions) {
            nest = r instanceof Nest x ? x : nest;
        }
        assertNotNull(nest, "the grid rows form a nest");
        CopyLocals locals = new CopyLocals(t, regions, new int[] {g.outputNode(0)});
        int straight = 0;
        int covered = 0;
        for (Block b : nest.body()) {
            covered += b.nodes();
            if (b.count() == 1 && b.period() > 1) {
                straight++;
                assertTrue(b.isRepeat(), "emitted as a loop of one copy");
                assertTrue(b.period() <= GuardedCopy.MAX_PERIOD, "at most a guarded body long");
                boolean[] local = locals.of(nest, b);
                assertNotNull(local, "a boundary point keeps private values in registers");
                Operands o = new Operands(t);
                o.enter(nest, b, local);
                assertNotNull(GuardedCopy.of(t, o, nest, b), "swept with one guard");
            }
        }
        assertEquals(nest.nodeStride(), covered, "the body still covers one row");
        assertTrue(straight >= 2, "both boundary points of a row: " + nest.body());
    }

    @Test
    void straightBlocksKeepTheInterpretersBitsAtPoisonedBoundaryPoints() {
        for (int n : new int[] {5, 8}) {
            Graph g = NestTest.brusselatorVjp(n);
            int m = 2 * n * n;
            double[] x = new double[2 * m];
            for (int k = 0; k < x.length; k++) {
                x[k] = k < m ? 1.0 + 0.37 * Math.cos(k) : Math.sin(k + 1.0);
            }
            assertSameAsInterpreter(g, x, Subgradients.DEFAULT);
            double[] poisons = {Double.NaN, Double.POSITIVE_INFINITY, 0.0, -0.0, 1e300};
            for (int q = 0; q < poisons.length; q++) {
                double[] y = x.clone();
                int row = 1 + q % (n - 2);
                y[2 * (row * n)] = poisons[q];                      // u at the row's first point
                y[2 * (row * n + n - 1) + 1] = poisons[q];          // v at its last point
                y[m + 2 * ((row + 1) * n)] = poisons[(q + 2) % poisons.length];    // a weight on the boundary
                assertSameAsInterpreter(g, y, Subgradients.DEFAULT);
            }
        }
    }
}
