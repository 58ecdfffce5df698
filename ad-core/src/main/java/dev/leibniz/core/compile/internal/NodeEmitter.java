package dev.leibniz.core.compile.internal;

import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the bytecode of one {@link Block}: the forward sweep
 * {@code v[i] = f(v[a], v[b])} and the reverse sweep
 * {@code if (g[i] != 0) { g[a] += g[i]·∂f/∂a; g[b] += g[i]·∂f/∂b; }} of each of its nodes, as the
 * Java a person would write for that node, with constant array indices (a single node) or
 * indices {@code base + k·stride} in a loop over the copies {@code k} of a repeat.
 *
 * <p>No formula is written here: leaves read the inputs and constants, and every primitive of one
 * or two arguments is emitted by {@link RuleEmitter} as calls to its own declaration
 * ({@code apply}, {@code derivative}, {@code partialA/B}, loaded from its static field, which the
 * JIT inlines), with the {@link dev.leibniz.core.prim.Flow} contract; primitives of three or more
 * arguments ({@code select}, the variadic ones) go through {@link Calls}. The results are the
 * interpreter's bit for bit; the tests compare them on random graphs.
 *
 * <p>This class is the entry point {@link KernelWriter} calls, and it owns the layout of the JVM
 * locals below; the work is split by concern: {@link ForwardWriter} (the forward sweep and the
 * reverse sweep's recomputation), {@link ReverseWriter} (single nodes, repeats with their guarded
 * copies and exact code out of line), {@link FusedLoopWriter} (a {@link FusedReduction}'s one
 * loop), {@link OperandAccess} (where {@link RuleEmitter} finds operands and adjoints), all
 * sharing one {@link EmitterState}.
 *
 * <p>Every chunk method is {@code static void m(Workspace w, int r)}, {@code r} being the copy of
 * the enclosing {@link Nest} (0 outside nests), with the locals below, loaded once at its start.
 */
final class NodeEmitter implements Opcodes {
    static final int WORKSPACE = 0;
    /** Copy r of the enclosing nest (a parameter of every chunk method). */
    static final int OUTER = 1;
    static final int INPUTS = 2;
    static final int VALUES = 3;
    static final int ADJOINTS = 4;
    static final int POLICY = 5;
    static final int GRAPH = 6;
    /** Copy counter k of the repeat being emitted (or r of the nest whose loop is being emitted). */
    static final int COPY = 7;
    /** g[i] of the node being differentiated (a double: slots 8 and 9). */
    static final int ADJOINT = 8;
    /** The caller's gradient array, where the gradient's reverse sweep adds the input adjoints. */
    static final int GRADIENT = 10;
    /** First of the locals that hold a loop copy's private values and adjoints ({@link Operands#valueSlot}). */
    static final int LOCALS = 11;
    /**
     * Local holding the workspace's {@code fuse} flag, true when a reverse sweep follows this
     * forward sweep ({@code valueAndGradient}): only then are {@link CopyLocals#saved} values stored.
     */
    static final int SAVING = GuardedCopy.GUARD + 2;

    static final String WORKSPACE_TYPE = Type.getInternalName(KernelState.class);

    private final EmitterState s;
    private final ForwardWriter forward;
    private final ReverseWriter reverse;

    /** Opens and closes the methods of the class being written, for code written out of line. */
    interface Methods {
        /** A new private static method of the class, its code begun. */
        MethodVisitor open(String name, String desc);

        /** Ends a method opened by {@link #open}. */
        void close(MethodVisitor mv);

        /** The internal name of the class. */
        String owner();
    }

    NodeEmitter(NodeTable t, CopyLocals locals, int firstDirectInput, int inputCount) {
        this.s = new EmitterState(t, locals, firstDirectInput, inputCount);
        this.forward = new ForwardWriter(s);
        this.reverse = new ReverseWriter(s, forward);
    }

    /** Where the exact code of guarded copies goes (see {@link ReverseWriter}); without it, in line. */
    void methods(Methods methods) {
        reverse.methods(methods);
    }

    /** Writes {@code b} as a fused reduction with running sum {@code sum} (see {@link FusedReduction}). */
    void fuse(Block b, int sum) {
        s.fused = b;
        s.fusedSum = sum;
    }

    /**
     * Whether the following forward blocks are written for the gradient (values local to a copy
     * kept in JVM locals); the gradient's sweeps read input nodes from the input array when the
     * graph allows it ({@link CopyLocals#inputsReadDirectly}).
     */
    void lean(boolean lean) {
        forward.lean(lean);
    }

    /** Starts a chunk method: loads the workspace's arrays into locals. */
    void begin(MethodVisitor mv) {
        s.begin(mv);
    }

    /** Continues writing into a method begun earlier (after writing another one). */
    void resume(MethodVisitor mv) {
        s.resume(mv);
    }

    /**
     * Constant pool entries used so far by this emitter's numbers (indices beyond the range of
     * {@code sipush}, and doubles other than 0 and 1), for keeping a class under the 65535 limit.
     */
    int constantPoolEntries() {
        return s.o.constantPoolEntries();
    }

    /** Forward sweep of a block: its nodes in order, in a loop over the copies of a repeat. */
    void forward(Block b) {
        forward.forward(null, b);
    }

    /** Forward sweep of a block of a nest's body, for the nest's copy {@code r} (the method's parameter). */
    void forward(Nest n, Block b) {
        forward.forward(n, b);
    }

    /** Reverse sweep of a block: its nodes in reverse order, copies from last to first. */
    void backward(Block b) {
        reverse.backward(null, b);
    }

    /**
     * Reverse sweep of a block of a nest's body, for the nest's copy {@code r}. In each copy of a
     * repeat with local nodes ({@link CopyLocals}) it first recomputes their values into locals
     * and clears their adjoint locals, then runs the copy's nodes backward.
     */
    void backward(Nest n, Block b) {
        reverse.backward(n, b);
    }

    /**
     * The loop of a nest over its copies r, calling the methods of its body with r: ascending
     * for the forward sweep, descending for the backward sweep.
     */
    void nestLoop(Nest n, String owner, String desc, List<String> methods, boolean ascending) {
        MethodVisitor mv = s.mv;
        Operands o = s.o;
        Label body = new Label();
        Label test = new Label();
        o.pushInt(ascending ? 0 : n.count() - 1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        for (String m : methods) {
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitVarInsn(ILOAD, COPY);
            mv.visitMethodInsn(INVOKESTATIC, owner, m, desc, false);
        }
        mv.visitIincInsn(COPY, ascending ? 1 : -1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        if (ascending) {
            o.pushInt(n.count());
            mv.visitJumpInsn(IF_ICMPLT, body);
        } else {
            mv.visitJumpInsn(IFGE, body);
        }
    }
}
