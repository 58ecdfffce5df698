package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.NodeEmitter.COPY;
import static dev.leibniz.core.compile.internal.NodeEmitter.GRAPH;
import static dev.leibniz.core.compile.internal.NodeEmitter.INPUTS;
import static dev.leibniz.core.compile.internal.NodeEmitter.SAVING;
import static dev.leibniz.core.compile.internal.NodeEmitter.VALUES;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE_TYPE;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the forward sweep {@code v[i] = f(v[a], v[b])} of a block: a single node with constant
 * indices, or a repeat as a loop {@code for (k = 0; k < count; k++)} over its copies, the
 * template's nodes in order. The same node code serves the reverse sweep's recomputation of a
 * copy's local values ({@link #recompute}).
 *
 * <p>Where a value goes: to the value array, or, in the gradient's forward sweep ({@link #lean}),
 * to a JVM local when only its own copy reads it ({@link CopyLocals}), since the reverse sweep
 * recomputes it; a value the next copy reads (a running sum) is carried in a local too, because a
 * dependence through memory costs a store-to-load forwarding per copy.
 */
final class ForwardWriter implements Opcodes {
    private final EmitterState s;
    /**
     * Whether the forward sweep being written is the gradient's: it keeps the values of local
     * template nodes ({@link CopyLocals}) in JVM locals instead of storing them, since the reverse
     * sweep recomputes them. The plain forward sweep stores every value (callers read them all).
     */
    private boolean lean;
    /** Whether {@link #recompute} is writing (saved values are loaded, not stored). */
    private boolean recomputing;

    ForwardWriter(EmitterState s) {
        this.s = s;
    }

    /** Whether the following forward blocks are written for the gradient (see {@link #lean}). */
    void lean(boolean lean) {
        this.lean = lean;
    }

