package dev.leibniz.core.compile.internal;

import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The reverse body of one loop copy in plain arithmetic, with one test per copy instead of two per
 * node: {@code acc += g·∂y/∂x} for every edge, no test of each adjoint for zero and none for
 * finiteness, the contributions that leave the copy (to the adjoint or gradient arrays, to the
 * carried adjoint of the previous copy) held in locals; then one guard, and only if it passes are
 * they added to the arrays, in the order the exact sweep adds them. If it fails, the copy is swept
 * again by the exact code ({@link ReverseWriter}, with the {@link Flow} rule at every node).
 *
 * <p>Why the result is the exact sweep's, bit for bit, whenever the guard passes. The guard
 * passes when every contribution leaving the copy is finite (their sum, plus the workspace's
 * {@code zeroGuard}, is finite). A non-finite adjoint or partial anywhere in the copy reaches
 * every node downstream along the edges — {@code ∞·p} is ±∞ or NaN, {@code 0·∞} is NaN — so it
 * makes a leaving contribution non-finite, unless it reaches no edge at all, and then the exact
 * sweep does nothing with it either. So when the guard passes, every adjoint and partial used is
 * finite, where {@link Flow#times} is the IEEE product: the two sweeps multiply and add the same
 * numbers in the same order. The one remaining difference is a zero adjoint, which the exact sweep
 * skips and this one multiplies: {@code 0·p} with p finite is ±0, and adding ±0 to a sum changes
 * nothing unless the sum is −0 — which an adjoint can be only when a caller seeded −0 (a sum that
 * starts at +0 never becomes −0 under round-to-nearest). The same argument covers a local
 * adjoint's first term, stored rather than added to +0: it differs from the exact sweep's only in
 * the sign of a zero, which reaches no non-zero number (adjoints are only multiplied and added)
 * and no array. A caller's −0 seed sets {@code zeroGuard} to NaN ({@link CompiledGraph}), which
 * sends every copy to the exact code.
 *
 * <p>When: a repeat whose nodes all have emitted rules (no run-time helper reads the arrays) and
 * whose contributions to the arrays never land on a node of the same copy (which would read its
 * adjoint back before the commit). Measured on extended Rosenbrock n = 10⁴: the reverse loop
 * without the per-node tests took the compiled gradient from 6.8 to 4.0 times the function.
 */
final class GuardedCopy implements Opcodes {
    private final NodeTable t;
    private final Operands o;
    private final Block b;
    private final Nest nest;

    private GuardedCopy(NodeTable t, Operands o, Nest nest, Block b) {
        this.t = t;
        this.o = o;
        this.nest = nest;
        this.b = b;
    }

    /**
     * Longest template written with a guarded body. The loop holds the recomputation, the guarded
     * body and the commit; the exact fallback is a method of its own when at most one adjoint is
     * carried ({@code ReverseWriter.exactMethod}), else it is written inline too (about 340 bytes per
     * template node together). A method must stay under HotSpot's 8000 bytes: a Brusselator grid
     * point with its share of the weighted sum (25 nodes) takes 4.5 kB with the fallback out of
     * line (5.8 kB inline).
     */
    static final int MAX_PERIOD = 25;

    /** Local holding the workspace's guard seed: 0 when the sweep may use guarded copies, NaN when not. */
    static final int GUARD = NodeEmitter.LOCALS + 14 * RepeatFinder.MAX_PERIOD;

    /** The local holding leaving contribution m of a copy (at most two per template node). */
    static int leavingSlot(int m) {
        return NodeEmitter.LOCALS + 10 * RepeatFinder.MAX_PERIOD + 2 * m;
    }

    /**
     * The guarded body for repeat {@code b} (in {@code nest}, or null), with {@code o} entered on
     * it; null when the block does not qualify (see the class comment).
     */
    static GuardedCopy of(NodeTable t, Operands o, Nest nest, Block b) {
        if (!b.isRepeat() || b.period() > MAX_PERIOD) {
            return null;
        }
        GuardedCopy g = new GuardedCopy(t, o, nest, b);
        return g.qualifies() ? g : null;
    }

    private boolean qualifies() {
        int outer = nest == null ? 0 : nest.nodeStride();
        int copies = nest == null ? 1 : nest.count();
        for (int j = 0; j < b.period(); j++) {
            int u = b.start() + j;
            Primitive p = Primitives.byCode(t.op[u]);
            if (!swept(j, p)) {
                continue;
            }
            if (!RuleEmitter.handles(p)) {
                return false;
            }
            for (int a = 0; a < t.arity(u); a++) {
                if (!edge(j, p, a) || o.localArg(j, a) >= 0 || o.directInputArg(j, a)) {
                    continue;
                }
                // an array target: it must not be a node of the copy being swept, in any copy
                int base = t.arg(u, a);
                for (int r = 0; r < copies; r++) {
                    for (int k = 0; k < b.count(); k++) {
                        int target = base + k * o.argStride(j, a) + r * o.outerArgStride(j, a);
                        int first = b.start() + k * b.period() + r * outer;
                        if (target >= first && target < first + b.period()) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** Most terms of a guard summed in a chain; more are summed as a balanced tree. */
    static final int CHAINED_TERMS = 8;

    /** Pushes the sum of the locals {@code slots[from, to)}, added as a balanced tree. */
    private static void pairwiseSum(MethodVisitor mv, List<Integer> slots, int from, int to) {
        if (to - from == 1) {
            mv.visitVarInsn(DLOAD, slots.get(from));
            return;
        }
        int mid = (from + to) >>> 1;
        pairwiseSum(mv, slots, from, mid);
        pairwiseSum(mv, slots, mid, to);
        mv.visitInsn(DADD);
    }

    /**
     * The leaving terms grouped by the array element they add to (same array, base and strides),
     * groups in order of first term, terms in order; one term a group when two different groups
     * reach the same element in some copy (then only the term-by-term order is the exact one).
     */
    private List<List<Integer>> slotGroups(List<int[]> leaving) {
        List<List<Integer>> groups = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        for (int m = 0; m < leaving.size(); m++) {
            int j = leaving.get(m)[0];
            int a = leaving.get(m)[1];
            long[] key = {o.directInputArg(j, a) ? 1 : 0, t.arg(b.start() + j, a), o.argStride(j, a),
                    o.outerArgStride(j, a)};
            int g = 0;
            while (g < keys.size() && !java.util.Arrays.equals(keys.get(g), key)) {
                g++;
            }
            if (g == keys.size()) {
                keys.add(key);
                groups.add(new ArrayList<>());
            }
            groups.get(g).add(m);
        }
        int copies = nest == null ? 1 : nest.count();
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < copies; r++) {
            for (int k = 0; k < b.count(); k++) {
                seen.clear();
                for (long[] key : keys) {
                    long slot = key[1] + k * key[2] + r * key[3];
                    if (!seen.add(slot)) {      // two groups meet (node indices name the slot in either array)
                        List<List<Integer>> single = new ArrayList<>();
                        for (int m = 0; m < leaving.size(); m++) {
                            single.add(List.of(m));
                        }
                        return single;
                    }
                }
            }
        }
        return groups;
    }

    /** Whether template node j has a reverse rule to run (the exact sweep's test, {@code ReverseWriter.backwardNode}). */
    private boolean swept(int j, Primitive p) {
        return p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT
                && o.dependsOnInput(b.start() + j, b.period(), nest == null ? 0 : nest.nodeStride());
    }

    /** Whether something flows along argument a of template node j (the exact sweep's {@code include} and {@link Flow#flows}). */
    private boolean edge(int j, Primitive p, int a) {
        return Flow.flows(p.code(), a) && o.argDependsOnInput(j, a);
    }

    /**
     * Writes the guarded body of one copy (after its local values have been recomputed), jumping
     * to {@code exact} when the guard fails; falls through after the commit. {@code access}
     * gives, per template node, how {@link RuleEmitter} reaches its operands.
     */
    void emit(MethodVisitor mv, IntFunction<RuleEmitter.NodeAccess> access, Label exact) {
        Terms terms = body(mv, access);
        guard(mv, terms, exact);
        commit(mv, terms, access);
    }

    /** What a copy's body leaves in locals for its guard and its commit. */
    private static final class Terms {
        /** Per template node: whether its local adjoint / its carry-out has received a term. */
        final boolean[] localWritten;
        final boolean[] carryWritten;
        /** The contributions that leave the copy for the arrays, as (node, argument), in sweep order. */
        final List<int[]> leaving = new ArrayList<>();
        /** Per leaving term: the key under which the guard sums it (equal keys: ±the same number). */
        final List<Integer> guardKey = new ArrayList<>();
        /** Array adjoints the body read, cleared after the commit (the exact sweep's order). */
        final List<Integer> cleared = new ArrayList<>();
        /**
         * root[j]: the node whose adjoint j's adjoint equals up to sign (a local adjoint whose one
         * term is ±1 times another's); leaving terms ±g of one root are one term for the guard.
         */
        final int[] root;
        /** Terms received so far by each local adjoint. */
        final int[] count;

        Terms(int period) {
            localWritten = new boolean[period];
            carryWritten = new boolean[period];
            root = new int[period];
            count = new int[period];
            for (int j = 0; j < period; j++) {
                root[j] = j;
            }
        }
    }

    /**
     * The reverse body in plain arithmetic: nodes from last to first, each edge's term
     * {@code g·∂y/∂x} added to a local adjoint or carry, or held in a leaving slot.
     */
    private Terms body(MethodVisitor mv, IntFunction<RuleEmitter.NodeAccess> access) {
        Terms s = new Terms(b.period());
        for (int j = b.period() - 1; j >= 0; j--) {
            int u = b.start() + j;
            Primitive prim = Primitives.byCode(t.op[u]);
            if (!swept(j, prim) || !loadAdjoint(mv, s, j)) {
                continue;
            }
            RuleEmitter.NodeAccess acc = access.apply(j);
            for (int a = 0; a < t.arity(u); a++) {
                if (edge(j, prim, a)) {
                    term(mv, s, j, prim, a, acc);
                }
            }
        }
        return s;
    }

    /** Stores template node j's adjoint in {@code ADJOINT}; false when it is a local no term reached (0). */
    private boolean loadAdjoint(MethodVisitor mv, Terms s, int j) {
        if (o.carriesAdjoint(j)) {
            mv.visitVarInsn(DLOAD, Operands.carryInSlot(j));
        } else if (o.isLocal(j)) {
            if (!s.localWritten[j]) {
                return false;
            }
            mv.visitVarInsn(DLOAD, Operands.adjointSlot(j));
        } else {
            mv.visitVarInsn(ALOAD, NodeEmitter.ADJOINTS);
            o.pushNodeIndex(j);
            mv.visitInsn(DALOAD);
            s.cleared.add(j);
        }
        mv.visitVarInsn(DSTORE, NodeEmitter.ADJOINT);
        return true;
    }

    /** The term of edge (j, a): into a leaving slot, or added to (first: stored in) a local adjoint or carry. */
    private void term(MethodVisitor mv, Terms s, int j, Primitive prim, int a, RuleEmitter.NodeAccess acc) {
        int cj = o.carriedAdjointArg(j, a);
        int jj = o.localArg(j, a);
        boolean unit = Math.abs(prim.constantPartial(a)) == 1.0;
        if (cj < 0 && jj < 0) {
            RuleEmitter.plainContribution(mv, prim, a, acc);
            mv.visitVarInsn(DSTORE, leavingSlot(s.leaving.size()));
            s.guardKey.add(unit ? s.root[j] : -1 - s.leaving.size());
            s.leaving.add(new int[] {j, a});
            return;
        }
        if (cj < 0 && ++s.count[jj] == 1 && unit) {
            s.root[jj] = s.root[j];
        } else if (cj < 0) {
            s.root[jj] = jj;
        }
        int slot = cj >= 0 ? Operands.carryOutSlot(cj) : Operands.adjointSlot(jj);
        boolean[] written = cj >= 0 ? s.carryWritten : s.localWritten;
        int w = cj >= 0 ? cj : jj;
        if (written[w]) {
            mv.visitVarInsn(DLOAD, slot);
            RuleEmitter.plainContribution(mv, prim, a, acc);
            mv.visitInsn(DADD);
        } else {
            RuleEmitter.plainContribution(mv, prim, a, acc);
            written[w] = true;
        }
        mv.visitVarInsn(DSTORE, slot);
    }

    /**
     * The guard: the leaving terms and carried adjoints, summed with the workspace's seed, are
     * finite; else a jump to {@code exact}. Many terms are summed as a balanced tree: a sum is
     * non-finite exactly when some term is non-finite or it overflows, in any order, and the
     * Brusselator's chain of 16 dependent additions per copy was latency the next copy waited on
     * (its VJP 18.0 → 14.5 µs at N = 32); a few are summed in a chain, which measured faster on
     * Rosenbrock's fused loop (13.4 µs, against 14.2 as a tree).
     */
    private void guard(MethodVisitor mv, Terms s, Label exact) {
        List<Integer> summed = new ArrayList<>();
        summed.add(GUARD);
        for (int jj = 0; jj < b.period(); jj++) {
            if (o.carriesAdjoint(jj)) {
                if (!s.carryWritten[jj]) {
                    mv.visitInsn(DCONST_0);
                    mv.visitVarInsn(DSTORE, Operands.carryOutSlot(jj));
                }
                summed.add(Operands.carryOutSlot(jj));
            }
        }
        // a term ±g of a root already summed is finite exactly when that one is (the JIT cannot
        // drop the repeated addition: x + x is not x): the four neighbours of a five-point
        // Laplacian take the same adjoint, ±g of the Laplacian
        Set<Integer> keys = new HashSet<>();
        for (int m = 0; m < s.leaving.size(); m++) {
            if (keys.add(s.guardKey.get(m))) {
                summed.add(leavingSlot(m));
            }
        }
        if (summed.size() <= CHAINED_TERMS) {
            mv.visitVarInsn(DLOAD, summed.get(0));
            for (int m = 1; m < summed.size(); m++) {
                mv.visitVarInsn(DLOAD, summed.get(m));
                mv.visitInsn(DADD);
            }
        } else {
            pairwiseSum(mv, summed, 0, summed.size());
        }
        mv.visitInsn(DUP2);
        mv.visitInsn(DSUB);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFNE, exact);
    }

    /**
     * The commit: each slot's terms in the exact sweep's order, one load and one store per slot
     * when no two slots of a copy can be the same element (else term by term, in order); then the
     * array adjoints the body read are cleared.
     */
    private void commit(MethodVisitor mv, Terms s, IntFunction<RuleEmitter.NodeAccess> access) {
        for (List<Integer> group : slotGroups(s.leaving)) {
            int j = s.leaving.get(group.get(0))[0];
            int a = s.leaving.get(group.get(0))[1];
            access.apply(j).pushAdjointSlot(a);
            mv.visitInsn(DUP2);
            mv.visitInsn(DALOAD);
            for (int m : group) {
                mv.visitVarInsn(DLOAD, leavingSlot(m));
                mv.visitInsn(DADD);
            }
            mv.visitInsn(DASTORE);
        }
        for (int j : s.cleared) {
            mv.visitVarInsn(ALOAD, NodeEmitter.ADJOINTS);
            o.pushNodeIndex(j);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DASTORE);
        }
    }
}
