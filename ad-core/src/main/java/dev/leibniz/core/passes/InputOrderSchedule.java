package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;

/**
 * Reorders a graph's nodes by the last input each one depends on: node i's <em>anchor</em> is
 * the largest input position among the inputs it reaches (−1 for constants and expressions of
 * constants), and the nodes are listed by anchor, ties in their old order. Inputs and constants
 * stay first. Nothing is added or removed, and every node computes what it computed before.
 *
 * <p>Why: a gradient graph lists the whole forward sweep, then the whole reverse sweep, so the
 * reverse work of one loop iteration (one Rosenbrock pair) sits a whole graph away from the
 * values it reads. When the iterations are independent, as in a traced sum, the reverse nodes of
 * iteration k depend on the inputs of iteration k only, and by anchor they move next to their
 * forward nodes: forward and reverse become one repeat, which the compiler turns into one loop
 * whose values stay in registers (a Hessian–vector product's JVP of the gradient graph then runs
 * as one loop instead of two, with nothing stored between them). Where every node depends on
 * the last input early, the anchors are equal and the order is unchanged.
 *
 * <p>Exactness: the order is topological (a node's anchor is at least each argument's, ties keep
 * the old, topological order), so every value is computed by the same operations on the same
 * arguments, bit for bit. A reverse sweep <em>of the reordered graph</em> may add an adjoint's
 * contributions in another order (it visits users in the new order), so use it for graphs that
 * are evaluated, such as a gradient graph whose JVP is taken. Linear time (a counting sort).
 * {@code removed} is always 0.
 */
public final class InputOrderSchedule {
    /** The name used in pass reports. */
    public static final String NAME = "input-order schedule";

    private InputOrderSchedule() {
    }

    public static PassResult apply(Graph g) {
        if (g == null) {
            throw new GraphException("cannot reorder a null graph");
        }
        int n = g.size();
        int inputs = g.inputCount();
        int[] anchor = new int[n];
        int[] bucketSize = new int[inputs + 2];
        for (int i = 0; i < n; i++) {
            int a = -1;
            if (g.arity(i) == 0) {
                a = -2; // leaves (inputs, constants) stay first, in their order
            } else {
                for (int k = 0, m = g.arity(i); k < m; k++) {
                    int arg = g.arg(i, k);
                    a = Math.max(a, g.arity(arg) == 0 ? leafAnchor(g, arg) : anchor[arg]);
                }
            }
            anchor[i] = a;
            bucketSize[a + 2]++;
        }
        int[] next = new int[inputs + 2];
        for (int b = 1; b < next.length; b++) {
            next[b] = next[b - 1] + bucketSize[b - 1];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[anchor[i] + 2]++] = i;
        }
        GraphRewriter r = new GraphRewriter(g);
        for (int i : order) {
            r.copy(i);
        }
        return new PassResult(NAME, r.build(), 0);
    }

    /** An input's position, −1 for a constant leaf. */
    private static int leafAnchor(Graph g, int leaf) {
        return g.primitive(leaf).kind() == dev.leibniz.core.prim.Primitive.Kind.INPUT ? (int) g.param(leaf) : -1;
    }
}
