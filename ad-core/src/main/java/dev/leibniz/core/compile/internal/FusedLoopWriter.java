package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.NodeEmitter.ADJOINTS;
import static dev.leibniz.core.compile.internal.NodeEmitter.COPY;
import static dev.leibniz.core.compile.internal.NodeEmitter.VALUES;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE_TYPE;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the reverse sweep of a {@link FusedReduction} (a final repeat {@code s_k = s_{k−1} + f(x_k)}
 * whose running sum is the output): one loop in ascending order in which each copy computes its
 * values, the running sum in its carry local, and at once sweeps its adjoints, the sum's adjoint
 * being the output's ({@code ∂out/∂s_k = 1·seed}) for every copy.
 *
 * <p>Why: the gradient's forward sweep skips that loop ({@link ForwardWriter}), so the values of
 * the reduction are computed once and never stored and reloaded; one pass over {@code x} instead
 * of two. Copy 0, whose previous sum is the node before the loop (in the arrays), runs the exact
 * code; the others run a {@link GuardedCopy} with the exact code as its fallback.
 */
final class FusedLoopWriter implements Opcodes {
    private final EmitterState s;
    private final ForwardWriter forward;
    private final ReverseWriter reverse;

    FusedLoopWriter(EmitterState s, ForwardWriter forward, ReverseWriter reverse) {
        this.s = s;
        this.forward = forward;
        this.reverse = reverse;
    }

    /**
     * The fused loop of block {@code b} (the current block, {@link EmitterState#fused}), its local
     * template nodes {@code local}. The final sum is stored at the end, for the forward sweep
     * skipped the loop.
     */
    void write(Block b, boolean[] local) {
        Operands o = s.o;
        MethodVisitor mv = s.mv;
        int sum = s.fusedSum;
        int last = b.start() + sum + (b.count() - 1) * b.period();
        boolean[] carried = new boolean[b.period()];
        carried[sum] = true;
        takeSeed(b, sum, last, carried);
        s.storeless = carried;
        firstCopy(local, sum, carried);
        GuardedCopy guarded = GuardedCopy.of(s.t, o, null, b);
        Label body = new Label();
        Label test = new Label();
        Label next = new Label();
        Label exact = new Label();
        mv.visitInsn(ICONST_1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        recomputeWithSum(local, sum);
        guarded.emit(mv, jj -> s.access(jj, b.start() + jj), exact);
        mv.visitJumpInsn(GOTO, next);
        mv.visitLabel(exact);
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, Operands.carryOutSlot(sum));
        reverse.exactCopy(local);
        mv.visitLabel(next);
        mv.visitIincInsn(COPY, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        o.pushInt(b.count());
        mv.visitJumpInsn(IF_ICMPLT, body);
        o.carryAdjoints(null, false);
        o.carryValues(null);
        s.storeless = null;
        storeFinalSum(sum, last);
    }

    /**
     * The fused loop's start: the final sum's adjoint (its seed) into the sum's carry-in, cleared
     * in the array; the sum before the loop (the node before it) into the carried value.
     */
    private void takeSeed(Block b, int sum, int last, boolean[] carried) {
        MethodVisitor mv = s.mv;
        mv.visitVarInsn(ALOAD, ADJOINTS);
        s.o.pushInt(last);
        mv.visitInsn(DUP2);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DSTORE, Operands.carryInSlot(sum));
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DASTORE);
        s.o.carryValues(carried);
        s.o.loadNode(b.start() + sum - b.period(), 0);
        mv.visitVarInsn(DSTORE, Operands.carryValueSlot(sum));
    }

    /** Copy 0 of the fused loop, whose previous sum is in the arrays, by the exact code's compact form. */
    private void firstCopy(boolean[] local, int sum, boolean[] carried) {
        s.mv.visitInsn(ICONST_0);
        s.mv.visitVarInsn(ISTORE, COPY);
        s.o.carryAdjoints(carried, false);
        recomputeWithSum(local, sum);
        reverse.exactCopy(local);
        s.o.carryAdjoints(carried, true);
    }

    /** The local values of one copy and its running sum (into its carry local), in template order. */
    private void recomputeWithSum(boolean[] local, int sum) {
        for (int j = 0; j < s.block.period(); j++) {
            if (j == sum || local != null && local[j]) {
                forward.forwardNode(j);
            }
        }
    }

    /** The final sum into the value array, when this sweep's forward skipped the loop ({@code fuse}). */
    private void storeFinalSum(int sum, int last) {
        MethodVisitor mv = s.mv;
        Label keep = new Label();
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, "fuse", "Z");
        mv.visitJumpInsn(IFEQ, keep);
        mv.visitVarInsn(ALOAD, VALUES);
        s.o.pushInt(last);
        mv.visitVarInsn(DLOAD, Operands.carryValueSlot(sum));
        mv.visitInsn(DASTORE);
        mv.visitLabel(keep);
    }
}
