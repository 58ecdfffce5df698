package dev.leibniz.core.memory;

import static dev.leibniz.core.memory.GradientsAgree.assertBitwiseEqual;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.RandomGraphs;
import dev.leibniz.core.Subgradients;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * On random graphs (shared subexpressions, constant subtrees, dead code, several outputs), the
 * saved-values-only and the checkpointed executors give the store-all interpreter's gradients bit
 * for bit, for any number of segments, and never store more than it.
 */
class MemoryProperties {

    @Provide
    Arbitrary<Graph> graphs() {
        return RandomGraphs.graphs();
    }

    @Provide
    Arbitrary<double[]> inputs() {
        return RandomGraphs.inputs();
    }

    @Property(tries = 300)
    void everyStrategyGivesTheStoreAllGradient(@ForAll("graphs") Graph g, @ForAll("inputs") double[] xs,
                                               @ForAll @IntRange(min = 1, max = 60) int segments) {
        double[] x = RandomGraphs.inputsFor(g, xs);
        Program p = g.compile();
        for (int j = 0; j < g.outputCount(); j++) {
            Gradient expected = p.gradient(j, EvalOptions.DEFAULT, x);
            MeteredGradient planned = MemoryPlannedGradient.plan(g, j).run(Subgradients.DEFAULT, x);
            MeteredGradient sqrt = CheckpointedGradient.plan(g, j).run(Subgradients.DEFAULT, x);
            MeteredGradient chosen = CheckpointedGradient.plan(g, j, segments).run(Subgradients.DEFAULT, x);
            assertBitwiseEqual(expected, planned.gradient(), "saved values only");
            assertBitwiseEqual(expected, sqrt.gradient(), "checkpointed, default segments");
            assertBitwiseEqual(expected, chosen.gradient(), "checkpointed, " + segments + " segments");
            assertTrue(planned.memory().peakStoredValues() <= g.size());
            assertTrue(chosen.memory().recomputedOps() <= chosen.memory().forwardOps());
        }
    }
}
