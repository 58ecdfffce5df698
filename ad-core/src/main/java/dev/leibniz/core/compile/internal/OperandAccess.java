package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.NodeEmitter.ADJOINT;
import static dev.leibniz.core.compile.internal.NodeEmitter.ADJOINTS;
import static dev.leibniz.core.compile.internal.NodeEmitter.GRADIENT;
import static dev.leibniz.core.compile.internal.NodeEmitter.POLICY;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How {@link RuleEmitter} reaches the operands of template node j (index u in the graph) of the
 * block a compiled kernel is writing: values through {@link Operands} (arrays, JVM locals, carry
 * locals or the input array), and the adjoints of the arguments in one of three places, in this
 * order of precedence:
 * <ul>
 *   <li>an argument whose adjoint is carried from the next copy of a repeat
 *       ({@link Operands#carriedAdjointArg}): its carry-out local;</li>
 *   <li>an argument local to the copy ({@link CopyLocals}): its adjoint local;</li>
 *   <li>else the adjoint array (or the caller's gradient array, for an input read directly).</li>
 * </ul>
 * Why locals: a copy's private adjoints never touch memory, and a carried adjoint avoids a
 * store-to-load forwarding per copy. Each call writes into the method being written at that
 * moment ({@link EmitterState#mv}).
 */
final class OperandAccess implements RuleEmitter.NodeAccess, Opcodes {
    private final EmitterState s;
    private final int j;
    private final int u;

    OperandAccess(EmitterState s, int j, int u) {
        this.s = s;
        this.j = j;
        this.u = u;
    }

    @Override
    public void loadArg(int k) {
        s.o.loadArg(j, k);
    }

    @Override
    public void loadOwn() {
        s.o.loadOwn(j);
    }

    @Override
    public void loadParam() {
        s.o.pushDouble(s.t.param[u]);
    }

    @Override
    public void loadPolicy() {
        s.mv.visitVarInsn(ALOAD, POLICY);
    }

    @Override
    public void loadAdjoint() {
        s.mv.visitVarInsn(DLOAD, ADJOINT);
    }

    @Override
    public void pushAdjointSlot(int k) {
        if (s.o.directInputArg(j, k)) {
            s.o.pushInputSlot(GRADIENT, j, k);
        } else {
            s.mv.visitVarInsn(ALOAD, ADJOINTS);
            s.o.pushArgIndex(j, k);
        }
    }

    @Override
    public void loadArgAdjoint(MethodVisitor mv, int k) {
        int cj = s.o.carriedAdjointArg(j, k);
        int jj = s.o.localArg(j, k);
        if (cj >= 0) {
            mv.visitVarInsn(DLOAD, Operands.carryOutSlot(cj));
        } else if (jj >= 0) {
            mv.visitVarInsn(DLOAD, Operands.adjointSlot(jj));
        } else {
            RuleEmitter.NodeAccess.super.loadArgAdjoint(mv, k);
        }
    }

    @Override
    public void storeArgAdjoint(MethodVisitor mv, int k) {
        int cj = s.o.carriedAdjointArg(j, k);
        int jj = s.o.localArg(j, k);
        if (cj >= 0) {
            mv.visitVarInsn(DSTORE, Operands.carryOutSlot(cj));
        } else if (jj >= 0) {
            mv.visitVarInsn(DSTORE, Operands.adjointSlot(jj));
        } else {
            mv.visitInsn(DASTORE);
        }
    }
}
