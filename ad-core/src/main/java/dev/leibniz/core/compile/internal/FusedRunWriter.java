package dev.leibniz.core.compile.internal;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class of a {@link FusedRun}: {@code backward(v, vo, vs, g, go, gs, policy, lo, hi)}
 * loads each slot's arrays and offsets (or its broadcast value and adjoint) into locals, then
 * sweeps {@code e = lo … hi − 1} and writes the broadcast adjoints back after the loop. The slot
 * layout is {@link FusedRunSlots}'; one writer per concern writes the bodies:
 * {@link FusedExactElement} (the interpreter's sweep restricted to element e — the private method
 * {@code exact}), {@link FusedGuardedElement} (element e in plain arithmetic under one finiteness
 * guard — {@code backward}), {@link FusedForwardWriter} ({@code forward}).
 *
 * <p>{@code backward} calls {@code exact} on an element whose guard fails, and on the whole range
 * when two array adjoints are one element in an iteration. Measured on the vectorized Brusselator
 * VJP (docs/benchmarks.md, "GuardedCopy's form in the fused loops"): N = 32 from 9.9–10.3 to
 * 9.1–9.6 times the function. A run of more than 64 slots has only the exact loop.
 */
final class FusedRunWriter extends FusedRunSlots {
    /** The exact loop, run for the elements whose guard fails. */
    private static final String EXACT = "exact";

    private FusedRunWriter(MethodVisitor mv, FusedRun.Spec spec) {
        super(mv, spec);
    }

    static FusedRun generate(FusedRun.Spec spec) {
        ClassWriter cw = GeneratedClasses.subclass(NAME, SUPER);
        boolean guarded = spec.broadcast().length <= 64;
        new FusedRunWriter(cw.visitMethod(ACC_PUBLIC, "backward", DESC, null, null), spec).write(guarded);
        if (guarded) {
            new FusedRunWriter(cw.visitMethod(ACC_PRIVATE, EXACT, DESC, null, null), spec).write(false);
        }
        new FusedForwardWriter(cw.visitMethod(ACC_PUBLIC, "forward", FORWARD_DESC, null, null), spec).write();
        cw.visitEnd();
        return GeneratedClasses.instantiate(cw.toByteArray(), FusedRun.class, "cannot generate a fused reverse loop");
    }

    /**
     * The reverse loop: with {@code guarded}, each element by the guarded body, and by the exact
     * method when its guard fails; else (the exact method) each element by the exact body.
     */
    private void write(boolean guarded) {
        mv.visitCode();
        if (guarded) {
            exactWhenShared();
        }
        loadOperands();
        Label test = new Label();
        Label body = new Label();
        mv.visitVarInsn(ILOAD, LO);
        mv.visitVarInsn(ISTORE, E);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        Label fail = new Label();
        Label next = new Label();
        if (guarded) {
            new FusedGuardedElement(this).write(fail);
        } else {
            new FusedExactElement(this).write();
        }
        mv.visitLabel(next);
        mv.visitIincInsn(E, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, E);
        mv.visitVarInsn(ILOAD, HI);
        mv.visitJumpInsn(IF_ICMPLT, body);
        writeBroadcasts();
        mv.visitInsn(RETURN);
        if (guarded) {
            mv.visitLabel(fail);
            redo();
            mv.visitJumpInsn(GOTO, next);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Adjoint arrays sharing an element in one iteration ({@link FusedRun#shareAnElement}): the exact loop over the whole range. */
    private void exactWhenShared() {
        Label apart = new Label();
        mv.visitVarInsn(ALOAD, G);
        mv.visitVarInsn(ALOAD, GO);
        mv.visitVarInsn(ALOAD, GS);
        mv.visitLdcInsn(arrayMask());
        mv.visitVarInsn(ILOAD, LO);
        mv.visitVarInsn(ILOAD, HI);
        mv.visitMethodInsn(INVOKESTATIC, SUPER, "shareAnElement", "([[D[I[IJII)Z", false);
        mv.visitJumpInsn(IFEQ, apart);
        callExact(LO, false);
        mv.visitInsn(RETURN);
        mv.visitLabel(apart);
    }

    /** Each slot's value array, offset and stride (or broadcast value), its adjoint array, offset and stride (or accumulator), and a final sum's seed. */
    private void loadOperands() {
        for (int k = 0; k < slots(); k++) {
            if (k == s.sumSlot()) {
                continue;
            }
            loadValue(k);
            int kind = s.adjoint()[k];
            if (FusedRun.inArray(kind)) {
                load(G, k, AALOAD, ASTORE, adj[k]);
                load(GO, k, IALOAD, ISTORE, adjOffset[k]);
                load(GS, k, IALOAD, ISTORE, adjStride[k]);
            } else if (kind == FusedRun.BROADCAST) {
                element(G, GO, k);
                mv.visitVarInsn(DSTORE, adj[k]);
            }
        }
        if (s.sumSlot() >= 0) {
            element(G, GO, s.sumSlot());
            mv.visitVarInsn(DSTORE, SEED);
        }
    }

    /** Writes each broadcast adjoint's accumulator back to its element. */
    private void writeBroadcasts() {
        for (int k = 0; k < slots(); k++) {
            if (s.adjoint()[k] == FusedRun.BROADCAST) {
                pushAt(G, GO, k);
                mv.visitVarInsn(DLOAD, adj[k]);
                mv.visitInsn(DASTORE);
            }
        }
    }

    /** The array-adjoint slots as a bit mask (the guarded loop is written only for at most 64 slots). */
    private long arrayMask() {
        long m = 0;
        for (int k = 0; k < slots(); k++) {
            if (FusedRun.inArray(s.adjoint()[k])) {
                m |= 1L << k;
            }
        }
        return m;
    }

    /**
     * After a failed guard, nothing of element e written: the broadcast accumulators passed
     * through their arrays, element e swept by the exact method.
     */
    private void redo() {
        writeBroadcasts();
        callExact(E, true);
        for (int k = 0; k < slots(); k++) {
            if (s.adjoint()[k] == FusedRun.BROADCAST) {
                element(G, GO, k);
                mv.visitVarInsn(DSTORE, adj[k]);
            }
        }
    }

    /** Calls the exact method on {@code [e, e + 1)} ({@code one}) or on {@code [lo, hi)}. */
    private void callExact(int from, boolean one) {
        mv.visitVarInsn(ALOAD, 0);
        for (int local = V; local <= POL; local++) {
            mv.visitVarInsn(ALOAD, local);
        }
        mv.visitVarInsn(ILOAD, from);
        if (one) {
            mv.visitVarInsn(ILOAD, E);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IADD);
        } else {
            mv.visitVarInsn(ILOAD, HI);
        }
        mv.visitMethodInsn(INVOKESPECIAL, NAME, EXACT, DESC, false);
    }
}
