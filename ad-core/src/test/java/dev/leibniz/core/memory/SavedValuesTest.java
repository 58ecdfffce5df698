package dev.leibniz.core.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Saved sets derived by hand from the primitives' documented reverse rules. */
class SavedValuesTest {

    @Test
    void sinOfXSquaredTimesExpXSavesExactlyXUVW() {
        // u = x² (keeps x), v = sin u (keeps u), w = eˣ (keeps w), f = v·w (keeps v and w)
        Graph f = Graph.trace(v -> v[0].square().sin().mul(v[0].exp()), "x");
        assertEquals("graph (x) -> (f)\n  %0 = input x\n  %1 = square %0\n  %2 = sin %1\n  %3 = exp %0\n"
                + "  %4 = mul %2 %3\n  f = %4\n", f.toString());
        assertArrayEquals(new int[] {0, 1, 2, 3}, SavedValues.analyze(f, 0));
    }

    @Test
    void constantsAreNeverSaved() {
        // x·3: mul keeps both arguments, but 3 is part of the program
        Graph f = Graph.trace(v -> v[0].mul(3.0), "x");
        assertArrayEquals(new int[] {0}, SavedValues.analyze(f, 0));
    }

    @Test
    void onlyNodesOnAPathFromAnInputAreSwept() {
        // x·exp(sin 2): exp(sin 2) is kept as mul's argument, but sin 2 is not, because no
        // gradient flows through the constant subtree; %0 x, %1 2, %2 sin, %3 exp, %4 mul
        Graph f = Graph.trace(v -> v[0].mul(v[0].constant(2.0).sin().exp()), "x");
        assertArrayEquals(new int[] {0, 3}, SavedValues.analyze(f, 0));
    }

    @Test
    void linearPrimitivesSaveNothingAndDivSavesDivisorAndQuotient() {
        assertArrayEquals(new int[0], SavedValues.analyze(Graph.trace(v -> v[0].add(v[1]).sub(v[0]).neg(), "x", "y"), 0));
        // a/b: ∂a = 1/b, ∂b = −y/b — keeps b (%1) and y (%2), not a (%0)
        assertArrayEquals(new int[] {1, 2}, SavedValues.analyze(Graph.trace(v -> v[0].div(v[1]), "a", "b"), 0));
    }

    @Test
    void theSetDependsOnTheOutputAndIgnoresDeadNodes() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var s = x.sin();    // %1, keeps x
        Var e = x.exp();    // %2, keeps itself
        x.square().cos();   // dead
        Map<String, Var> outs = new LinkedHashMap<>();
        outs.put("s", s);
        outs.put("e", e);
        Graph g = b.build(outs);
        assertArrayEquals(new int[] {0}, SavedValues.analyze(g, 0));
        assertArrayEquals(new int[] {2}, SavedValues.analyze(g, 1));
    }

    @Test
    void badOutputIndexIsAGraphException() {
        Graph f = Graph.trace(v -> v[0].sin(), "x");
        GraphException e = assertThrows(GraphException.class, () -> SavedValues.analyze(f, 1));
        assertEquals("output index 1 is out of range; the graph has outputs [f]", e.getMessage());
        assertThrows(GraphException.class, () -> SavedValues.analyze(null, 0));
    }
}
