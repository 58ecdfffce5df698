package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;

/**
 * Moves a trailing reduction into the loop that produces its terms: the nodes of the graph's
 * tail T (a weighted sum Σ wₖfₖ after the loop that computes the fₖ, a loss summed after the
 * residuals) are each placed right after the last of their arguments outside T, so that the
 * loop's copies compute fₖ, multiply it by wₖ and add it to the running sum before the next
 * copy starts. The fₖ are then private to their copy ({@link CopyLocals}): kept in registers, never
 * stored, their adjoints never written to the arrays and read back — where the reduction as a
 * second loop sent every fₖ and its adjoint through memory (3.8 MB value and adjoint arrays for
 * the Brusselator at N = 128, more than the L2 cache).
 *
 * <p>T starts, within the longest tail of the node order in which every node has a computed
 * (non-leaf) argument, at a cut where no node outside T that depends on an input has users on both
 * sides; of those cuts, at the node whose arguments are earliest (the first term of the sum). The new order keeps the order of the nodes outside T and the order of the nodes of T,
 * and places each T node after its arguments and after the T node before it.
 *
 * <p>Why it is exact, bit for bit, for values and for every adjoint. The order is topological, so
 * every value is computed by the same operation on the same arguments. The reverse sweep adds a
 * node's adjoint terms in the descending order of its users; the users of a node outside T that
 * depends on an input are all outside T or all in T (the cut), the users of a node of T are all
 * in T, and each of the two sequences keeps its order — so every node's users keep their order,
 * and, by induction from the output down, every adjoint is the same sum of the same terms in the
 * same order. (A node that depends on no input — a constant — may have users on both sides: its
 * adjoint reaches no input and the compiled sweep does not compute it.)
 *
 * <p>The compiler keeps the new order only when it helps ({@code GraphCompiler}: fewer values
 * escaping their loop copies); graphs with primitives of three or more arguments are left alone
 * (their run-time helpers index the original graph).
 */
public final class ReductionSchedule {
    private ReductionSchedule() {
    }

    /**
     * Fewest tail nodes that must move for a new order: a reduction over a loop of at least
     * {@link RepeatFinder#MIN_COUNT} copies moves two nodes per copy (a product and a sum). Fewer
     * (the last node or two of a loop that already ends in its sum) is not worth the compiler's
     * second cut of the graph into loops.
     */
    static final int MIN_MOVED = 2 * RepeatFinder.MIN_COUNT;

    /**
     * The new order ({@code order[newIndex] = oldIndex}), or null when the schedule moves fewer than
     * {@link #MIN_MOVED} nodes or the graph has a node the generated code evaluates through the
     * original graph.
     */
    public static int[] order(NodeTable t) {
        int n = t.size;
        if (n < 2) {
            return null;
        }
        int[] minUser = new int[n];
        int[] maxUser = new int[n];
        if (!userRanges(t, minUser, maxUser)) {
            return null;
        }
        // the tail whose every node has a computed argument
        int low = n;
        while (low > 0 && hasComputedArg(t, low - 1)) {
            low--;
        }
        if (low == n) {
            return null;
        }
        int s = cut(t, low, minUser, maxUser);
        if (s <= 0) {
            return null;
        }
        int[] at = insertionPoints(t, s);
        int moved = 0;
        for (int point : at) {
            moved += point < s - 1 ? 1 : 0;
        }
        return moved < MIN_MOVED ? null : interleave(n, s, at);
    }

    /**
     * Each node's first and last user ({@code Integer.MAX_VALUE} and −1 when unused); false when a
     * node is one the generated code evaluates through the original graph.
     */
    private static boolean userRanges(NodeTable t, int[] minUser, int[] maxUser) {
        java.util.Arrays.fill(minUser, Integer.MAX_VALUE);
        java.util.Arrays.fill(maxUser, -1);
        for (int u = 0; u < t.size; u++) {
            Primitive p = Primitives.byCode(t.op[u]);
            if (t.arity(u) > 0 && !RuleEmitter.handles(p)) {
                return false;
            }
            for (int k = t.argStart[u]; k < t.argStart[u + 1]; k++) {
                int a = t.args[k];
                minUser[a] = Math.min(minUser[a], u);
                maxUser[a] = Math.max(maxUser[a], u);
            }
        }
        return true;
    }

    /**
     * The first node of the moved tail: of the cuts at or after {@code low} where no node that
     * depends on an input has users on both sides, the one whose first node can go earliest (the
     * tail keeps its order, so a tail that starts with the end of the loop would stay behind it);
     * −1 when there is none.
     */
    private static int cut(NodeTable t, int low, int[] minUser, int[] maxUser) {
        int n = t.size;
        int[] forbidden = new int[n + 2];
        for (int y = 0; y < n; y++) {
            if (t.dependsOnInput[y] && maxUser[y] > minUser[y]) {
                forbidden[minUser[y] + 1]++;
                forbidden[maxUser[y] + 1]--;
            }
        }
        int s = -1;
        int best = Integer.MAX_VALUE;
        int open = 0;
        for (int c = 0; c < n; c++) {
            open += forbidden[c];
            if (c >= low && open == 0) {
                int last = -1;
                for (int k = t.argStart[c]; k < t.argStart[c + 1]; k++) {
                    last = Math.max(last, t.args[k]);
                }
                if (last < best) {
                    best = last;
                    s = c;
                }
            }
        }
        return s;
    }

    /** Where each tail node goes: after its arguments outside the tail and after the tail node before it. */
    private static int[] insertionPoints(NodeTable t, int s) {
        int[] at = new int[t.size - s];
        int point = -1;
        for (int u = s; u < t.size; u++) {
            for (int k = t.argStart[u]; k < t.argStart[u + 1]; k++) {
                int a = t.args[k];
                if (a < s) {
                    point = Math.max(point, a);
                }
            }
            at[u - s] = point;
        }
        return at;
    }

    /** The new order: the nodes before the cut in their order, each tail node right after its insertion point. */
    private static int[] interleave(int n, int s, int[] at) {
        int[] order = new int[n];
        int next = 0;
        int tail = s;
        while (tail < n && at[tail - s] < 0) {
            order[next++] = tail++;
        }
        for (int i = 0; i < s; i++) {
            order[next++] = i;
            while (tail < n && at[tail - s] == i) {
                order[next++] = tail++;
            }
        }
        return order;
    }

    private static boolean hasComputedArg(NodeTable t, int u) {
        for (int k = t.argStart[u]; k < t.argStart[u + 1]; k++) {
            if (t.arity(t.args[k]) > 0) {
                return true;
            }
        }
        return false;
    }
}
