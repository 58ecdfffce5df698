package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One element of the reverse loop of a {@link FusedRun} in plain arithmetic ({@code GuardedCopy}'s
 * full form): the values recomputed, then every entry's rule as {@code x̄ += ḡ·∂y/∂x} with neither
 * a zero test nor a finiteness test. An adjoint outside the element (an array or broadcast
 * adjoint) is held in a local: loaded at its first term (a {@link FusedRun#FRESH} array's as +0,
 * unread), its terms added in the order of {@link FusedExactElement}, read back from the local by
 * an entry whose output it is, and written only after one guard — the sum of the terms leaving the
 * element is finite, each term {@code ±ḡ} of one chain of unit partials counted once (the four
 * rolls of a Laplacian take ±ḡ of one entry) — which jumps to {@code fail}, nothing written, when
 * it is not finite (see {@code GuardedCopy} for why this is bit-exact). Slots whose adjoint arrays
 * share an element in the same iteration are sent to the exact loop before the loop starts
 * ({@link FusedRunWriter}).
 *
 * <p>A new instance per element body: it tracks which held adjoints are loaded, the unit chain
 * each local adjoint is (its root), and the guard's terms.
 */
final class FusedGuardedElement implements Opcodes {
    private final FusedRunSlots f;
    private final MethodVisitor mv;
    private final FusedRun.Spec s;
    /** Slots held until the guard: array and broadcast adjoints the rules add to. */
    private final boolean[] target;
    /** Held slots loaded so far (their first term written). */
    private final boolean[] loaded;
    /** Per slot the slot whose adjoint it equals up to sign through unit partials, or itself. */
    private final int[] root;
    /** Terms added so far to each slot that is not held. */
    private final int[] terms;
    /** Locals holding the guard's terms, and the keys of the terms already in it. */
    private final List<Integer> guard = new ArrayList<>();
    private final Set<Integer> keys = new HashSet<>();
    private int nextTerm;

    FusedGuardedElement(FusedRunSlots slots) {
        this.f = slots;
        this.mv = slots.mv;
        this.s = slots.s;
        int n = slots.slots();
        target = targets();
        loaded = new boolean[n];
        root = new int[n];
        terms = new int[n];
        for (int k = 0; k < n; k++) {
            root[k] = k;
        }
        nextTerm = slots.termBase;
    }

    /** Writes the body for element e; a failed guard jumps to {@code fail} with nothing written. */
    void write(Label fail) {
        f.startElement(false);
        seed();
        for (int j = s.op().length - 1; j >= 0; j--) {
            if (s.adjoint()[s.out()[j]] != FusedRun.NONE) {
                entry(j);
            }
        }
        if (!guard.isEmpty()) {                     // the sum − itself is 0 exactly when it is finite
            pairwise(0, guard.size());
            mv.visitInsn(DUP2);
            mv.visitInsn(DSUB);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFNE, fail);
        }
        commit();
    }

    /** The slots the reverse rules of the run add to that live outside the element: array and broadcast adjoints. */
    private boolean[] targets() {
        boolean[] t = new boolean[f.slots()];
        if (f.seedsSumArgument()) {
            t[s.sumArg()] = true;
        }
        for (int j = 0; j < s.op().length; j++) {
            if (s.adjoint()[s.out()[j]] == FusedRun.NONE) {
                continue;
            }
            Primitive p = Primitives.byCode(s.op()[j]);
            int[] args = f.args(j);
            for (int k = 0; k < args.length; k++) {
                if (FusedRun.receives(s.adjoint()[args[k]]) && Flow.flows(p.code(), k)) {
                    t[args[k]] = true;
                }
            }
        }
        for (int k = 0; k < t.length; k++) {
            t[k] &= FusedRun.inArray(s.adjoint()[k]) || s.adjoint()[k] == FusedRun.BROADCAST;
        }
        return t;
    }

    /** A final sum's seed added to its argument's adjoint (a guard term when that adjoint is held). */
    private void seed() {
        if (s.sumSlot() < 0 || s.adjoint()[s.sumArg()] == FusedRun.NONE) {
            return;
        }
        int a = s.sumArg();
        mv.visitVarInsn(DLOAD, FusedRunSlots.SEED);
        if (target[a]) {
            guard.add(FusedRunSlots.SEED);
            keys.add(-1);
            addHeld(a);
        } else {
            mv.visitVarInsn(DLOAD, f.adj[a]);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, f.adj[a]);
            terms[a]++;
        }
    }

    /** Entry j's adjoint into {@code GI} (from its local, held local, accumulator or array), then each of its terms. */
    private void entry(int j) {
        Primitive p = Primitives.byCode(s.op()[j]);
        int o = s.out()[j];
        int[] args = f.args(j);
        if (s.adjoint()[o] == FusedRun.LOCAL) {
            mv.visitVarInsn(DLOAD, f.adj[o]);
        } else if (loaded[o]) {
            mv.visitVarInsn(DLOAD, f.held[o]);
        } else if (s.adjoint()[o] == FusedRun.BROADCAST) {
            mv.visitVarInsn(DLOAD, f.adj[o]);
        } else if (s.adjoint()[o] == FusedRun.FRESH) {
            mv.visitInsn(DCONST_0);             // no term yet: the +0 the array would hold
        } else {
            f.pushAdjointSlot(o);
            mv.visitInsn(DALOAD);
        }
        mv.visitVarInsn(DSTORE, FusedRunSlots.GI);
        FusedRunSlots.Access acc = f.new Access(p, j, o, args);
        for (int k = 0; k < args.length; k++) {
            if (FusedRun.receives(s.adjoint()[args[k]]) && Flow.flows(p.code(), k)) {
                term(p, k, o, args[k], acc);
            }
        }
    }

    /** The term ḡ·∂y/∂x_k of an entry with output slot o into the adjoint of its argument slot a. */
    private void term(Primitive p, int k, int o, int a, FusedRunSlots.Access acc) {
        boolean unit = Math.abs(p.constantPartial(k)) == 1.0;
        RuleEmitter.plainContribution(mv, p, k, acc);
        if (target[a]) {
            int key = unit ? root[o] : f.slots() + nextTerm;
            if (keys.add(key)) {
                mv.visitInsn(DUP2);
                mv.visitVarInsn(DSTORE, nextTerm);
                guard.add(nextTerm);
                nextTerm += 2;
            }
            addHeld(a);
            return;
        }
        if (++terms[a] == 1 && unit) {
            root[a] = root[o];
        } else {
            root[a] = a;
        }
        mv.visitVarInsn(DLOAD, f.adj[a]);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, f.adj[a]);
    }

    /** With a term on the stack: {@code held[a] = held[a] + term}, loading the adjoint at its first term. */
    private void addHeld(int a) {
        if (loaded[a]) {
            mv.visitVarInsn(DLOAD, f.held[a]);
        } else if (s.adjoint()[a] == FusedRun.FRESH) {
            mv.visitInsn(DCONST_0);                 // the array's element is not read: it starts at +0
        } else if (s.adjoint()[a] == FusedRun.ARRAY) {
            f.pushAdjointSlot(a);
            mv.visitInsn(DALOAD);
        } else {
            mv.visitVarInsn(DLOAD, f.adj[a]);
        }
        mv.visitInsn(DADD);                         // term + adjoint: IEEE addition commutes
        mv.visitVarInsn(DSTORE, f.held[a]);
        loaded[a] = true;
    }

    /** Pushes the sum of the guard's locals {@code [from, to)}, added as a balanced tree. */
    private void pairwise(int from, int to) {
        if (to - from == 1) {
            mv.visitVarInsn(DLOAD, guard.get(from));
            return;
        }
        int mid = (from + to) >>> 1;
        pairwise(from, mid);
        pairwise(mid, to);
        mv.visitInsn(DADD);
    }

    /** After the guard, the held adjoints written (no two held slots share an element); a FRESH one with no term gets its +0. */
    private void commit() {
        for (int k = 0; k < f.slots(); k++) {
            if (!loaded[k]) {
                if (s.adjoint()[k] == FusedRun.FRESH) {
                    f.pushAdjointSlot(k);
                    mv.visitInsn(DCONST_0);
                    mv.visitInsn(DASTORE);
                }
                continue;
            }
            if (FusedRun.inArray(s.adjoint()[k])) {
                f.pushAdjointSlot(k);
                mv.visitVarInsn(DLOAD, f.held[k]);
                mv.visitInsn(DASTORE);
            } else {
                mv.visitVarInsn(DLOAD, f.held[k]);
                mv.visitVarInsn(DSTORE, f.adj[k]);
            }
        }
    }
}
