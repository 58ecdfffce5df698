package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.lang.reflect.Field;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes a scalar primitive's rules into generated code by calling its declaration: the value
 * {@code P.apply(a, b, policy)} and the partials {@code P.partialA(a, b, y, policy)}, with
 * {@code P} loaded from the primitive's static field ({@link PrimitiveFields}). The JIT sees a
 * constant receiver of one exact class and inlines the formula, so generated code runs the
 * declaration's own arithmetic — no formula is typed a second time here, and the compiled graphs
 * and the generated interpreter ({@link Interpreter}) agree with the reference loops bit for bit.
 *
 * <p>The only facts read besides the rules are those the declaration states:
 * {@link Primitive#constantPartial(int)} (add, sub, neg: the adjoint is added or subtracted
 * without a multiplication) and the {@link Flow} contract (no code at all for an edge whose
 * dependence is NONE; {@link Flow#times} for every other contribution).
 *
 * <p>Used by {@link NodeEmitter} (constant node indices) and {@link InterpreterWriter} (indices
 * read from the node arrays); each says how to reach a node's operands through {@link NodeAccess}.
 */
final class RuleEmitter implements Opcodes {
    private RuleEmitter() {
    }

    private static final String POLICY_DESC = Type.getDescriptor(Subgradients.class);
    private static final String FLOW = Type.getInternalName(Flow.class);

    /**
     * Operands a generated sweep has loaded into JVM locals before writing the node's rule: the
     * arguments from local {@code x} on (two slots each), the node's value at {@code y}, the
     * policy, the adjoint g[i] and the arguments' node indices from {@code arg} on; a value the
     * declaration does not save reads as 0, as in the interpreter. Only how the node's parameter
     * is found differs between the sweeps, so that is left to them.
     */
    abstract static class SavedLocals implements NodeAccess {
        private final MethodVisitor mv;
        private final Primitive p;
        private final int x;
        private final int y;
        private final int pol;
        private final int gi;
        private final int g;
        private final int arg;

        SavedLocals(MethodVisitor mv, Primitive p, int x, int y, int pol, int gi, int g, int arg) {
            this.mv = mv;
            this.p = p;
            this.x = x;
            this.y = y;
            this.pol = pol;
            this.gi = gi;
            this.g = g;
            this.arg = arg;
        }

        @Override
        public void loadArg(int k) {
            if (p.savesInput(k)) {
                mv.visitVarInsn(DLOAD, x + 2 * k);
            } else {
                mv.visitInsn(DCONST_0);
            }
        }

        @Override
        public void loadOwn() {
            if (p.savesOutput()) {
                mv.visitVarInsn(DLOAD, y);
            } else {
                mv.visitInsn(DCONST_0);
            }
        }

        @Override
        public void loadPolicy() {
            mv.visitVarInsn(ALOAD, pol);
        }

        @Override
        public void loadAdjoint() {
            mv.visitVarInsn(DLOAD, gi);
        }

        @Override
        public void pushAdjointSlot(int k) {
            mv.visitVarInsn(ALOAD, g);
            mv.visitVarInsn(ILOAD, arg + k);
        }
    }

    /** How emitted code reaches the operands of the node being written. */
    interface NodeAccess {
        /** Pushes argument k's value (a double). */
        void loadArg(int k);

        /** Pushes the node's own value y. */
        void loadOwn();

        /** Pushes the node's parameter (a double; called only when the primitive has one). */
        void loadParam();

        /** Pushes the subgradient policy. */
        void loadPolicy();

        /** Pushes the node's adjoint {@code g[i]} (a double, known to be non-zero). */
        void loadAdjoint();

        /** Pushes the adjoint array and argument k's index, ready for {@code DALOAD}/{@code DASTORE}. */
        void pushAdjointSlot(int k);

        /**
         * Pushes what {@link #storeArgAdjoint} needs, then argument k's adjoint (a double). By
         * default the adjoint lives in the adjoint array; code that keeps a loop copy's private
         * adjoints in locals ({@link OperandAccess}) loads the local instead.
         */
        default void loadArgAdjoint(MethodVisitor mv, int k) {
            pushAdjointSlot(k);
            mv.visitInsn(DUP2);
            mv.visitInsn(DALOAD);
        }

        /** Stores the double on the stack as argument k's adjoint (after {@link #loadArgAdjoint}). */
        default void storeArgAdjoint(MethodVisitor mv, int k) {
            mv.visitInsn(DASTORE);
        }
    }

    /** True when the primitive's rules can be emitted here (one or two arguments). */
    static boolean handles(Primitive p) {
        return p instanceof UnaryPrimitive || p instanceof BinaryPrimitive;
    }

    /** Pushes {@code f(args)}. */
    static void value(MethodVisitor mv, Primitive p, NodeAccess o) {
        if (p instanceof UnaryPrimitive) {
            loadPrimitive(mv, p, UnaryPrimitive.class);
            o.loadArg(0);
            pushParam(mv, p, o);
            o.loadPolicy();
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(UnaryPrimitive.class), "apply",
                    "(DD" + POLICY_DESC + ")D", false);
        } else {
            loadPrimitive(mv, p, BinaryPrimitive.class);
            o.loadArg(0);
            o.loadArg(1);
            o.loadPolicy();
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(BinaryPrimitive.class), "apply",
                    "(DD" + POLICY_DESC + ")D", false);
        }
    }

    /**
     * {@code g[arg_k] = g[arg_k] + Flow.times(g[i], ∂y/∂x_k)} for every argument k of the node that
     * {@code include} accepts and that has an edge ({@link Flow#flows}). The caller has already
     * tested {@code g[i] != 0}.
     *
     * <p>Two copies of the node's contributions are written: when {@code g[i]} is finite — nearly
     * always — {@code Flow.times(g[i], P)} is the plain IEEE product (the strong zero only changes
     * 0·∞ and 0·NaN), so the fast copy multiplies without a test per edge; an infinite or NaN
     * adjoint takes the copy with {@code Flow.times}. The test costs one comparison per node where a
     * test per edge cost about a fifth of a reverse sweep.
     */
    static void accumulateAll(MethodVisitor mv, Primitive p, NodeAccess o, java.util.function.IntPredicate include) {
        accumulateAll(mv, p, o, include, false);
    }

    /**
     * {@link #accumulateAll(MethodVisitor, Primitive, NodeAccess, java.util.function.IntPredicate)},
     * or, when {@code strongOnly}, only its copy with {@link Flow#times} on every edge (the same
     * numbers, half the code: for a fallback that runs only when a guard has failed).
     */
    static void accumulateAll(MethodVisitor mv, Primitive p, NodeAccess o, java.util.function.IntPredicate include,
                              boolean strongOnly) {
        int n = p.arity();
        boolean anyProduct = false;
        for (int k = 0; k < n; k++) {
            double c = p.constantPartial(k);
            anyProduct |= include.test(k) && Flow.flows(p.code(), k) && c != 1.0 && c != -1.0;
        }
        if (!anyProduct) {                              // ±1 partials: additions, the same in both copies
            for (int k = 0; k < n; k++) {
                if (include.test(k)) {
                    accumulate(mv, p, k, o, false);
                }
            }
            return;
        }
        if (strongOnly) {
            for (int k = 0; k < n; k++) {
                if (include.test(k)) {
                    accumulate(mv, p, k, o, true);
                }
            }
            return;
        }
        Label strong = new Label();
        Label done = new Label();
        o.loadAdjoint();                                // g[i] − g[i] is 0 exactly when g[i] is finite
        mv.visitInsn(DUP2);
        mv.visitInsn(DSUB);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFNE, strong);
        for (int k = 0; k < n; k++) {
            if (include.test(k)) {
                accumulate(mv, p, k, o, false);
            }
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(strong);
        for (int k = 0; k < n; k++) {
            if (include.test(k)) {
                accumulate(mv, p, k, o, true);
            }
        }
        mv.visitLabel(done);
    }

    /** One edge: {@code g[arg_k] += g[i]·P}, with {@link Flow#times} when {@code strong}. */
    private static void accumulate(MethodVisitor mv, Primitive p, int k, NodeAccess o, boolean strong) {
        if (!Flow.flows(p.code(), k)) {
            return;
        }
        double c = p.constantPartial(k);
        o.loadArgAdjoint(mv, k);
        o.loadAdjoint();
        if (c == 1.0) {
            mv.visitInsn(DADD);            // g·1 = g exactly
        } else if (c == -1.0) {
            mv.visitInsn(DSUB);            // g + g·(−1) = g − g exactly
        } else {
            partial(mv, p, k, o);
            if (strong) {
                mv.visitMethodInsn(INVOKESTATIC, FLOW, "times", "(DD)D", false);
            } else {
                mv.visitInsn(DMUL);
            }
            mv.visitInsn(DADD);
        }
        o.storeArgAdjoint(mv, k);
    }

    /**
     * Pushes the contribution of edge k in plain arithmetic, {@code g[i]·∂y/∂x_k}: {@code g[i]} or
     * {@code −g[i]} for a declared partial of ±1 (so that {@code acc + c} is the exact sweep's
     * {@code acc + g} or {@code acc − g}), else the product with the declaration's partial. Used by
     * {@link GuardedCopy}, where a guard has made sure that this is {@link Flow#times}.
     */
    static void plainContribution(MethodVisitor mv, Primitive p, int k, NodeAccess o) {
        double c = p.constantPartial(k);
        o.loadAdjoint();
        if (c == -1.0) {
            mv.visitInsn(DNEG);
        } else if (c != 1.0) {
            partial(mv, p, k, o);
            mv.visitInsn(DMUL);
        }
    }

    /**
     * Pushes the partial ∂y/∂x_k of an edge as the sweeps use it: 0 for an edge that does not
     * exist ({@link Flow#flows}), the declared constant where there is one, else the declaration's
     * partial.
     */
    static void edgePartial(MethodVisitor mv, Primitive p, int k, NodeAccess o) {
        double c = p.constantPartial(k);
        if (!Flow.flows(p.code(), k)) {
            mv.visitInsn(DCONST_0);
        } else if (c == c) {
            mv.visitLdcInsn(c);
        } else {
            partial(mv, p, k, o);
        }
    }

    /** Pushes ∂y/∂x_k from the declaration. */
    private static void partial(MethodVisitor mv, Primitive p, int k, NodeAccess o) {
        if (p instanceof UnaryPrimitive) {
            loadPrimitive(mv, p, UnaryPrimitive.class);
            o.loadArg(0);
            o.loadOwn();
            pushParam(mv, p, o);
            o.loadPolicy();
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(UnaryPrimitive.class), "derivative",
                    "(DDD" + POLICY_DESC + ")D", false);
        } else {
            loadPrimitive(mv, p, BinaryPrimitive.class);
            o.loadArg(0);
            o.loadArg(1);
            o.loadOwn();
            o.loadPolicy();
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(BinaryPrimitive.class),
                    k == 0 ? "partialA" : "partialB", "(DDD" + POLICY_DESC + ")D", false);
        }
    }

    private static void pushParam(MethodVisitor mv, Primitive p, NodeAccess o) {
        if (p.hasParam()) {
            o.loadParam();
        } else {
            mv.visitInsn(DCONST_0);
        }
    }

    /** Pushes the primitive object, typed as {@code as}: from its static field when there is one. */
    static void loadPrimitive(MethodVisitor mv, Primitive p, Class<?> as) {
        Field f = PrimitiveFields.of(p);
        if (f != null) {
            mv.visitFieldInsn(GETSTATIC, Type.getInternalName(f.getDeclaringClass()), f.getName(),
                    Type.getDescriptor(f.getType()));
            if (!as.isAssignableFrom(f.getType())) {
                mv.visitTypeInsn(CHECKCAST, Type.getInternalName(as));
            }
        } else {
            pushInt(mv, p.code());
            mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Calls.class), "primitive",
                    "(I)" + Type.getDescriptor(Primitive.class), false);
            mv.visitTypeInsn(CHECKCAST, Type.getInternalName(as));
        }
    }

    /**
     * Pushes a double: {@code dconst} only for +0.0 (−0.0 is a constant of its own) and 1.0, else
     * {@code ldc}. Returns true when it used the constant pool.
     */
    static boolean pushDouble(MethodVisitor mv, double c) {
        if (Double.doubleToRawLongBits(c) == 0L) {
            mv.visitInsn(DCONST_0);
        } else if (c == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(c);
            return true;
        }
        return false;
    }

    /** Pushes an int with the shortest instruction ({@code iconst}, {@code bipush}, {@code sipush}, else {@code ldc}). */
    static void pushInt(MethodVisitor mv, int c) {
        if (c >= -1 && c <= 5) {
            mv.visitInsn(ICONST_0 + c);
        } else if (c >= Byte.MIN_VALUE && c <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, c);
        } else if (c >= Short.MIN_VALUE && c <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, c);
        } else {
            mv.visitLdcInsn(c);
        }
    }
}
