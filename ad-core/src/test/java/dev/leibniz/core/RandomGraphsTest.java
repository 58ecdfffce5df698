package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.passes.CommonSubexpressionElimination;
import dev.leibniz.core.passes.ConstantFolding;
import dev.leibniz.core.passes.DeadCodeElimination;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generator feeds the pass properties cases where every pass has something to do. */
class RandomGraphsTest {

    @Test
    void generatedGraphsGiveEveryPassWork() {
        int folds = 0;
        int merges = 0;
        int dead = 0;
        int multiInput = 0;
        int n = 200;
        for (long seed = 0; seed < n; seed++) {
            Graph g = RandomGraphs.graph(new Random(seed));
            folds += ConstantFolding.apply(g).removed() > 0 ? 1 : 0;
            merges += CommonSubexpressionElimination.apply(g).removed() > 0 ? 1 : 0;
            dead += DeadCodeElimination.apply(g).removed() > 0 ? 1 : 0;
            multiInput += g.inputCount() > 1 ? 1 : 0;
        }
        assertTrue(folds > n / 2, "folding had work in " + folds + " of " + n);
        assertTrue(merges > n / 2, "CSE had work in " + merges + " of " + n);
        assertTrue(dead > n / 2, "DCE had work in " + dead + " of " + n);
        assertTrue(multiInput > n / 2, "several inputs in " + multiInput + " of " + n);
    }
}
