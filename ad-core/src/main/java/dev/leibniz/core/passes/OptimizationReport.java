package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;

/**
 * The result of {@link Passes#optimize(Graph)}: the optimized graph and, per pass, the total it
 * removed over all rounds. Its {@code toString()} reads, for example,
 * {@code "constant folding removed 2, CSE removed 3, DCE removed 1 (14 -> 9 nodes, 2 rounds)"}.
 *
 * <p>The per-pass counts need not add up to the change in size: a folded operation is counted
 * by constant folding although it stays in the graph as a constant, and the argument constants
 * it leaves unused are counted again by DCE when it deletes them.
 *
 * @param graph           the optimized graph
 * @param constantsFolded operations constant folding replaced by constants
 * @param cseRemoved      duplicate nodes CSE merged away
 * @param dceRemoved      dead nodes DCE deleted
 * @param nodesBefore     size of the original graph
 * @param rounds          rounds of (folding, CSE, DCE) run, the last of which changed nothing
 */
public record OptimizationReport(Graph graph, int constantsFolded, int cseRemoved, int dceRemoved,
                                 int nodesBefore, int rounds) {
    /** Size of the optimized graph. */
    public int nodesAfter() {
        return graph.size();
    }

    @Override
    public String toString() {
        return ConstantFolding.NAME + " removed " + constantsFolded + ", " + CommonSubexpressionElimination.NAME
                + " removed " + cseRemoved + ", " + DeadCodeElimination.NAME + " removed " + dceRemoved
                + " (" + nodesBefore + " -> " + nodesAfter() + " nodes, " + rounds + " round" + (rounds == 1 ? "" : "s") + ")";
    }
}
