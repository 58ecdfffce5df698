package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

class CommonSubexpressionEliminationTest {

    private static PassResult cse(Graph g) {
        return CommonSubexpressionElimination.apply(g);
    }

    @Test
    void mergesCommutedOperandsOfCommutativePrimitivesOnly() {
        // x+y and y+x merge; x−y and y−x do not
        Graph add = Graph.trace(v -> v[0].add(v[1]).mul(v[1].add(v[0])), "x", "y");
        assertEquals(1, cse(add).removed());
        assertEquals(3.0 * 3.0, cse(add).graph().evaluate(1.0, 2.0)[0], 0.0);
        Graph sub = Graph.trace(v -> v[0].sub(v[1]).mul(v[1].sub(v[0])), "x", "y");
        assertEquals(0, cse(sub).removed());
        Graph hypot = Graph.trace(v -> v[0].hypot(v[1]).add(v[1].hypot(v[0])), "x", "y");
        assertEquals(1, cse(hypot).removed());
        assertEquals(10.0, cse(hypot).graph().evaluate(3.0, 4.0)[0], 0.0);
    }

    @Test
    void equalSubtreesCollapseBottomUpInOnePass() {
        // sin(x·y) + sin(y·x): the products merge, then the sines
        Graph f = Graph.trace(v -> v[0].mul(v[1]).sin().add(v[1].mul(v[0]).sin()), "x", "y");
        PassResult r = cse(f);
        assertEquals(2, r.removed());
        assertEquals(2 * Math.sin(0.6), r.graph().evaluate(2.0, 0.3)[0], 1e-16);
    }

    @Test
    void theParameterIsPartOfTheKey() {
        // x² (powi 2) and x³ (powi 3) differ; a second x² merges
        Graph f = Graph.trace(v -> v[0].pow(2).add(v[0].pow(3)).add(v[0].pow(2)), "x");
        PassResult r = cse(f);
        assertEquals(1, r.removed());
        assertEquals(4.0 + 8.0 + 4.0, r.graph().evaluate(2.0)[0], 0.0);
    }

    @Test
    void constantsMergeByBitsSoZeroAndNegativeZeroStayApart() {
        // x·0 + x·(−0) + x·2 + x·2: the second 2 and the second x·2 merge; 0 and −0 do not,
        // and 1/(−0) = −∞ shows why they must not
        Graph f = Graph.trace(v -> v[0].mul(0.0).add(v[0].mul(-0.0)).add(v[0].mul(2.0)).add(v[0].mul(2.0)), "x");
        assertEquals(2, cse(f).removed());
        Graph inv = Graph.trace(v -> v[0].constant(1.0).div(0.0).add(v[0].constant(1.0).div(-0.0)), "x");
        PassResult r = cse(inv);
        assertEquals(1, r.removed()); // only the second constant 1
        assertEquals(Double.NaN, r.graph().evaluate(5.0)[0], 0.0); // ∞ + (−∞), not 2∞
    }

    @Test
    void variadicReductionsMergeOnlyExactRepeats() {
        // logsumexp sums in argument order, so a permutation may differ in the last bit: keep it
        Graph f = Graph.trace(v -> Var.logsumexp(v[0], v[1], v[2])
                .add(Var.logsumexp(v[2], v[1], v[0]))
                .add(Var.logsumexp(v[0], v[1], v[2])), "a", "b", "c");
        assertEquals(1, cse(f).removed());
    }

    @Test
    void unusedInputsAreNeverMerged() {
        Graph f = Graph.trace(v -> v[0].sin(), "x", "y", "z");
        PassResult r = cse(f);
        assertEquals(0, r.removed());
        assertEquals(f.inputNames(), r.graph().inputNames());
    }
}
