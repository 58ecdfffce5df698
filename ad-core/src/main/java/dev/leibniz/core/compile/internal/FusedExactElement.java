package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One element of the exact reverse loop of a {@link FusedRun}, the interpreter's sweep restricted
 * to element e: the values not stored recomputed, the local adjoints (and element e of each
 * {@link FusedRun#FRESH} array) set to +0, a final sum's seed added to its argument's adjoint,
 * then each entry from the last to the first by its declared rule ({@link RuleEmitter}) —
 * {@code if (ḡ ≠ 0) x̄_k += ḡ·∂y/∂x_k} — reading element e of the saved values. The body of the
 * generated {@code exact} method, which {@link FusedGuardedElement} falls back to.
 */
final class FusedExactElement implements Opcodes {
    private final FusedRunSlots f;
    private final MethodVisitor mv;
    private final FusedRun.Spec s;

    FusedExactElement(FusedRunSlots slots) {
        this.f = slots;
        this.mv = slots.mv;
        this.s = slots.s;
    }

    /** Writes the body for element e. */
    void write() {
        f.startElement(true);
        if (f.seedsSumArgument()) {   // sum_to 1×1: x̄_e += ȳ
            int a = s.sumArg();
            f.loadAdjointOf(a);
            mv.visitVarInsn(DLOAD, FusedRunSlots.SEED);
            mv.visitInsn(DADD);
            f.storeAdjointOf(a);
        }
        for (int j = s.op().length - 1; j >= 0; j--) {
            if (s.adjoint()[s.out()[j]] != FusedRun.NONE) {     // else no adjoint (a forward-only description)
                entry(j);
            }
        }
    }

    /** Entry j's rule at element e: its adjoint into {@code GI}, then, when not zero, its terms. */
    private void entry(int j) {
        Primitive p = Primitives.byCode(s.op()[j]);
        int o = s.out()[j];
        int[] args = f.args(j);
        if (s.adjoint()[o] == FusedRun.LOCAL) {
            mv.visitVarInsn(DLOAD, f.adj[o]);
        } else {
            f.pushAdjointSlot(o);
            mv.visitInsn(DALOAD);
        }
        mv.visitVarInsn(DSTORE, FusedRunSlots.GI);
        Label skip = new Label();
        mv.visitVarInsn(DLOAD, FusedRunSlots.GI);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, skip);
        RuleEmitter.accumulateAll(mv, p, f.new Access(p, j, o, args), k -> FusedRun.receives(s.adjoint()[args[k]]));
        mv.visitLabel(skip);
    }
}
