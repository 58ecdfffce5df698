package dev.leibniz.core.compile;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates the {@link Interpreter} from the registry of primitives: the forward and reverse
 * loops over node arrays with one {@code tableswitch} on the op code. Leaves read the inputs and
 * the constant pool; every primitive of one or two arguments is a case written by
 * {@link RuleEmitter} (calls to its declaration, inlined by the JIT); everything else, and any
 * primitive past the byte budget, goes to {@link Interpreter#forwardGeneral}/{@link
 * Interpreter#backwardGeneral}.
 *
 * <p>The byte budget: HotSpot does not JIT-compile a method of more than 8000 bytes of bytecode,
 * so cases are written inline only while the method is below {@value #CASE_BUDGET} bytes; with
 * the registry of today both loops stay well under it (checked by a test).
 */
final class InterpreterWriter implements Opcodes {
    private InterpreterWriter() {
    }

    static final int CASE_BUDGET = 7000;

    private static final String NAME = Type.getInternalName(Interpreter.class) + "Generated";
    private static final String SUPER = Type.getInternalName(Interpreter.class);
    private static final String POLICY = Type.getDescriptor(Subgradients.class);
    static final String FORWARD_DESC = "(I[I[I[I[D[D[D" + POLICY + "[D)V";
    static final String BACKWARD_DESC = "(I[I[I[I[D[D[D[Z" + POLICY + "[D)V";

    // locals of forward
    private static final int N = 1;
    private static final int OP = 2;
    private static final int AS = 3;
    private static final int AP = 4;
    private static final int CP = 5;
    private static final int F_INPUTS = 6;
    private static final int F_V = 7;
    private static final int F_POL = 8;
    private static final int F_SCRATCH = 9;
    private static final int F_I = 10;
    private static final int F_S = 11;
    // locals of backward
    private static final int B_V = 6;
    private static final int B_G = 7;
    private static final int B_REACH = 8;
    private static final int B_POL = 9;
    private static final int B_SCRATCH = 10;
    private static final int B_I = 11;
    private static final int B_S = 12;
    private static final int B_GI = 13;

    /** Bytes of the last generated forward and backward loops (for the test of the budget). */
    static int forwardBytes;
    static int backwardBytes;
    /** Cases written inline (the rest go to the general path). */
    static int inlineForward;
    static int inlineBackward;

    static Interpreter generate() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, SUPER, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        List<Primitive> all = Primitives.all();
        forwardBytes = forward(cw, all);
        backwardBytes = backward(cw, all);
        cw.visitEnd();
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true);
            return (Interpreter) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot generate the interpreter of the primitives", e);
        }
    }

    private static int forward(ClassWriter cw, List<Primitive> all) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "forward", FORWARD_DESC, null, null);
        mv.visitCode();
        Label body = new Label();
        Label next = new Label();
        Label test = new Label();
        Label general = new Label();
        Label[] cases = labels(all.size());
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, F_I);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        loadElement(mv, AS, F_I, IALOAD);
        mv.visitVarInsn(ISTORE, F_S);
        loadElement(mv, OP, F_I, IALOAD);
        mv.visitTableSwitchInsn(0, all.size() - 1, general, cases);
        RuleEmitter.NodeAccess access = access(mv, F_V, F_I, F_S, F_POL, -1, -1);
        for (int c = 0; c < all.size(); c++) {
            Primitive p = all.get(c);
            mv.visitLabel(cases[c]);
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                mv.visitVarInsn(ALOAD, F_V);
                mv.visitVarInsn(ILOAD, F_I);
                if (p.kind() == Primitive.Kind.INPUT) {
                    mv.visitVarInsn(ALOAD, F_INPUTS);
                    constantAt(mv, F_S);
                    mv.visitInsn(D2I);
                    mv.visitInsn(DALOAD);
                } else {
                    constantAt(mv, F_S);
                }
                mv.visitInsn(DASTORE);
            } else if (RuleEmitter.handles(p) && offset(mv) < CASE_BUDGET) {
                inlineForward++;
                mv.visitVarInsn(ALOAD, F_V);
                mv.visitVarInsn(ILOAD, F_I);
                RuleEmitter.value(mv, p, access);
                mv.visitInsn(DASTORE);
            } else {
                mv.visitJumpInsn(GOTO, general);
                continue;
            }
            mv.visitJumpInsn(GOTO, next);
        }
        mv.visitLabel(general);
        mv.visitVarInsn(ILOAD, F_I);
        for (int local : new int[] {OP, AS, AP, CP, F_V, F_POL, F_SCRATCH}) {
            mv.visitVarInsn(ALOAD, local);
        }
        mv.visitMethodInsn(INVOKESTATIC, SUPER, "forwardGeneral",
                "(I[I[I[I[D[D" + POLICY + "[D)V", false);
        mv.visitLabel(next);
        mv.visitIincInsn(F_I, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, F_I);
        mv.visitVarInsn(ILOAD, N);
        mv.visitJumpInsn(IF_ICMPLT, body);
        mv.visitInsn(RETURN);
        int bytes = offset(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return bytes;
    }

    private static int backward(ClassWriter cw, List<Primitive> all) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "backward", BACKWARD_DESC, null, null);
        mv.visitCode();
        Label body = new Label();
        Label next = new Label();
        Label test = new Label();
        Label general = new Label();
        Label[] cases = labels(all.size());
        mv.visitVarInsn(ILOAD, N);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, B_I);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        loadElement(mv, B_REACH, B_I, BALOAD);
        mv.visitJumpInsn(IFEQ, next);                     // not reached: nothing flows through it
        loadElement(mv, AS, B_I, IALOAD);
        mv.visitVarInsn(ISTORE, B_S);
        loadElement(mv, B_G, B_I, DALOAD);
        mv.visitVarInsn(DSTORE, B_GI);
        loadElement(mv, OP, B_I, IALOAD);
        mv.visitTableSwitchInsn(0, all.size() - 1, general, cases);
        RuleEmitter.NodeAccess access = access(mv, B_V, B_I, B_S, B_POL, B_GI, B_G);
        for (int c = 0; c < all.size(); c++) {
            Primitive p = all.get(c);
            mv.visitLabel(cases[c]);
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                mv.visitJumpInsn(GOTO, next);
            } else if (RuleEmitter.handles(p) && offset(mv) < CASE_BUDGET) {
                inlineBackward++;
                for (int k = 0; k < p.arity(); k++) {           // reach[ap[s + k]] = true
                    mv.visitVarInsn(ALOAD, B_REACH);
                    argIndex(mv, B_S, k);
                    mv.visitInsn(ICONST_1);
                    mv.visitInsn(BASTORE);
                }
                mv.visitVarInsn(DLOAD, B_GI);                   // if (gi == 0) next
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(IFEQ, next);
                for (int k = 0; k < p.arity(); k++) {
                    RuleEmitter.accumulate(mv, p, k, access);
                }
                mv.visitJumpInsn(GOTO, next);
            } else {
                mv.visitJumpInsn(GOTO, general);
            }
        }
        mv.visitLabel(general);
        mv.visitVarInsn(ILOAD, B_I);
        for (int local : new int[] {OP, AS, AP, CP, B_V, B_G, B_REACH, B_POL, B_SCRATCH}) {
            mv.visitVarInsn(ALOAD, local);
        }
        mv.visitMethodInsn(INVOKESTATIC, SUPER, "backwardGeneral",
                "(I[I[I[I[D[D[D[Z" + POLICY + "[D)V", false);
        mv.visitLabel(next);
        mv.visitIincInsn(B_I, -1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, B_I);
        mv.visitJumpInsn(IFGE, body);
        mv.visitInsn(RETURN);
        int bytes = offset(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return bytes;
    }

    /** Operands of node i: values {@code v[ap[s + k]]}, own value {@code v[i]}, parameter, adjoints. */
    private static RuleEmitter.NodeAccess access(MethodVisitor mv, int values, int i, int s, int policy,
                                                 int adjoint, int adjoints) {
        return new RuleEmitter.NodeAccess() {
            @Override
            public void loadArg(int k) {
                mv.visitVarInsn(ALOAD, values);
                argIndex(mv, s, k);
                mv.visitInsn(DALOAD);
            }

            @Override
            public void loadOwn() {
                loadElement(mv, values, i, DALOAD);
            }

            @Override
            public void loadParam() {                      // cp[ap[as[i + 1] − 1]]
                mv.visitVarInsn(ALOAD, CP);
                mv.visitVarInsn(ALOAD, AP);
                mv.visitVarInsn(ALOAD, AS);
                mv.visitVarInsn(ILOAD, i);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IADD);
                mv.visitInsn(IALOAD);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(ISUB);
                mv.visitInsn(IALOAD);
                mv.visitInsn(DALOAD);
            }

            @Override
            public void loadPolicy() {
                mv.visitVarInsn(ALOAD, policy);
            }

            @Override
            public void loadAdjoint() {
                mv.visitVarInsn(DLOAD, adjoint);
            }

            @Override
            public void pushAdjointSlot(int k) {
                mv.visitVarInsn(ALOAD, adjoints);
                argIndex(mv, s, k);
            }
        };
    }

    /** Pushes {@code ap[s + k]}. */
    private static void argIndex(MethodVisitor mv, int s, int k) {
        mv.visitVarInsn(ALOAD, AP);
        mv.visitVarInsn(ILOAD, s);
        if (k > 0) {
            RuleEmitter.pushInt(mv, k);
            mv.visitInsn(IADD);
        }
        mv.visitInsn(IALOAD);
    }

    /** Pushes {@code cp[ap[s]]}. */
    private static void constantAt(MethodVisitor mv, int s) {
        mv.visitVarInsn(ALOAD, CP);
        argIndex(mv, s, 0);
        mv.visitInsn(DALOAD);
    }

    private static void loadElement(MethodVisitor mv, int array, int index, int load) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, index);
        mv.visitInsn(load);
    }

    private static Label[] labels(int n) {
        Label[] l = new Label[n];
        for (int i = 0; i < n; i++) {
            l[i] = new Label();
        }
        return l;
    }

    private static int offset(MethodVisitor mv) {
        Label here = new Label();
        mv.visitLabel(here);
        return here.getOffset();
    }
}
