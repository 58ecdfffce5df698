package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.NodeEmitter.ADJOINTS;
import static dev.leibniz.core.compile.internal.NodeEmitter.GRADIENT;
import static dev.leibniz.core.compile.internal.NodeEmitter.GRAPH;
import static dev.leibniz.core.compile.internal.NodeEmitter.INPUTS;
import static dev.leibniz.core.compile.internal.NodeEmitter.POLICY;
import static dev.leibniz.core.compile.internal.NodeEmitter.SAVING;
import static dev.leibniz.core.compile.internal.NodeEmitter.VALUES;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE_TYPE;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What the writers of one {@link Kernel} class ({@link ForwardWriter}, {@link ReverseWriter},
 * {@link FusedLoopWriter}) share while they write a block: the method being written, the block
 * and its nest, and the flags that say how the block's values and adjoints are held.
 *
 * <p>Why one mutable object: the forward code of a node is written both by the forward sweep and
 * by the reverse sweep's recomputation, and the reverse sweep of a repeat opens a method of its
 * own in the middle of the loop it writes ({@link ReverseWriter}, exact code out of line), so the
 * three writers must see the same method visitor and the same per-block flags at every moment.
 * The fields are set by the writer that enters a block and read by the others; none outlives the
 * block but {@link #mv} and the fused reduction.
 */
final class EmitterState implements Opcodes {
    /** The owner and the descriptor prefix of {@link Calls}, for primitives of three or more arguments. */
    static final String CALLS = Type.getInternalName(Calls.class);
    private static final String GRAPH_DESC = Type.getDescriptor(Graph.class);
    private static final String POLICY_DESC = Type.getDescriptor(Subgradients.class);
    static final String GENERAL_DESC = "(" + GRAPH_DESC + "I" + Type.getDescriptor(KernelState.class);

    final NodeTable t;
    final Operands o;
    final CopyLocals locals;
    /** The method being written. */
    MethodVisitor mv;
    /** The block being written. */
    Block block;
    /** The nest whose body is being emitted, or null. */
    Nest nest;
    /** Nodes of the repeat being written whose values its loop keeps only in carry locals ({@link CopyLocals#storeless}), or null. */
    boolean[] storeless;
    /** Local template nodes of the block being written whose values are also stored ({@link CopyLocals#saved}), or null. */
    boolean[] saved;
    /** Whether the exact code being written is a {@link GuardedCopy}'s fallback (run only when its guard fails). */
    boolean fallback;
    /** The last region when it is a {@link FusedReduction}, else null; and its running sum's template node. */
    Block fused;
    int fusedSum = -1;

    EmitterState(NodeTable t, CopyLocals locals, int firstDirectInput, int inputCount) {
        this.t = t;
        this.o = new Operands(t);
        this.o.directInputs(firstDirectInput, inputCount);
        this.locals = locals;
    }

    /** Starts a chunk method: loads the workspace's arrays into locals. */
    void begin(MethodVisitor mv) {
        resume(mv);
        loadField("inputs", "[D", INPUTS);
        loadField("values", "[D", VALUES);
        loadField("adjoints", "[D", ADJOINTS);
        loadField("policy", POLICY_DESC, POLICY);
        loadField("graph", GRAPH_DESC, GRAPH);
        loadField("gradient", "[D", GRADIENT);
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, "zeroGuard", "D");
        mv.visitVarInsn(DSTORE, GuardedCopy.GUARD);
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, "fuse", "Z");
        mv.visitVarInsn(ISTORE, SAVING);
    }

    /** Continues writing into a method begun earlier (after writing another one). */
    void resume(MethodVisitor mv) {
        this.mv = mv;
        o.writeTo(mv);
    }

    private void loadField(String name, String desc, int local) {
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, name, desc);
        mv.visitVarInsn(ASTORE, local);
    }

    /** How {@link RuleEmitter} reaches the operands of template node j (index u in the graph) of the current block. */
    RuleEmitter.NodeAccess access(int j, int u) {
        return new OperandAccess(this, j, u);
    }
}
