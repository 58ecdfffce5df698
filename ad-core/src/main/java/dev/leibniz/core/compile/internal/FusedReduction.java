package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A traced reduction whose forward and reverse loops can be fused into one: the gradient's
 * forward sweep skips the loop, and the reverse sweep runs it once, in ascending order, each copy
 * computing its values in locals and at once adding its adjoints — Tapenade's fused adjoint of a
 * loop without loop-carried dependence, the hand-written adjoint's shape.
 *
 * <p>When: the graph's last region is a repeat (outside nests) whose only loop-carried value is a
 * running sum {@code s_k = s_{k−1} + term_k} — one template node reads its own previous copy,
 * with the declared partial 1 on that argument ({@link Primitive#constantPartial}), and nothing
 * else reads it — and whose final sum is the graph's only output. Then the adjoint of every
 * {@code s_k} is the output's seed, known before the loop runs, and nothing after the loop needs
 * its values. Every other computed node of the template must be private to its copy
 * ({@link CopyLocals}); the copies must be {@link GuardedCopy guarded}; and no adjoint outside the
 * loop may receive terms from two copies, so that sweeping the copies in ascending instead of
 * descending order adds every adjoint's terms in the same order (the interpreter's bits).
 *
 * <p>Why it is exact: the values are the forward loop's, computed in the same order; the adjoint
 * of {@code s_{k−1}} is {@code 0 + 1·ḡ} in the exact sweep, which is {@code ḡ} but for the sign
 * of a zero, and a zero adjoint sends nothing (see {@link GuardedCopy} for why the sign of a zero
 * adjoint reaches no result). Extended Rosenbrock is such a loop.
 */
public final class FusedReduction {
    private FusedReduction() {
    }

    /**
     * Longest template fused. The fused loop holds the template's code four times (values, guarded
     * body, exact fallback, the exact copy 0), about 375 bytes per node, and a method must stay
     * under HotSpot's 8000 bytes.
     */
    static final int MAX_PERIOD = 16;

    /** The carried template node (the running sum) of the fusable last region, or −1 when it is not fusable. */
    public static int sumNode(NodeTable t, List<Region> regions, int[] outputs, CopyLocals locals) {
        if (regions.isEmpty() || outputs.length != 1 || !(regions.get(regions.size() - 1) instanceof Block b)
                || !b.isRepeat() || b.period() > MAX_PERIOD) {
            return -1;
        }
        boolean[] values = locals.valueCarries(null, b);
        boolean[] adjoints = locals.adjointCarries(null, b);
        if (values == null || adjoints == null) {
            return -1;
        }
        int sum = -1;
        for (int j = 0; j < b.period(); j++) {
            if (values[j] != adjoints[j] || values[j] && sum >= 0) {
                return -1;                      // one carried node, carried both ways
            }
            sum = values[j] ? j : sum;
        }
        if (sum < 0 || outputs[0] != b.start() + sum + (b.count() - 1) * b.period()) {
            return -1;
        }
        Operands o = new Operands(t);
        boolean[] local = locals.of(null, b);
        o.enter(null, b, local);
        // the previous sum is read once, with partial 1, by a chain of nodes with partial 1 to the sum
        int u = b.start() + sum;
        Primitive p = Primitives.byCode(t.op[u]);
        for (int j = 0; j < b.period(); j++) {
            for (int a = 0; a < t.arity(b.start() + j); a++) {
                if (CopyLocals.previousCopyArg(b, j, a, o, 0) >= 0 && !unitChain(t, o, b, local, j, a, sum)) {
                    return -1;
                }
            }
        }
        for (int a = 0; a < t.arity(u); a++) {   // no partial of the sum reads a value (it is not stored)
            double c = p.constantPartial(a);
            if (Flow.flows(p.code(), a) && c != 1.0 && c != -1.0) {
                return -1;
            }
        }
        for (int j = 0; j < b.period(); j++) {
            Primitive q = Primitives.byCode(t.op[b.start() + j]);
            boolean computed = q.kind() != Primitive.Kind.INPUT && q.kind() != Primitive.Kind.CONSTANT;
            if (computed && j != sum && (local == null || !local[j])) {
                return -1;
            }
        }
        if (GuardedCopy.of(t, o, null, b) == null || !oneCopyPerTarget(t, o, b, sum)) {
            return -1;
        }
        return sum;
    }

    /**
     * Whether argument a of template node j passes the sum's adjoint unchanged: partial 1 on that
     * argument, and j is the sum, or a local node read once in its copy, by a node that passes it
     * on in the same way ({@code s + m₁ + m₂}: the first addition reads the previous sum, the second
     * is the sum). The previous sum's adjoint is then {@code 0 + 1·(0 + 1·ḡ)} = ḡ.
     */
    private static boolean unitChain(NodeTable t, Operands o, Block b, boolean[] local, int j, int a, int sum) {
        for (int steps = 0; steps <= b.period(); steps++) {
            Primitive p = Primitives.byCode(t.op[b.start() + j]);
            if (p.constantPartial(a) != 1.0 || !Flow.flows(p.code(), a) || !RuleEmitter.handles(p)) {
                return false;
            }
            if (j == sum) {
                return true;
            }
            if (local == null || !local[j]) {
                return false;
            }
            int reader = -1;
            int readerArg = -1;
            for (int r = 0; r < b.period(); r++) {
                for (int c = 0; c < t.arity(b.start() + r); c++) {
                    if (o.localArg(r, c) == j) {
                        if (reader >= 0) {
                            return false;       // read twice: its adjoint is a sum of terms
                        }
                        reader = r;
                        readerArg = c;
                    }
                }
            }
            if (reader < 0) {
                return false;
            }
            j = reader;
            a = readerArg;
        }
        return false;
    }

    /** Whether every array adjoint the block adds to receives terms from one copy only. */
    private static boolean oneCopyPerTarget(NodeTable t, Operands o, Block b, int sum) {
        Map<Long, Integer> owner = new HashMap<>();
        for (int j = 0; j < b.period(); j++) {
            int u = b.start() + j;
            Primitive p = Primitives.byCode(t.op[u]);
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                continue;
            }
            for (int a = 0; a < t.arity(u); a++) {
                if (!Flow.flows(p.code(), a) || !o.argDependsOnInput(j, a) || o.localArg(j, a) >= 0) {
                    continue;
                }
                // the sum's previous copy is a local but in copy 0 (the node before the loop)
                int copies = j == sum && CopyLocals.previousCopyArg(b, j, a, o, 0) >= 0 ? 1 : b.count();
                for (int k = 0; k < copies; k++) {
                    // a node index names the slot whichever array (adjoints, gradient) holds it
                    long slot = t.arg(u, a) + (long) k * o.argStride(j, a);
                    Integer before = owner.putIfAbsent(slot, k);
                    if (before != null && before != k) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
