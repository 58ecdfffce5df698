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

    private static final String NAME = Type.getInternalName(Interpreter.class) + "Generated";
    private static final String SUPER = Type.getInternalName(Interpreter.class);
    private static final String POLICY = Type.getDescriptor(Subgradients.class);
    private static final String NODES = "II[I[I[I[D";
    static final String FORWARD_DESC = "(" + NODES + "[D[D" + POLICY + "[D)V";
    static final String BACKWARD_DESC = "(" + NODES + "[D[D[Z" + POLICY + "[D)V";
    static final String PARTIALS_DESC = "(" + NODES + "[D[D" + POLICY + "[D)V";

    // locals shared by the three loops: (this, from, to, op, as, ap, cp, …)
    private static final int FROM = 1;
    private static final int TO = 2;
    private static final int OP = 3;
    private static final int AS = 4;
    private static final int AP = 5;
    private static final int CP = 6;

    /** Bytes of the generated loops and cases written inline (for the test of the budget). */
    static int forwardBytes;
    static int backwardBytes;
    static int partialsBytes;
    static int inlineForward;
    static int inlineBackward;
    static int inlinePartials;

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
        new Forward(cw).write(all);
        new Backward(cw).write(all);
        new Partials(cw).write(all);
        cw.visitEnd();
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true);
            return (Interpreter) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot generate the interpreter of the primitives", e);
        }
    }

    /**
     * One loop {@code for i in [from, to)} (or reversed) with a {@code tableswitch} on {@code op[i]}.
     * Subclasses write the prologue of a node, the case of a leaf, the case of a primitive, and
     * the call of the general helper.
     */
    private abstract static class Loop {
        final MethodVisitor mv;
        final int i;
        final int s;
        Label next;
        Label general;

        Loop(ClassWriter cw, String name, String desc, int i, int s) {
            this.mv = cw.visitMethod(ACC_PUBLIC, name, desc, null, null);
            this.i = i;
            this.s = s;
        }

        abstract boolean descending();

        /** Before the switch: may jump to {@link #next}. */
        void prologue() {
        }

        /** The case of an input or constant node (falls through to {@code next}). */
        abstract void leaf(Primitive p);

        /** The case of a primitive of one or two arguments (falls through to {@code next}). */
        abstract void rule(Primitive p);

        /** The call of the general helper for node i. */
        abstract void generalCall();

        /** Writes the method; returns its bytes. */
        int write(List<Primitive> all) {
            mv.visitCode();
            Label body = new Label();
            Label test = new Label();
            next = new Label();
            general = new Label();
            Label[] cases = new Label[all.size()];
            for (int c = 0; c < cases.length; c++) {
                cases[c] = new Label();
            }
            if (descending()) {                         // i = to − 1
                mv.visitVarInsn(ILOAD, TO);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(ISUB);
            } else {                                    // i = from
                mv.visitVarInsn(ILOAD, FROM);
            }
            mv.visitVarInsn(ISTORE, i);
            mv.visitJumpInsn(GOTO, test);
            mv.visitLabel(body);
            prologue();
            loadElement(mv, AS, i, IALOAD);
            mv.visitVarInsn(ISTORE, s);
            loadElement(mv, OP, i, IALOAD);
            mv.visitTableSwitchInsn(0, all.size() - 1, general, cases);
            int inline = 0;
            for (int c = 0; c < all.size(); c++) {
                Primitive p = all.get(c);
                mv.visitLabel(cases[c]);
                if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                    leaf(p);
                } else if (RuleEmitter.handles(p) && offset(mv) < CASE_BUDGET) {
                    inline++;
                    rule(p);
                } else {
                    mv.visitJumpInsn(GOTO, general);
                    continue;
                }
                mv.visitJumpInsn(GOTO, next);
            }
            mv.visitLabel(general);
            generalCall();
            mv.visitLabel(next);
            mv.visitIincInsn(i, descending() ? -1 : 1);
            mv.visitLabel(test);
            mv.visitVarInsn(ILOAD, i);
            if (descending()) {
                mv.visitVarInsn(ILOAD, FROM);
                mv.visitJumpInsn(IF_ICMPGE, body);
            } else {
                mv.visitVarInsn(ILOAD, TO);
                mv.visitJumpInsn(IF_ICMPLT, body);
            }
            mv.visitInsn(RETURN);
            int bytes = offset(mv);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            record(inline, bytes);
            return bytes;
        }

        /** Keeps the figures of the loop for the test of the budget. */
        abstract void record(int inline, int bytes);

        /** Calls the static helper {@code name} with i and the given locals (all references). */
        void callHelper(String name, String desc, int... refs) {
            mv.visitVarInsn(ILOAD, i);
            for (int local : refs) {
                mv.visitVarInsn(ALOAD, local);
            }
            mv.visitMethodInsn(INVOKESTATIC, SUPER, name, desc, false);
        }
    }

    /** {@code v[i] = f(v[args])}. Locals: 7 inputs, 8 v, 9 policy, 10 scratch, 11 i, 12 s. */
    private static final class Forward extends Loop {
        private static final int INPUTS = 7;
        private static final int V = 8;
        private static final int POL = 9;
        private static final int SCRATCH = 10;

        Forward(ClassWriter cw) {
            super(cw, "forward", FORWARD_DESC, 11, 12);
        }

        @Override
        boolean descending() {
            return false;
        }

        @Override
        void leaf(Primitive p) {
            mv.visitVarInsn(ALOAD, V);
            mv.visitVarInsn(ILOAD, i);
            if (p.kind() == Primitive.Kind.INPUT) {
                mv.visitVarInsn(ALOAD, INPUTS);
                constantAt(mv, s);
                mv.visitInsn(D2I);
                mv.visitInsn(DALOAD);
            } else {
                constantAt(mv, s);
            }
            mv.visitInsn(DASTORE);
        }

        @Override
        void rule(Primitive p) {
            mv.visitVarInsn(ALOAD, V);
            mv.visitVarInsn(ILOAD, i);
            RuleEmitter.value(mv, p, access(mv, V, i, s, POL, -1, -1));
            mv.visitInsn(DASTORE);
        }

        @Override
        void generalCall() {
            callHelper("forwardGeneral", "(I[I[I[I[D[D" + POLICY + "[D)V", OP, AS, AP, CP, V, POL, SCRATCH);
        }

        @Override
        void record(int inline, int bytes) {
            inlineForward = inline;
            forwardBytes = bytes;
        }
    }

    /**
     * {@code reach[args] = true; if (g[i] != 0) g[arg_k] += Flow.times(g[i], ∂f/∂x_k)}, for reached
     * nodes from the last to the first. Locals: 7 v, 8 g, 9 reach, 10 policy, 11 scratch, 12 i,
     * 13 s, 14–15 g[i], 16–17 argument indices, 18–21 saved argument values, 22–23 the saved output.
     */
    private static final class Backward extends Loop {
        private static final int V = 7;
        private static final int G = 8;
        private static final int REACH = 9;
        private static final int POL = 10;
        private static final int SCRATCH = 11;
        private static final int GI = 14;
        /** Argument node indices a_0, a_1 (ints). */
        private static final int ARG = 16;
        /** Saved argument values x_0, x_1 (doubles, two slots each). */
        private static final int X = 18;
        /** The node's saved value y (a double). */
        private static final int Y = 22;

        Backward(ClassWriter cw) {
            super(cw, "backward", BACKWARD_DESC, 12, 13);
        }

        @Override
        boolean descending() {
            return true;
        }

        @Override
        void prologue() {
            loadElement(mv, REACH, i, BALOAD);
            mv.visitJumpInsn(IFEQ, next);               // not reached: nothing flows through it
            loadElement(mv, G, i, DALOAD);
            mv.visitVarInsn(DSTORE, GI);
        }

        @Override
        void leaf(Primitive p) {
        }

        @Override
        void rule(Primitive p) {
            int n = p.arity();
            for (int k = 0; k < n; k++) {               // a_k = ap[s + k]; reach[a_k] = true
                argIndex(mv, s, k);
                mv.visitInsn(DUP);
                mv.visitVarInsn(ISTORE, ARG + k);
                mv.visitVarInsn(ALOAD, REACH);
                mv.visitInsn(SWAP);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(BASTORE);
            }
            mv.visitVarInsn(DLOAD, GI);                 // if (g[i] == 0) next
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFEQ, next);
            // the values the partials read (the declaration's saved values), into locals before any
            // adjoint is written: g and v are both double[], so a later load could not be reused
            for (int k = 0; k < n; k++) {
                if (p.savesInput(k)) {
                    mv.visitVarInsn(ALOAD, V);
                    mv.visitVarInsn(ILOAD, ARG + k);
                    mv.visitInsn(DALOAD);
                    mv.visitVarInsn(DSTORE, X + 2 * k);
                }
            }
            if (p.savesOutput()) {
                loadElement(mv, V, i, DALOAD);
                mv.visitVarInsn(DSTORE, Y);
            }
            RuleEmitter.accumulateAll(mv, p, savedAccess(p), k -> true);
        }

        /** Operands from the locals filled above; a value the declaration does not save reads as 0. */
        private RuleEmitter.NodeAccess savedAccess(Primitive p) {
            return new RuleEmitter.NodeAccess() {
                @Override
                public void loadArg(int k) {
                    if (p.savesInput(k)) {
                        mv.visitVarInsn(DLOAD, X + 2 * k);
                    } else {
                        mv.visitInsn(DCONST_0);
                    }
                }

                @Override
                public void loadOwn() {
                    if (p.savesOutput()) {
                        mv.visitVarInsn(DLOAD, Y);
                    } else {
                        mv.visitInsn(DCONST_0);
                    }
                }

                @Override
                public void loadParam() {
                    access(mv, V, i, s, POL, GI, G).loadParam();
                }

                @Override
                public void loadPolicy() {
                    mv.visitVarInsn(ALOAD, POL);
                }

                @Override
                public void loadAdjoint() {
                    mv.visitVarInsn(DLOAD, GI);
                }

                @Override
                public void pushAdjointSlot(int k) {
                    mv.visitVarInsn(ALOAD, G);
                    mv.visitVarInsn(ILOAD, ARG + k);
                }
            };
        }

        @Override
        void generalCall() {
            callHelper("backwardGeneral", "(I[I[I[I[D[D[D[Z" + POLICY + "[D)V",
                    OP, AS, AP, CP, V, G, REACH, POL, SCRATCH);
        }

        @Override
        void record(int inline, int bytes) {
            inlineBackward = inline;
            backwardBytes = bytes;
        }
    }

    /**
     * {@code out[as[i] + k] = ∂f_i/∂x_k} for every argument of every node (0 where the edge does
     * not exist). Locals: 7 v, 8 out, 9 policy, 10 scratch, 11 i, 12 s.
     */
    private static final class Partials extends Loop {
        private static final int V = 7;
        private static final int OUT = 8;
        private static final int POL = 9;
        private static final int SCRATCH = 10;

        Partials(ClassWriter cw) {
            super(cw, "partials", PARTIALS_DESC, 11, 12);
        }

        @Override
        boolean descending() {
            return false;
        }

        @Override
        void leaf(Primitive p) {
        }

        @Override
        void rule(Primitive p) {
            RuleEmitter.NodeAccess access = access(mv, V, i, s, POL, -1, -1);
            for (int k = 0; k < p.arity(); k++) {
                mv.visitVarInsn(ALOAD, OUT);
                mv.visitVarInsn(ILOAD, s);
                if (k > 0) {
                    RuleEmitter.pushInt(mv, k);
                    mv.visitInsn(IADD);
                }
                RuleEmitter.edgePartial(mv, p, k, access);
                mv.visitInsn(DASTORE);
            }
        }

        @Override
        void generalCall() {
            callHelper("partialsGeneral", "(I[I[I[I[D[D[D" + POLICY + "[D)V", OP, AS, AP, CP, V, OUT, POL, SCRATCH);
        }

        @Override
        void record(int inline, int bytes) {
            inlinePartials = inline;
            partialsBytes = bytes;
        }
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

    private static int offset(MethodVisitor mv) {
        Label here = new Label();
        mv.visitLabel(here);
        return here.getOffset();
    }
}
