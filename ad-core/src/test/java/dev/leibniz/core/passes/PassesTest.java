package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Arithmetic;
import org.junit.jupiter.api.Test;

class PassesTest {

    private static int count(Graph g, String primitive) {
        int c = 0;
        for (int i = 0; i < g.size(); i++) {
            c += g.primitive(i).name().equals(primitive) ? 1 : 0;
        }
        return c;
    }

    @Test
    void cseLeavesOneSquareInXSquaredTimesXPlusOnePlusSinXSquared() {
        // y = x²·(x+1) + sin(x²), with x² traced twice
        Graph y = Graph.trace(v -> {
            Var x = v[0];
            return x.square().mul(x.add(1.0)).add(x.square().sin());
        }, "x");
        assertEquals(2, count(y, Arithmetic.SQUARE.name()));

        OptimizationReport r = Passes.optimize(y);
        Graph o = r.graph();
        assertEquals(1, count(o, Arithmetic.SQUARE.name()));
        // x, x², 1, x+1, ·, x², sin, + : the second x² is the only duplicate, nothing folds or dies
        assertEquals(0, r.constantsFolded());
        assertEquals(1, r.cseRemoved());
        assertEquals(0, r.dceRemoved());
        assertEquals(8, r.nodesBefore());
        assertEquals(7, r.nodesAfter());
        assertEquals("constant folding removed 0, CSE removed 1, DCE removed 0 (8 -> 7 nodes, 2 rounds)", r.toString());

        for (double x : new double[] {-2.5, -1.0, 0.0, 0.3, 1.7}) {
            double value = x * x * (x + 1) + Math.sin(x * x);
            double slope = 3 * x * x + 2 * x + 2 * x * Math.cos(x * x);
            GraphComparison.assertSameValues(y, o, new double[] {x});
            Gradient before = y.compile().gradient(x);
            Gradient after = o.compile().gradient(x);
            assertEquals(value, after.value(), 1e-14 * (1 + Math.abs(value)));
            assertEquals(slope, before.get("x"), 1e-14 * (1 + Math.abs(slope)));
            assertEquals(slope, after.get("x"), 1e-14 * (1 + Math.abs(slope)));
        }
    }

    @Test
    void foldedConstantsAreSweptUpByDce() {
        // x·(2+3): folding turns 2+3 into 5 in place; DCE then deletes the unused 2 and 3
        Graph f = Graph.trace(v -> v[0].mul(v[0].constant(2.0).add(3.0)), "x");
        OptimizationReport r = Passes.optimize(f);
        assertEquals("constant folding removed 1, CSE removed 0, DCE removed 2 (5 -> 3 nodes, 2 rounds)", r.toString());
        assertEquals(7.5, r.graph().evaluate(1.5)[0], 0.0);
        assertEquals("graph (x) -> (f)\n  %0 = input x\n  %1 = const 5\n  %2 = mul %0 %1\n  f = %2\n",
                r.graph().toString());
    }

    @Test
    void foldingThenCseMergesEqualFoldedConstants() {
        // (2+3)·x + (3+2)·y, 11 nodes. Folding turns both sums into 5 (2 folded); CSE merges the
        // second 3, 2 and 5 into the first ones (3 removed); DCE deletes the unused 2 and 3 (2).
        Graph f = Graph.trace(v -> v[0].constant(2.0).add(3.0).mul(v[0])
                .add(v[1].constant(3.0).add(2.0).mul(v[1])), "x", "y");
        OptimizationReport r = Passes.optimize(f);
        assertEquals("constant folding removed 2, CSE removed 3, DCE removed 2 (11 -> 6 nodes, 2 rounds)", r.toString());
        assertEquals(1, count(r.graph(), "const"));
        assertEquals(5 * 1.25 + 5 * -4.0, r.graph().evaluate(1.25, -4.0)[0], 0.0);
    }

    @Test
    void nullGraphIsAGraphException() {
        assertThrows(GraphException.class, () -> Passes.optimize(null));
        assertThrows(GraphException.class, () -> ConstantFolding.apply(null));
        assertThrows(GraphException.class, () -> CommonSubexpressionElimination.apply(null));
        assertThrows(GraphException.class, () -> DeadCodeElimination.apply(null));
    }
}
