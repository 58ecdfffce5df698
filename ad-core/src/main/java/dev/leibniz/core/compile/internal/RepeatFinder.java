package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Leaves;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the repeats of a graph: runs of nodes that apply the same template again and again, with
 * arguments that move by a fixed stride from one copy to the next (see {@link Block}). A traced
 * loop ({@code for (i…) f = f.add(term(x[i]))}) produces exactly such runs.
 *
 * <p>Why: straight-line code grows with the graph, one array access per argument, so a graph of
 * millions of nodes would need hundreds of megabytes of bytecode, minutes of JIT compilation and
 * more code cache than the JVM has. A repeat compiles to a loop whose size does not depend on
 * the trip count, so the traced Rosenbrock function of 10⁶ variables becomes a few small methods.
 * The search is greedy, from the first node on: at each node it tries every period up to
 * {@value #MAX_PERIOD} and keeps the one covering most nodes; a node that starts no repeat of at
 * least {@value #MIN_COUNT} copies is emitted on its own; a repeat found is then shifted, by less
 * than a period, to where its copies share the fewest values ({@link #aligned}). Every copy is
 * checked node by node (op code, parameter, each argument), so a repeat found is exact, never a guess.
 */
public final class RepeatFinder {
    private RepeatFinder() {
    }

    /**
     * Longest template tried. Bounds the size of a loop body (and of the search): the reverse
     * body of 36 nodes of transcendental functions is about 7.5 kB, under HotSpot's 8000-byte
     * limit for JIT compilation (40 such nodes: 8.4 kB, never compiled). 36 rather than 32 so that
     * a Hessian–vector product of a traced sum of pairs (Rosenbrock: 35 nodes per pair, forward and
     * reverse together after {@code passes.InputOrderSchedule}) is one loop.
     */
    static final int MAX_PERIOD = 36;
    /** Fewest copies worth a loop. */
    static final int MIN_COUNT = 4;

    private static final int INPUT = Leaves.INPUT.code();

    /** The graph cut into repeats and single nodes, in node order. */
    public static List<Block> blocks(NodeTable t) {
        List<Block> out = new ArrayList<>();
        int i = 0;
        while (i < t.size) {
            Block repeat = longestRepeatAt(t, i);
            if (repeat == null) {
                out.add(Block.single(i));
                i++;
                continue;
            }
            Block aligned = aligned(t, repeat);
            for (; i < aligned.start(); i++) {
                out.add(Block.single(i));       // the head of a copy the aligned loop leaves out
            }
            out.add(aligned);
            i += aligned.nodes();
        }
        return out;
    }

    /**
     * The repeat of {@code r}'s period starting at most a period later that has at least as many
     * copies and the fewest values read by another copy ({@link #crossCopyValues}), {@code r} itself
     * on ties. Why: the greedy search starts a loop at the first node where one fits, and on a grid
     * row whose first point differs (a wrapped-around neighbour) that is in the middle of a point,
     * so each copy held the tail of one point and the head of the next, and the head's values
     * (the Laplacians) crossed into the next copy — stored, reloaded, their adjoints in the array.
     * Aligned at the point, they stay in registers ({@link CopyLocals}). Any cut of the node order
     * into blocks computes the same operations in the same order, so this changes no bit.
     */
    static Block aligned(NodeTable t, Block r) {
        Block best = r;
        int bestCross = crossCopyValues(t, r);
        for (int d = 1; d < r.period() && bestCross > 0; d++) {
            int start = r.start() + d;
            if (start + MIN_COUNT * r.period() > t.size || !firstNodeRepeats(t, start, r.period())) {
                continue;
            }
            Block b = repeatWithPeriod(t, start, r.period());
            if (b != null && b.count() >= r.count()) {
                int cross = crossCopyValues(t, b);
                if (cross < bestCross) {
                    best = b;
                    bestCross = cross;
                }
            }
        }
        return best;
    }

    /**
     * How many template nodes of repeat {@code b} the next copy reads (an argument moving by one
     * period per copy and pointing into the previous copy): a traced sum's running total is one.
     */
    static int crossCopyValues(NodeTable t, Block b) {
        boolean[] read = new boolean[b.period()];
        int argBase = t.argStart[b.start()];
        int n = 0;
        for (int j = 0; j < b.period(); j++) {
            int u = b.start() + j;
            for (int a = 0; a < t.arity(u); a++) {
                int back = t.arg(u, a) - b.start() + b.period();   // template index in the previous copy
                if (b.argStride()[t.argStart[u] - argBase + a] == b.period() && back >= 0 && back < b.period()
                        && !read[back]) {
                    read[back] = true;
                    n++;
                }
            }
        }
        return n;
    }

    private static Block longestRepeatAt(NodeTable t, int start) {
        Block best = null;
        for (int p = 1; p <= MAX_PERIOD && start + MIN_COUNT * p <= t.size; p++) {
            if (!firstNodeRepeats(t, start, p)) {
                continue;
            }
            Block b = repeatWithPeriod(t, start, p);
            if (b != null && (best == null || b.nodes() > best.nodes())) {
                best = b;
            }
        }
        return best;
    }

    /**
     * A quick necessary condition, so that a long run of one operation on unrelated arguments
     * (a sum of random terms) costs O(1) per period tried, not O(period): the first node and its
     * copies 1 and 2 must have the same op code and parameter and arguments moving by a constant
     * stride.
     */
    private static boolean firstNodeRepeats(NodeTable t, int start, int p) {
        int u = start;
        int v = start + p;
        int w = start + 2 * p;
        if (t.op[u] != t.op[v] || t.op[u] != t.op[w] || t.arity(u) != t.arity(v) || t.arity(u) != t.arity(w)) {
            return false;
        }
        for (int a = 0, n = t.arity(u); a < n; a++) {
            if (t.arg(w, a) - t.arg(v, a) != t.arg(v, a) - t.arg(u, a)) {
                return false;
            }
        }
        if (t.op[u] == INPUT) {
            return (int) t.param[w] - (int) t.param[v] == (int) t.param[v] - (int) t.param[u];
        }
        return Double.doubleToRawLongBits(t.param[u]) == Double.doubleToRawLongBits(t.param[v])
                && Double.doubleToRawLongBits(t.param[u]) == Double.doubleToRawLongBits(t.param[w]);
    }

    /** The repeat of period {@code p} starting at {@code start}, or null if it has too few copies. */
    private static Block repeatWithPeriod(NodeTable t, int start, int p) {
        int argBase = t.argStart[start];
        int[] argStride = new int[t.argStart[start + p] - argBase];
        int[] paramStride = new int[p];
        // the strides are those between copy 0 and copy 1 ...
        for (int j = 0; j < p; j++) {
            int u = start + j;
            int w = u + p;
            if (t.op[u] != t.op[w] || t.arity(u) != t.arity(w)) {
                return null;
            }
            for (int a = 0, n = t.arity(u); a < n; a++) {
                argStride[t.argStart[u] - argBase + a] = t.arg(w, a) - t.arg(u, a);
            }
            if (t.op[u] == INPUT) {
                paramStride[j] = (int) t.param[w] - (int) t.param[u];
            } else if (Double.doubleToRawLongBits(t.param[u]) != Double.doubleToRawLongBits(t.param[w])) {
                return null; // a different constant or exponent: not the same template
            }
        }
        // ... and every later copy must follow them exactly
        int count = 2;
        while (start + (count + 1) * p <= t.size && copyMatches(t, start, p, count, argStride, paramStride)) {
            count++;
        }
        return count >= MIN_COUNT ? Block.repeat(start, p, count, argStride, paramStride) : null;
    }

    private static boolean copyMatches(NodeTable t, int start, int p, int c, int[] argStride, int[] paramStride) {
        int argBase = t.argStart[start];
        for (int j = 0; j < p; j++) {
            int u = start + j;
            int w = u + c * p;
            if (t.op[u] != t.op[w] || t.arity(u) != t.arity(w)) {
                return false;
            }
            for (int a = 0, n = t.arity(u); a < n; a++) {
                if (t.arg(w, a) != t.arg(u, a) + c * argStride[t.argStart[u] - argBase + a]) {
                    return false;
                }
            }
            if (t.op[u] == INPUT) {
                if ((int) t.param[w] != (int) t.param[u] + c * paramStride[j]) {
                    return false;
                }
            } else if (Double.doubleToRawLongBits(t.param[u]) != Double.doubleToRawLongBits(t.param[w])) {
                return false;
            }
        }
        return true;
    }
}