    /** Forward sweep of a block of a nest's body (null outside nests), for the nest's copy {@code r}. */
    void forward(Nest n, Block b) {
        MethodVisitor mv = s.mv;
        if (lean && b == s.fused) {         // the gradient runs it in its reverse sweep
            Label skip = new Label();
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, "fuse", "Z");
            mv.visitJumpInsn(IFNE, skip);
            forwardBlock(n, b);
            mv.visitLabel(skip);
            return;
        }
        forwardBlock(n, b);
    }

    private void forwardBlock(Nest n, Block b) {
        Operands o = s.o;
        MethodVisitor mv = s.mv;
        s.nest = n;
        s.block = b;
        boolean[] local = lean ? s.locals.of(n, b) : null;
        o.enter(n, b, local);
        o.direct(lean);
        if (!b.isRepeat()) {
            forwardNode(0);
            return;
        }
        s.storeless = lean ? s.locals.storeless(n, b, local) : null;
        s.saved = lean && b != s.fused ? s.locals.saved(n, b, local) : null;
        // a value the next copy reads (a running sum) is carried in a local, not reloaded from
        // the array: a dependence through memory costs a store-to-load forwarding per copy
        boolean[] carried = s.locals.valueCarries(n, b);
        o.carryValues(carried);
        for (int jj = 0; carried != null && jj < b.period(); jj++) {
            if (carried[jj]) {
                o.loadNode(b.start() + jj - b.period(), n == null ? 0 : n.nodeStride());
                mv.visitVarInsn(DSTORE, Operands.carryValueSlot(jj));
            }
        }
        Label body = new Label();
        Label test = new Label();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        for (int j = 0; j < b.period(); j++) {
            forwardNode(j);
        }
        mv.visitIincInsn(COPY, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        o.pushInt(b.count());
        mv.visitJumpInsn(IF_ICMPLT, body);
        storeLastCopysValues(n, b);
        s.storeless = null;
        s.saved = null;
    }

    /** After the loop: the last copy's values that were kept only in carry locals, into the array. */
    private void storeLastCopysValues(Nest n, Block b) {
        boolean[] storeless = s.storeless;
        for (int jj = 0; storeless != null && jj < b.period(); jj++) {
            if (storeless[jj]) {                // the last copy's value, read after the loop
                s.mv.visitVarInsn(ALOAD, VALUES);
                s.o.pushAffine(b.start() + jj + (b.count() - 1) * b.period(), 0, n == null ? 0 : n.nodeStride());
                s.mv.visitVarInsn(DLOAD, Operands.carryValueSlot(jj));
                s.mv.visitInsn(DASTORE);
            }
        }
    }

    /** {@code v[i] = value} for template node j of the current block, or {@code local_j = value} when it is held in locals. */
    void forwardNode(int j) {
        Operands o = s.o;
        MethodVisitor mv = s.mv;
        Block block = s.block;
        int u = block.start() + j;
        Primitive p = Primitives.byCode(s.t.op[u]);
        if (p.kind() == Primitive.Kind.INPUT && o.isDirectInput(u)) {
            return;                             // read from the input array where it is used
        }
        boolean local = o.isLocal(j);
        boolean unstored = s.storeless != null && s.storeless[j];
        if (!local && !unstored) {
            mv.visitVarInsn(ALOAD, VALUES);
            o.pushNodeIndex(j);
        }
        switch (p.kind()) {
            case INPUT -> {
                mv.visitVarInsn(ALOAD, INPUTS);
                o.pushAffine((int) s.t.param[u], block.isRepeat() ? block.paramStride()[j] : 0,
                        s.nest == null ? 0 : block.outerParamStride()[j]);
                mv.visitInsn(DALOAD);
            }
            case CONSTANT -> o.pushDouble(s.t.param[u]);
            default -> value(p, j, u);
        }
        store(j, local, unstored);
    }

    /**
     * Stores the value on the stack: into its carry local only ({@code unstored}), its local (and
     * the array too when it is {@link CopyLocals#saved saved} and a reverse sweep follows), or the
     * array (the slot pushed before the value), copying it to its carry local when the next copy
     * reads it.
     */
    private void store(int j, boolean local, boolean unstored) {
        Operands o = s.o;
        MethodVisitor mv = s.mv;
        boolean carry = o.carriesValue(j);
        if (unstored) {
            mv.visitVarInsn(DSTORE, Operands.carryValueSlot(j));
        } else if (local) {
            if (carry) {
                mv.visitInsn(DUP2);
                mv.visitVarInsn(DSTORE, Operands.carryValueSlot(j));
            }
            if (s.saved != null && s.saved[j] && !recomputing) {
                mv.visitVarInsn(DSTORE, Operands.valueSlot(j));
                Label skip = new Label();       // only for a reverse sweep (an evaluation needs no saved value)
                mv.visitVarInsn(ILOAD, SAVING);
                mv.visitJumpInsn(IFEQ, skip);
                mv.visitVarInsn(ALOAD, VALUES);
                o.pushNodeIndex(j);
                mv.visitVarInsn(DLOAD, Operands.valueSlot(j));
                mv.visitInsn(DASTORE);
                mv.visitLabel(skip);
                return;
            }
            mv.visitVarInsn(DSTORE, Operands.valueSlot(j));
        } else if (carry) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(DASTORE);
            mv.visitVarInsn(DSTORE, Operands.carryValueSlot(j));
        } else {
            mv.visitInsn(DASTORE);
        }
    }

    /**
     * The value of a primitive node: a primitive of one or two arguments by {@link RuleEmitter}
     * (calls to its own declaration), the others through {@link Calls#applyGeneral}.
     */
    private void value(Primitive p, int j, int u) {
        if (RuleEmitter.handles(p)) {
            RuleEmitter.value(s.mv, p, s.access(j, u));
        } else {
            s.mv.visitVarInsn(ALOAD, GRAPH);
            s.o.pushNodeIndex(j);
            s.mv.visitVarInsn(ALOAD, WORKSPACE);
            s.mv.visitMethodInsn(INVOKESTATIC, EmitterState.CALLS, "applyGeneral", EmitterState.GENERAL_DESC + ")D", false);
        }
    }

    /**
     * The local values of one copy of a repeat, recomputed into their locals; a saved value
     * ({@link CopyLocals#saved}) loaded from the array instead (what it is computed from is then
     * dead code, unless something else reads it, and the JIT drops it).
     */
    void recompute(boolean[] local) {
        recomputing = true;
        for (int j = 0; local != null && j < s.block.period(); j++) {
            if (s.saved != null && s.saved[j]) {
                s.mv.visitVarInsn(ALOAD, VALUES);
                s.o.pushNodeIndex(j);
                s.mv.visitInsn(DALOAD);
                s.mv.visitVarInsn(DSTORE, Operands.valueSlot(j));
            } else if (local[j]) {
                forwardNode(j);
            }
        }
        recomputing = false;
    }
}
