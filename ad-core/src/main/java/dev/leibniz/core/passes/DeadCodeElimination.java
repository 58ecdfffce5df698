package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Primitive;

/**
 * Dead-code elimination: deletes every node with no path to any output. Liveness is one
 * backward sweep over the topological order (a node is live if an output is it or a live node
 * uses it), so the pass is linear in the graph size. Inputs are always kept, used or not: they
 * are the graph's interface, and a caller still passes a value for each.
 *
 * <p>Values and gradients are bit-for-bit unchanged: a dead node never contributes to an
 * output, and in the reverse sweep it never receives an adjoint. {@code removed} is the number
 * of nodes deleted.
 */
public final class DeadCodeElimination {
    /** The name used in pass reports. */
    public static final String NAME = "DCE";

    private DeadCodeElimination() {
    }

    public static PassResult apply(Graph g) {
        GraphRewriter r = new GraphRewriter(g);
        boolean[] live = live(g);
        int removed = 0;
        for (int i = 0; i < g.size(); i++) {
            if (live[i] || g.primitive(i).kind() == Primitive.Kind.INPUT) {
                r.copy(i);
            } else {
                removed++;
            }
        }
        return new PassResult(NAME, r.build(), removed);
    }

    /** Nodes with a path to some output. */
    static boolean[] live(Graph g) {
        boolean[] live = new boolean[g.size()];
        for (int j = 0; j < g.outputCount(); j++) {
            live[g.outputNode(j)] = true;
        }
        for (int i = g.size() - 1; i >= 0; i--) {
            if (live[i]) {
                for (int k = 0, n = g.arity(i); k < n; k++) {
                    live[g.arg(i, k)] = true;
                }
            }
        }
        return live;
    }
}
