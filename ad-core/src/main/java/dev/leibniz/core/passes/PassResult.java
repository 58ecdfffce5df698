package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;

/**
 * What one pass did: the rewritten graph and how many nodes it took out of the computation.
 * The count is the pass's own work only — see each pass for what it counts (constant folding
 * counts the operations it replaced by constants; CSE and DCE count nodes deleted).
 *
 * @param pass    the pass's readable name, e.g. {@code "CSE"}
 * @param graph   the rewritten graph (the input graph's inputs, in order, and its outputs)
 * @param removed how many nodes the pass removed
 */
public record PassResult(String pass, Graph graph, int removed) {
    @Override
    public String toString() {
        return pass + " removed " + removed;
    }
}
