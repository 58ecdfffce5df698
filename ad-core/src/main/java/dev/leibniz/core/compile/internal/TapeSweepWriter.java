package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.InterpreterWriter.CASE_BUDGET;
import static dev.leibniz.core.compile.internal.InterpreterWriter.offset;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates {@link TapeSweep}: the interpreter's reverse loop ({@link InterpreterLoops.Backward})
 * over the compact tape layout. Per node: {@code switch (op[i] & 0xff)}; a leaf takes no slot; a
 * primitive of one or two arguments steps {@code p} back over its slots, then (when reached)
 * marks its arguments and, when its adjoint is not zero, accumulates its partials as written by
 * {@link RuleEmitter} from the declaration, reading the saved values into locals first exactly as
 * the interpreter does; everything else calls {@link TapeSweep#backwardGeneral}, which returns the
 * new {@code p}.
 *
 * <p>Locals: 0 this, 1 to, 2 end, 3 op, 4 ap, 5 cp, 6 v, 7 g, 8 reach, 9 policy, 10 scratch,
 * 11 i, 12 p, 13–14 g[i], 15–16 argument indices, 17–20 saved argument values, 21–22 the saved output.
 */
final class TapeSweepWriter implements Opcodes {
    private TapeSweepWriter() {
    }

    private static final String NAME = Type.getInternalName(TapeSweep.class) + "Generated";
    private static final String SUPER = Type.getInternalName(TapeSweep.class);
    private static final String POLICY = Type.getDescriptor(Subgradients.class);
    static final String DESC = "(II[B[I[D[D[D[Z" + POLICY + "[D)V";

    private static final int END = 2;
    private static final int OP = 3;
    private static final int AP = 4;
    private static final int CP = 5;
    private static final int V = 6;
    private static final int G = 7;
    private static final int REACH = 8;
    private static final int POL = 9;
    private static final int SCRATCH = 10;
    private static final int I = 11;
    private static final int P = 12;
    private static final int GI = 13;
    private static final int ARG = 15;
    private static final int X = 17;
    private static final int Y = 21;

    /** Bytes of the generated method and cases written inline (for the test of the budget). */
    static int bytes;
    static int inline;

    static TapeSweep generate() {
        ClassWriter cw = GeneratedClasses.subclass(NAME, SUPER);
        writeBackward(cw.visitMethod(ACC_PUBLIC, "backward", DESC, null, null), Primitives.all());
        cw.visitEnd();
        return GeneratedClasses.instantiate(cw.toByteArray(), TapeSweep.class,
                "cannot generate the compact tape's reverse sweep");
    }

    private static void writeBackward(MethodVisitor mv, List<Primitive> all) {
        mv.visitCode();
        Label body = new Label();
        Label test = new Label();
        Label next = new Label();
        Label general = new Label();
        Label[] cases = new Label[all.size()];
        for (int c = 0; c < cases.length; c++) {
            cases[c] = new Label();
        }
        mv.visitVarInsn(ILOAD, END);                    // p = end; i = to − 1
        mv.visitVarInsn(ISTORE, P);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, I);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        mv.visitVarInsn(ALOAD, OP);                     // switch (op[i] & 0xff)
        mv.visitVarInsn(ILOAD, I);
        mv.visitInsn(BALOAD);
        mv.visitIntInsn(SIPUSH, 0xff);
        mv.visitInsn(IAND);
        mv.visitTableSwitchInsn(0, all.size() - 1, general, cases);
        int count = 0;
        for (int c = 0; c < all.size(); c++) {
            Primitive p = all.get(c);
            mv.visitLabel(cases[c]);
            if (TapeSweep.slotless(c)) {
                mv.visitJumpInsn(GOTO, next);
            } else if (TapeSweep.fixedSlots(p) && offset(mv) < CASE_BUDGET) {
                count++;
                rule(mv, p, next);
                mv.visitJumpInsn(GOTO, next);
            } else {
                mv.visitJumpInsn(GOTO, general);
            }
        }
        mv.visitLabel(general);                         // p = backwardGeneral(i, p, …)
        mv.visitVarInsn(ILOAD, I);
        for (int local : new int[] {P}) {
            mv.visitVarInsn(ILOAD, local);
        }
        for (int local : new int[] {OP, AP, CP, V, G, REACH, POL, SCRATCH}) {
            mv.visitVarInsn(ALOAD, local);
        }
        mv.visitMethodInsn(INVOKESTATIC, SUPER, "backwardGeneral", "(II[B[I[D[D[D[Z" + POLICY + "[D)I", false);
        mv.visitVarInsn(ISTORE, P);
        mv.visitLabel(next);
        mv.visitIincInsn(I, -1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, I);
        mv.visitJumpInsn(IFGE, body);
        mv.visitInsn(RETURN);
        bytes = offset(mv);
        inline = count;
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The case of a primitive of one or two arguments. */
    private static void rule(MethodVisitor mv, Primitive p, Label next) {
        int n = p.arity();
        mv.visitIincInsn(P, -(n + (p.hasParam() ? 1 : 0)));   // its slots: p … p + n (+ parameter)
        mv.visitVarInsn(ALOAD, REACH);                  // if (!reach[i]) next
        mv.visitVarInsn(ILOAD, I);
        mv.visitInsn(BALOAD);
        mv.visitJumpInsn(IFEQ, next);
        mv.visitVarInsn(ALOAD, G);                      // gi = g[i]
        mv.visitVarInsn(ILOAD, I);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DSTORE, GI);
        for (int k = 0; k < n; k++) {                   // a_k = ap[p + k]; reach[a_k] = true
            slot(mv, k);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ISTORE, ARG + k);
            mv.visitVarInsn(ALOAD, REACH);
            mv.visitInsn(SWAP);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(BASTORE);
        }
        mv.visitVarInsn(DLOAD, GI);                     // if (g[i] == 0) next
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, next);
        for (int k = 0; k < n; k++) {                   // the saved values, before any adjoint is written
            if (p.savesInput(k)) {
                mv.visitVarInsn(ALOAD, V);
                mv.visitVarInsn(ILOAD, ARG + k);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DSTORE, X + 2 * k);
            }
        }
        if (p.savesOutput()) {
            mv.visitVarInsn(ALOAD, V);
            mv.visitVarInsn(ILOAD, I);
            mv.visitInsn(DALOAD);
            mv.visitVarInsn(DSTORE, Y);
        }
        RuleEmitter.accumulateAll(mv, p, access(mv, p), k -> true);
    }

    /** Pushes {@code ap[p + k]}. */
    private static void slot(MethodVisitor mv, int k) {
        mv.visitVarInsn(ALOAD, AP);
        mv.visitVarInsn(ILOAD, P);
        if (k > 0) {
            RuleEmitter.pushInt(mv, k);
            mv.visitInsn(IADD);
        }
        mv.visitInsn(IALOAD);
    }

    /** Operands from the locals; a value the declaration does not save reads as 0 (as in the interpreter). */
    private static RuleEmitter.NodeAccess access(MethodVisitor mv, Primitive p) {
        return new RuleEmitter.SavedLocals(mv, p, X, Y, POL, GI, G, ARG) {
            @Override
            public void loadParam() {                  // cp[ap[p + arity]]
                mv.visitVarInsn(ALOAD, CP);
                slot(mv, p.arity());
                mv.visitInsn(DALOAD);
            }
        };
    }
}
