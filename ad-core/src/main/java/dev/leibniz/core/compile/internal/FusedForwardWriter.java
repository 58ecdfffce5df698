package dev.leibniz.core.compile.internal;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the {@code forward(v, vo, vs, policy, lo, hi, stores)} method of a {@link FusedRun}: per
 * slot its value array, offset and stride (or broadcast value) into locals, then for each element
 * every entry's value in tape order ({@code P.apply} of the declaration) into a local, stored to
 * its array when {@code stores}, and a final sum of the last entry added in element order from +0
 * and stored to {@code v[sum][vo[sum]]}.
 */
final class FusedForwardWriter extends FusedRunSlots {
    // locals of forward(v, vo, vs, policy, lo, hi, stores); v, vo, vs and e as in backward
    private static final int F_POL = 4;
    private static final int F_LO = 5;
    private static final int F_HI = 6;
    private static final int F_STORES = 7;

    FusedForwardWriter(MethodVisitor mv, FusedRun.Spec spec) {
        super(mv, spec);
    }

    /** Writes the method. */
    void write() {
        mv.visitCode();
        loadValues();
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, SEED);
        Label test = new Label();
        Label body = new Label();
        mv.visitVarInsn(ILOAD, F_LO);
        mv.visitVarInsn(ISTORE, E);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        element();
        mv.visitIincInsn(E, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, E);
        mv.visitVarInsn(ILOAD, F_HI);
        mv.visitJumpInsn(IF_ICMPLT, body);
        if (s.sumSlot() >= 0) {
            pushAt(V, VO, s.sumSlot());
            mv.visitVarInsn(DLOAD, SEED);
            mv.visitInsn(DASTORE);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Each slot's value array, offset and stride (or its broadcast value) into its locals. */
    private void loadValues() {
        for (int k = 0; k < slots(); k++) {
            if (k == s.sumSlot()) {
                continue;
            }
            loadValue(k);
        }
    }

    /** Element e: every entry's value, stored when {@code stores}, the sum's argument added to the sum. */
    private void element() {
        java.util.Arrays.fill(computed, false);
        for (int j = 0; j < s.op().length; j++) {
            int o = s.out()[j];
            computeValue(j, F_POL);
            Label skip = new Label();
            mv.visitVarInsn(ILOAD, F_STORES);
            mv.visitJumpInsn(IFEQ, skip);
            pushElement(o);
            mv.visitVarInsn(DLOAD, mval[o]);
            mv.visitInsn(DASTORE);
            mv.visitLabel(skip);
            if (o == s.sumArg() && s.sumSlot() >= 0) {
                mv.visitVarInsn(DLOAD, SEED);
                mv.visitVarInsn(DLOAD, mval[o]);
                mv.visitInsn(DADD);
                mv.visitVarInsn(DSTORE, SEED);
            }
        }
    }
}
