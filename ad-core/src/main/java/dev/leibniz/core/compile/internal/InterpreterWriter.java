package dev.leibniz.core.compile.internal;

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
 * Generates the {@link Interpreter} from the registry of primitives: three loops over node
 * arrays (values, adjoints, edge partials), each one {@code tableswitch} on the op code. Leaves
 * read the inputs and the constant pool; every primitive of one or two arguments is a case
 * written by {@link RuleEmitter} (calls to its declaration, inlined by the JIT); everything else,
 * and any primitive past the byte budget, goes to the general helpers of {@link Interpreter}.
 *
 * <p>The byte budget: HotSpot does not JIT-compile a method of more than 8000 bytes of bytecode,
 * so cases are written inline only while the method is below {@value #CASE_BUDGET} bytes; with
 * the registry of today every loop stays well under it ({@code InterpreterGenerationTest}).
 */
final class InterpreterWriter implements Opcodes {
    private InterpreterWriter() {
    }

    static final int CASE_BUDGET = 7000;

    static final String NAME = Type.getInternalName(Interpreter.class) + "Generated";
    static final String SUPER = Type.getInternalName(Interpreter.class);
    static final String POLICY = Type.getDescriptor(Subgradients.class);
    private static final String NODES = "II[I[I[I[D";
    static final String FORWARD_DESC = "(" + NODES + "[D[D" + POLICY + "[D)V";
    static final String BACKWARD_DESC = "(" + NODES + "[D[D[Z" + POLICY + "[D)V";
    static final String PARTIALS_DESC = "(" + NODES + "[D[D" + POLICY + "[D)V";

    // locals shared by the three loops: (this, from, to, op, as, ap, cp, …)
    static final int FROM = 1;
    static final int TO = 2;
    static final int OP = 3;
    static final int AS = 4;
    static final int AP = 5;
    static final int CP = 6;

    /** Bytes of the generated loops and cases written inline (for the test of the budget). */
    static int forwardBytes;
    static int backwardBytes;
    static int partialsBytes;
    static int inlineForward;
    static int inlineBackward;
    static int inlinePartials;

    static Interpreter generate() {
        ClassWriter cw = GeneratedClasses.subclass(NAME, SUPER);
        List<Primitive> all = Primitives.all();
        new InterpreterLoops.Forward(cw).write(all);
        new InterpreterLoops.Backward(cw).write(all);
        new InterpreterLoops.Partials(cw).write(all);
        cw.visitEnd();
        return GeneratedClasses.instantiate(cw.toByteArray(), Interpreter.class,
                "cannot generate the interpreter of the primitives");
    }

    /** Operands of node i: values {@code v[ap[s + k]]}, own value {@code v[i]}, parameter, adjoints. */
    static RuleEmitter.NodeAccess access(MethodVisitor mv, int values, int i, int s, int policy,
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
    static void argIndex(MethodVisitor mv, int s, int k) {
        mv.visitVarInsn(ALOAD, AP);
        mv.visitVarInsn(ILOAD, s);
        if (k > 0) {
            RuleEmitter.pushInt(mv, k);
            mv.visitInsn(IADD);
        }
        mv.visitInsn(IALOAD);
    }

    /** Pushes {@code cp[ap[s]]}. */
    static void constantAt(MethodVisitor mv, int s) {
        mv.visitVarInsn(ALOAD, CP);
        argIndex(mv, s, 0);
        mv.visitInsn(DALOAD);
    }

    static void loadElement(MethodVisitor mv, int array, int index, int load) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, index);
        mv.visitInsn(load);
    }

    static int offset(MethodVisitor mv) {
        Label here = new Label();
        mv.visitLabel(here);
        return here.getOffset();
    }
}
