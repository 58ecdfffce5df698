package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Leaves;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds nests (see {@link Nest}): sequences of blocks that repeat, each copy moved by fixed
 * strides — the second level of {@link RepeatFinder}, run over its blocks rather than over nodes.
 * The search is the same greedy one: at each block it tries every body length up to
 * {@value #MAX_BODY} blocks and keeps the nest covering most nodes; a body must contain a repeat
 * (a sequence of single nodes that repeats is already a repeat). Every node of every copy is
 * checked (op code, parameter, each argument), so a nest found is exact.
 */
public final class NestFinder {
    private NestFinder() {
    }

    /**
     * Most blocks in a nest's body (a grid row: a few single nodes at each end, a repeat between;
     * a Brusselator row with its share of the weighted sum, after {@link ReductionSchedule}, is
     * 25 + 1 + 25 = 51 blocks).
     */
    static final int MAX_BODY = 64;
    /** Fewest copies worth a nest. */
    static final int MIN_COUNT = 3;

    private static final int INPUT = Leaves.INPUT.code();

    /** The blocks, with every repeated sequence of blocks grouped into a nest. */
    public static List<Region> regions(NodeTable t, List<Block> blocks) {
        List<Region> out = new ArrayList<>();
        // nextRepeat[i]: the first repeat at or after block i (a body must contain one)
        int[] nextRepeat = new int[blocks.size() + 1];
        nextRepeat[blocks.size()] = Integer.MAX_VALUE;
        for (int i = blocks.size() - 1; i >= 0; i--) {
            nextRepeat[i] = blocks.get(i).isRepeat() ? i : nextRepeat[i + 1];
        }
        int i = 0;
        while (i < blocks.size()) {
            if (nextRepeat[i] - i >= MAX_BODY) {
                out.add(blocks.get(i++)); // no repeat within reach: a straight stretch
                continue;
            }
            Nest best = null;
            boolean hasRepeat = false;
            for (int q = 1; q <= MAX_BODY && i + MIN_COUNT * q <= blocks.size(); q++) {
                hasRepeat |= blocks.get(i + q - 1).isRepeat();
                if (!hasRepeat) {
                    continue; // a repeated sequence of single nodes is already a repeat
                }
                Nest nest = nestWithBody(t, blocks, i, q);
                if (nest != null && (best == null || nest.nodes() > best.nodes())) {
                    best = nest;
                }
            }
            if (best == null) {
                out.add(blocks.get(i));
                i++;
            } else {
                out.add(new Nest(straight(t, best.body()), best.count(), best.nodeStride()));
                i += best.count() * best.body().size();
            }
        }
        return out;
    }

    /** The nest whose body is {@code blocks[i, i + q)}, or null if it has too few copies. */
    private static Nest nestWithBody(NodeTable t, List<Block> blocks, int i, int q) {
        int nodeStride = 0;
        for (int b = 0; b < q; b++) {
            nodeStride += blocks.get(i + b).nodes();
        }
        // the outer strides are those between copy 0 and copy 1 ...
        Block[] body = new Block[q];
        for (int b = 0; b < q; b++) {
            Block u = blocks.get(i + b);
            Block w = blocks.get(i + q + b);
            if (!sameShape(u, w)) {
                return null;
            }
            int argBase = t.argStart[u.start()];
            int[] outerArg = new int[t.argStart[u.start() + u.period()] - argBase];
            int[] outerParam = new int[u.period()];
            for (int j = 0; j < u.period(); j++) {
                int x = u.start() + j;
                int y = w.start() + j;
                if (!sameNode(t, x, y)) {
                    return null;
                }
                for (int a = 0, n = t.arity(x); a < n; a++) {
                    outerArg[t.argStart[x] - argBase + a] = t.arg(y, a) - t.arg(x, a);
                }
                if (t.op[x] == INPUT) {
                    outerParam[j] = (int) t.param[y] - (int) t.param[x];
                }
            }
            body[b] = u.inNest(outerArg, outerParam);
        }
        // ... and every later copy must follow them exactly
        int count = 2;
        while (i + (count + 1) * q <= blocks.size() && copyMatches(t, blocks, i + count * q, body, count)) {
            count++;
        }
        return count >= MIN_COUNT ? new Nest(List.of(body), count, nodeStride) : null;
    }

    /**
     * The body with every run of consecutive single nodes grouped into straight blocks (one copy
     * of a template of up to {@link GuardedCopy#MAX_PERIOD} nodes, see {@link Block#isRepeat}).
     * Why: a grid row's boundary points (their neighbours wrap around) are single nodes, and a
     * single node keeps its value and adjoint in the arrays and tests its adjoint in the reverse
     * sweep; grouped, a boundary point is swept like a loop copy — its private values and adjoints
     * in registers, one guard — which at N = 32 is 2 points in 32 of the Brusselator's grid.
     */
    static List<Block> straight(NodeTable t, List<Block> body) {
        List<Block> out = new ArrayList<>();
        int b = 0;
        while (b < body.size()) {
            int e = b;
            while (e < body.size() && !body.get(e).isRepeat() && e - b < GuardedCopy.MAX_PERIOD) {
                e++;
            }
            if (e - b < 2) {
                out.add(body.get(b++));
                continue;
            }
            int start = body.get(b).start();
            int period = e - b;
            int args = t.argStart[start + period] - t.argStart[start];
            int[] outerArg = new int[args];
            int[] outerParam = new int[period];
            for (int k = b; k < e; k++) {
                int[] a = body.get(k).outerArgStride();
                System.arraycopy(a, 0, outerArg, t.argStart[body.get(k).start()] - t.argStart[start], a.length);
                outerParam[k - b] = body.get(k).outerParamStride()[0];
            }
            int[] argStride = new int[args];    // k is always 0; a period marks a reference within the copy
            for (int k = 0; k < args; k++) {
                int target = t.args[t.argStart[start] + k];
                argStride[k] = target >= start && target < start + period ? period : 0;
            }
            out.add(new Block(start, period, 1, argStride, new int[period], outerArg, outerParam));
            b = e;
        }
        return out;
    }

    /** Whether {@code blocks[from, from + body.length)} is copy {@code c} of the body. */
    private static boolean copyMatches(NodeTable t, List<Block> blocks, int from, Block[] body, int c) {
        for (int b = 0; b < body.length; b++) {
            Block u = body[b];
            Block w = blocks.get(from + b);
            if (!sameShape(u, w)) {
                return false;
            }
            int argBase = t.argStart[u.start()];
            for (int j = 0; j < u.period(); j++) {
                int x = u.start() + j;
                int y = w.start() + j;
                if (!sameNode(t, x, y)) {
                    return false;
                }
                for (int a = 0, n = t.arity(x); a < n; a++) {
                    if (t.arg(y, a) != t.arg(x, a) + c * u.outerArgStride()[t.argStart[x] - argBase + a]) {
                        return false;
                    }
                }
                if (t.op[x] == INPUT && (int) t.param[y] != (int) t.param[x] + c * u.outerParamStride()[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Same period, trip count and inner strides. */
    private static boolean sameShape(Block u, Block w) {
        return u.period() == w.period() && u.count() == w.count()
                && Arrays.equals(u.argStride(), w.argStride()) && Arrays.equals(u.paramStride(), w.paramStride());
    }

    /** Same op code, arity and (except for inputs, whose position moves) parameter. */
    private static boolean sameNode(NodeTable t, int x, int y) {
        return t.op[x] == t.op[y] && t.arity(x) == t.arity(y)
                && (t.op[x] == INPUT || Double.doubleToRawLongBits(t.param[x]) == Double.doubleToRawLongBits(t.param[y]));
    }
}
