package dev.leibniz.core.passes;

import static dev.leibniz.core.passes.GraphComparison.assertCloseGradients;
import static dev.leibniz.core.passes.GraphComparison.assertSameGradients;
import static dev.leibniz.core.passes.GraphComparison.assertSameInterface;
import static dev.leibniz.core.passes.GraphComparison.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.RandomGraphs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On random expression graphs, each pass and the whole optimizer leave the function unchanged:
 * values bit for bit, gradients bit for bit for folding and DCE, and up to re-association
 * rounding for CSE (which merges the adjoints of merged copies before multiplying).
 */
class PassesProperties {

    @Provide
    Arbitrary<Graph> graphs() {
        return RandomGraphs.graphs();
    }

    @Provide
    Arbitrary<double[]> inputs() {
        return RandomGraphs.inputs();
    }

    @Property(tries = 300)
    void constantFoldingPreservesValuesAndGradients(@ForAll("graphs") Graph g, @ForAll("inputs") double[] xs) {
        double[] x = RandomGraphs.inputsFor(g, xs);
        PassResult r = ConstantFolding.apply(g);
        assertEquals(g.size(), r.graph().size(), "folding replaces nodes in place");
        assertSameInterface(g, r.graph());
        assertSameValues(g, r.graph(), x);
        assertSameGradients(g, r.graph(), x);
    }

    @Property(tries = 300)
    void cseRemovesExactlyTheSizeDifferenceAndPreservesValues(@ForAll("graphs") Graph g, @ForAll("inputs") double[] xs) {
        double[] x = RandomGraphs.inputsFor(g, xs);
        PassResult r = CommonSubexpressionElimination.apply(g);
        assertEquals(g.size() - r.removed(), r.graph().size());
        assertSameInterface(g, r.graph());
        assertSameValues(g, r.graph(), x);
        assertCloseGradients(g, r.graph(), x);
    }

    @Property(tries = 300)
    void dcePreservesValuesAndGradients(@ForAll("graphs") Graph g, @ForAll("inputs") double[] xs) {
        double[] x = RandomGraphs.inputsFor(g, xs);
        PassResult r = DeadCodeElimination.apply(g);
        assertEquals(g.size() - r.removed(), r.graph().size());
        assertSameInterface(g, r.graph());
        assertSameValues(g, r.graph(), x);
        assertSameGradients(g, r.graph(), x);
    }

    @Property(tries = 300)
    void optimizePreservesTheFunctionAndReachesAFixpoint(@ForAll("graphs") Graph g, @ForAll("inputs") double[] xs) {
        double[] x = RandomGraphs.inputsFor(g, xs);
        OptimizationReport report = Passes.optimize(g);
        Graph o = report.graph();
        assertSameInterface(g, o);
        assertSameValues(g, o, x);
        assertCloseGradients(g, o, x);
        assertTrue(o.size() <= g.size());
        // a fixpoint: no pass finds anything more to do
        assertEquals(0, ConstantFolding.apply(o).removed());
        assertEquals(0, CommonSubexpressionElimination.apply(o).removed());
        assertEquals(0, DeadCodeElimination.apply(o).removed());
    }
}
