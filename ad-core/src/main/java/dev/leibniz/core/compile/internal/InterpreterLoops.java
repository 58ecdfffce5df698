package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.InterpreterWriter.AP;
import static dev.leibniz.core.compile.internal.InterpreterWriter.AS;
import static dev.leibniz.core.compile.internal.InterpreterWriter.BACKWARD_DESC;
import static dev.leibniz.core.compile.internal.InterpreterWriter.CASE_BUDGET;
import static dev.leibniz.core.compile.internal.InterpreterWriter.CP;
import static dev.leibniz.core.compile.internal.InterpreterWriter.FORWARD_DESC;
import static dev.leibniz.core.compile.internal.InterpreterWriter.FROM;
import static dev.leibniz.core.compile.internal.InterpreterWriter.OP;
import static dev.leibniz.core.compile.internal.InterpreterWriter.PARTIALS_DESC;
import static dev.leibniz.core.compile.internal.InterpreterWriter.POLICY;
import static dev.leibniz.core.compile.internal.InterpreterWriter.SUPER;
import static dev.leibniz.core.compile.internal.InterpreterWriter.TO;
import static dev.leibniz.core.compile.internal.InterpreterWriter.access;
import static dev.leibniz.core.compile.internal.InterpreterWriter.argIndex;
import static dev.leibniz.core.compile.internal.InterpreterWriter.constantAt;
import static dev.leibniz.core.compile.internal.InterpreterWriter.loadElement;
import static dev.leibniz.core.compile.internal.InterpreterWriter.offset;

import dev.leibniz.core.prim.Primitive;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The three loops of the generated {@link Interpreter}, as {@link InterpreterWriter} writes them:
 * {@link Forward} (values), {@link Backward} (adjoints) and {@link Partials} (edge partials), each a
 * {@link Loop} over node arrays with one {@code tableswitch} on the op code whose cases
 * {@link RuleEmitter} writes from the primitives' declarations.
 */
final class InterpreterLoops implements Opcodes {
    private InterpreterLoops() {
    }

    /**
     * One loop {@code for i in [from, to)} (or reversed) with a {@code tableswitch} on {@code op[i]}.
     * Subclasses write the prologue of a node, the case of a leaf, the case of a primitive, and
     * the call of the general helper.
     */
    abstract static class Loop {
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
    static final class Forward extends Loop {
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
            InterpreterWriter.inlineForward = inline;
            InterpreterWriter.forwardBytes = bytes;
        }
    }

    /**
     * {@code reach[args] = true; if (g[i] != 0) g[arg_k] += Flow.times(g[i], ∂f/∂x_k)}, for reached
     * nodes from the last to the first. Locals: 7 v, 8 g, 9 reach, 10 policy, 11 scratch, 12 i,
     * 13 s, 14–15 g[i], 16–17 argument indices, 18–21 saved argument values, 22–23 the saved output.
     */
    static final class Backward extends Loop {
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
            return new RuleEmitter.SavedLocals(mv, p, X, Y, POL, GI, G, ARG) {
                @Override
                public void loadParam() {
                    access(mv, V, i, s, POL, GI, G).loadParam();
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
            InterpreterWriter.inlineBackward = inline;
            InterpreterWriter.backwardBytes = bytes;
        }
    }

    /**
     * {@code out[as[i] + k] = ∂f_i/∂x_k} for every argument of every node (0 where the edge does
     * not exist). Locals: 7 v, 8 out, 9 policy, 10 scratch, 11 i, 12 s.
     */
    static final class Partials extends Loop {
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
            InterpreterWriter.inlinePartials = inline;
            InterpreterWriter.partialsBytes = bytes;
        }
    }
}
