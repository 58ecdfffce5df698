package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
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

    static final String WORKSPACE_TYPE = Type.getInternalName(KernelState.class);
    private static final String CALLS = Type.getInternalName(Calls.class);
    private static final String GRAPH_DESC = Type.getDescriptor(Graph.class);
    private static final String POLICY_DESC = Type.getDescriptor(Subgradients.class);
    private static final String GENERAL_DESC = "(" + GRAPH_DESC + "I" + Type.getDescriptor(KernelState.class);

    private final NodeTable t;
    private final Operands o;
    private final CopyLocals locals;
    private MethodVisitor mv;
    private Block block;
    /** The nest whose body is being emitted, or null. */
    private Nest nest;
    /**
     * Whether the forward sweep being written is the gradient's: it keeps the values of local
     * template nodes ({@link CopyLocals}) in JVM locals instead of storing them, since the reverse
     * sweep recomputes them. The plain forward sweep stores every value (callers read them all).
     */
    private boolean lean;
    /** Nodes of the repeat being written whose values its loop keeps only in carry locals ({@link CopyLocals#storeless}), or null. */
    private boolean[] storeless;
    /** Local template nodes of the block being written whose values are also stored ({@link CopyLocals#saved}), or null. */
    private boolean[] saved;
    /** Whether the exact code being written is a {@link GuardedCopy}'s fallback (run only when its guard fails). */
    private boolean fallback;

    /** Where the exact code of guarded copies goes ({@link #exactMethod}). */
    private Methods methods;
    private int exactMethods;

    /** Opens and closes the methods of the class being written, for code written out of line. */
    interface Methods {
        /** A new private static method of the class, its code begun. */
        MethodVisitor open(String name, String desc);

        /** Ends a method opened by {@link #open}. */
        void close(MethodVisitor mv);

        /** The internal name of the class. */
        String owner();
    }

    void methods(Methods methods) {
        this.methods = methods;
    }

    /** The last region when it is a {@link FusedReduction}, else null; and its running sum's template node. */
    private Block fused;
    private int fusedSum = -1;

    /** Writes {@code b} as a fused reduction with running sum {@code sum} (see {@link FusedReduction}). */
    void fuse(Block b, int sum) {
        this.fused = b;
        this.fusedSum = sum;
    }

    NodeEmitter(NodeTable t, CopyLocals locals, int firstDirectInput, int inputCount) {
        this.t = t;
        this.o = new Operands(t);
        this.o.directInputs(firstDirectInput, inputCount);
        this.locals = locals;
    }

    /**
     * Whether the following forward blocks are written for the gradient (see {@link #lean}); the
     * gradient's sweeps read input nodes from the input array when the graph allows it
     * ({@link CopyLocals#inputsReadDirectly}).
     */
    void lean(boolean lean) {
        this.lean = lean;
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

    /**
     * Local holding the workspace's {@code fuse} flag, true when a reverse sweep follows this
     * forward sweep ({@code valueAndGradient}): only then are {@link CopyLocals#saved} values stored.
     */
    static final int SAVING = GuardedCopy.GUARD + 2;

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

    /**
     * Constant pool entries used so far by this emitter's numbers (indices beyond the range of
     * {@code sipush}, and doubles other than 0 and 1), for keeping a class under the 65535 limit.
     */
    int constantPoolEntries() {
        return o.constantPoolEntries();
    }

    // ---------------------------------------------------------------- forward

    /** Forward sweep of a block: its nodes in order, in a loop over the copies of a repeat. */
    void forward(Block b) {
        forward(null, b);
    }

    /** Forward sweep of a block of a nest's body, for the nest's copy {@code r} (the method's parameter). */
    void forward(Nest n, Block b) {
        if (lean && b == fused) {           // the gradient runs it in its reverse sweep
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
        nest = n;
        block = b;
        boolean[] local = lean ? locals.of(n, b) : null;
        o.enter(n, b, local);
        o.direct(lean);
        if (!b.isRepeat()) {
            forwardNode(0);
            return;
        }
        storeless = lean ? locals.storeless(n, b, local) : null;
        saved = lean && b != fused ? locals.saved(n, b, local) : null;
        // a value the next copy reads (a running sum) is carried in a local, not reloaded from
        // the array: a dependence through memory costs a store-to-load forwarding per copy
        boolean[] carried = locals.valueCarries(n, b);
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
        for (int jj = 0; storeless != null && jj < b.period(); jj++) {
            if (storeless[jj]) {                // the last copy's value, read after the loop
                mv.visitVarInsn(ALOAD, VALUES);
                o.pushAffine(b.start() + jj + (b.count() - 1) * b.period(), 0, n == null ? 0 : n.nodeStride());
                mv.visitVarInsn(DLOAD, Operands.carryValueSlot(jj));
                mv.visitInsn(DASTORE);
            }
        }
        storeless = null;
        saved = null;
    }

    /** {@code v[i] = value} for template node j, or {@code local_j = value} when it is held in locals. */
    private void forwardNode(int j) {
        int u = block.start() + j;
        Primitive p = Primitives.byCode(t.op[u]);
        if (p.kind() == Primitive.Kind.INPUT && o.isDirectInput(u)) {
            return;                             // read from the input array where it is used
        }
        boolean local = o.isLocal(j);
        boolean unstored = storeless != null && storeless[j];
        if (!local && !unstored) {
            mv.visitVarInsn(ALOAD, VALUES);
            o.pushNodeIndex(j);
        }
        switch (p.kind()) {
            case INPUT -> {
                mv.visitVarInsn(ALOAD, INPUTS);
                o.pushAffine((int) t.param[u], block.isRepeat() ? block.paramStride()[j] : 0,
                        nest == null ? 0 : block.outerParamStride()[j]);
                mv.visitInsn(DALOAD);
            }
            case CONSTANT -> o.pushDouble(t.param[u]);
            default -> value(p, j, u);
        }
        boolean carry = o.carriesValue(j);
        if (unstored) {
            mv.visitVarInsn(DSTORE, Operands.carryValueSlot(j));
        } else if (local) {
            if (carry) {
                mv.visitInsn(DUP2);
                mv.visitVarInsn(DSTORE, Operands.carryValueSlot(j));
            }
            if (saved != null && saved[j] && !recomputing) {
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

    private void value(Primitive p, int j, int u) {
        if (RuleEmitter.handles(p)) {
            RuleEmitter.value(mv, p, access(j, u));
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            o.pushNodeIndex(j);
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitMethodInsn(INVOKESTATIC, CALLS, "applyGeneral", GENERAL_DESC + ")D", false);
        }
    }

    /** How {@link RuleEmitter} reaches the operands of template node j (index u in the graph). */
    private RuleEmitter.NodeAccess access(int j, int u) {
        return new RuleEmitter.NodeAccess() {
            @Override
            public void loadArg(int k) {
                o.loadArg(j, k);
            }

            @Override
            public void loadOwn() {
                o.loadOwn(j);
            }

            @Override
            public void loadParam() {
                o.pushDouble(t.param[u]);
            }

            @Override
            public void loadPolicy() {
                mv.visitVarInsn(ALOAD, POLICY);
            }

            @Override
            public void loadAdjoint() {
                mv.visitVarInsn(DLOAD, ADJOINT);
            }

            @Override
            public void pushAdjointSlot(int k) {
                if (o.directInputArg(j, k)) {
                    o.pushInputSlot(GRADIENT, j, k);
                } else {
                    mv.visitVarInsn(ALOAD, ADJOINTS);
                    o.pushArgIndex(j, k);
                }
            }

            @Override
            public void loadArgAdjoint(MethodVisitor mv, int k) {
                int cj = o.carriedAdjointArg(j, k);
                int jj = o.localArg(j, k);
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
                int cj = o.carriedAdjointArg(j, k);
                int jj = o.localArg(j, k);
                if (cj >= 0) {
                    mv.visitVarInsn(DSTORE, Operands.carryOutSlot(cj));
                } else if (jj >= 0) {
                    mv.visitVarInsn(DSTORE, Operands.adjointSlot(jj));
                } else {
                    mv.visitInsn(DASTORE);
                }
            }
        };
    }

    // ---------------------------------------------------------------- backward

    /** Reverse sweep of a block: its nodes in reverse order, copies from last to first. */
    void backward(Block b) {
        backward(null, b);
    }

    /**
     * Reverse sweep of a block of a nest's body, for the nest's copy {@code r}. In each copy of a
     * repeat with local nodes ({@link CopyLocals}) it first recomputes their values into locals
     * and clears their adjoint locals, then runs the copy's nodes backward.
     */
    void backward(Nest n, Block b) {
        nest = n;
        block = b;
        boolean[] local = locals.of(n, b);
        o.enter(n, b, local);
        o.direct(true);
        if (!b.isRepeat()) {
            backwardNode(0);
            return;
        }
        saved = b == fused ? null : locals.saved(n, b, local);
        try {
            backwardRepeat(n, b, local);
        } finally {
            saved = null;
        }
    }

    private void backwardRepeat(Nest n, Block b, boolean[] local) {
        if (b == fused) {
            fusedLoop(b, local);
            return;
        }
        // k from count − 1 down to 0 and j from period − 1 down to 0 visit the nodes in exactly
        // the interpreter's reverse order, so each adjoint sums its terms in the same order
        boolean[] carried = locals.adjointCarries(n, b);
        takeLastCopysCarries(n, b, carried);
        o.carryAdjoints(carried, true);
        GuardedCopy guarded = GuardedCopy.of(t, o, n, b);
        int carriedNode = soleCarry(carried);
        String exactMethod = guarded != null && methods != null && carriedNode != MANY_CARRIES ? exactMethod(local, carriedNode) : null;
        Label body = new Label();
        Label test = new Label();
        o.pushInt(b.count() - 1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        Label next = new Label();
        if (guarded != null) {              // one test per copy; the exact code below if it fails
            recompute(local);
            Label exact = new Label();
            guarded.emit(mv, jj -> access(jj, b.start() + jj), exact);
            mv.visitJumpInsn(GOTO, next);
            mv.visitLabel(exact);
        }
        if (exactMethod != null) {          // the exact code, in a method of its own
            callExact(exactMethod, carriedNode);
        } else {
            exactCopyInline(local, carried, guarded != null);
        }
        mv.visitLabel(next);
        for (int jj = 0; carried != null && jj < b.period(); jj++) {
            if (carried[jj]) {
                mv.visitVarInsn(DLOAD, Operands.carryOutSlot(jj));
                mv.visitVarInsn(DSTORE, Operands.carryInSlot(jj));
            }
        }
        mv.visitIincInsn(COPY, -1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        if (carried == null) {
            mv.visitJumpInsn(IFGE, body);
            return;
        }
        // copy 0, peeled: its terms for the node before the block go to the array, in order
        mv.visitJumpInsn(IFGT, body);
        o.carryAdjoints(carried, false);
        recompute(local);
        backwardCopy(local);
        o.carryAdjoints(null, false);
    }

    /**
     * Moves the last copy's adjoint of each carried template node from the array into its
     * carry-in local (all its terms came from outside the repeat) and clears the array element.
     */
    private void takeLastCopysCarries(Nest n, Block b, boolean[] carried) {
        int outer = n == null ? 0 : n.nodeStride();
        for (int jj = 0; carried != null && jj < b.period(); jj++) {
            if (carried[jj]) {
                mv.visitVarInsn(ALOAD, ADJOINTS);
                o.pushAffine(b.start() + jj + (b.count() - 1) * b.period(), 0, outer);
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DSTORE, Operands.carryInSlot(jj));
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DASTORE);
            }
        }
    }

    /** Calls a guarded copy's exact code, written out of line ({@link #EXACT_DESC}), passing the carry. */
    private void callExact(String exactMethod, int carriedNode) {
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitVarInsn(ILOAD, OUTER);
        mv.visitVarInsn(ILOAD, COPY);
        if (carriedNode >= 0) {
            mv.visitVarInsn(DLOAD, Operands.carryInSlot(carriedNode));
        } else {
            mv.visitInsn(DCONST_0);
        }
        mv.visitMethodInsn(INVOKESTATIC, methods.owner(), exactMethod, EXACT_DESC, false);
        if (carriedNode >= 0) {
            mv.visitVarInsn(DSTORE, Operands.carryOutSlot(carriedNode));
        } else {
            mv.visitInsn(POP2);
        }
    }

    /**
     * One copy's exact reverse code in line: the carried adjoints start at 0 (the previous copy's
     * one term is added to it), the local values are recomputed unless a guard already did.
     */
    private void exactCopyInline(boolean[] local, boolean[] carried, boolean guarded) {
        for (int jj = 0; carried != null && jj < carried.length; jj++) {
            if (carried[jj]) {
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, Operands.carryOutSlot(jj));
            }
        }
        if (!guarded) {
            recompute(local);
        }
        fallback = guarded;
        backwardCopy(local);
        fallback = false;
    }

    /** {@link #soleCarry}: more than one template node carries its adjoint. */
    private static final int MANY_CARRIES = -2;
    /** {@code (KernelState w, int r, int k, double carryIn) → carryOut}: a guarded copy's exact code. */
    static final String EXACT_DESC = "(L" + WORKSPACE_TYPE + ";IID)D";

    /** The one template node whose adjoint is carried, −1 for none, {@link #MANY_CARRIES} for more. */
    private static int soleCarry(boolean[] carried) {
        int sole = -1;
        for (int j = 0; carried != null && j < carried.length; j++) {
            if (carried[j]) {
                if (sole >= 0) {
                    return MANY_CARRIES;
                }
                sole = j;
            }
        }
        return sole;
    }

    /**
     * Writes the exact reverse code of one copy of the current repeat as a method of its own,
     * {@code (w, r, k, carryIn) → carryOut} (the adjoint of node {@code carried} of copy k, and the
     * terms this copy adds to that node of copy k − 1; 0 and unused when {@code carried} is −1),
     * and returns its name. The method recomputes the copy's local values itself.
     *
     * <p>Why: the exact code runs only when a {@link GuardedCopy guard} fails (a non-finite or
     * negative-zero adjoint), but written inline it doubled the reverse loop's bytecode, and a
     * method must stay under HotSpot's 8000 bytes to be compiled at all: with it out of line, the
     * loop holds only the recomputation, the plain body and the commit, and templates of up to
     * {@link GuardedCopy#MAX_PERIOD} nodes fit (a grid point with its share of a weighted sum).
     */
    private String exactMethod(boolean[] local, int carried) {
        MethodVisitor loop = mv;
        String name = "x" + exactMethods++;
        MethodVisitor x = methods.open(name, EXACT_DESC);
        mv = x;
        o.writeTo(x);
        x.visitVarInsn(ILOAD, 2);                       // k, before begin() reuses slot 2
        x.visitVarInsn(ISTORE, COPY);
        if (carried >= 0) {
            x.visitVarInsn(DLOAD, 3);
            x.visitVarInsn(DSTORE, Operands.carryInSlot(carried));
            x.visitInsn(DCONST_0);                      // the previous copy's adjoint: its one term, added to 0
            x.visitVarInsn(DSTORE, Operands.carryOutSlot(carried));
        }
        begin(x);
        recompute(local);
        fallback = true;
        backwardCopy(local);
        fallback = false;
        if (carried >= 0) {
            x.visitVarInsn(DLOAD, Operands.carryOutSlot(carried));
        } else {
            x.visitInsn(DCONST_0);
        }
        x.visitInsn(DRETURN);
        methods.close(x);
        resume(loop);
        return name;
    }

    /**
     * The fused loop of a {@link FusedReduction}: copies in ascending order, each computing its
     * values (the running sum in its carry local) and at once sweeping its adjoints, the sum's
     * adjoint being the output's for every copy. Copy 0 (whose previous sum is the node before the
     * loop, in the arrays) by the exact code, the others guarded. The gradient's forward sweep
     * skipped the loop, so the final sum is stored at the end.
     */
    private void fusedLoop(Block b, boolean[] local) {
        int sum = fusedSum;
        int last = b.start() + sum + (b.count() - 1) * b.period();
        boolean[] carried = new boolean[b.period()];
        carried[sum] = true;
        takeFusedSeed(b, sum, last, carried);
        storeless = carried;
        fusedFirstCopy(local, sum, carried);
        GuardedCopy guarded = GuardedCopy.of(t, o, null, b);
        Label body = new Label();
        Label test = new Label();
        Label next = new Label();
        Label exact = new Label();
        mv.visitInsn(ICONST_1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        recomputeWithSum(local, sum);
        guarded.emit(mv, jj -> access(jj, b.start() + jj), exact);
        mv.visitJumpInsn(GOTO, next);
        mv.visitLabel(exact);
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, Operands.carryOutSlot(sum));
        fallback = true;
        backwardCopy(local);
        fallback = false;
        mv.visitLabel(next);
        mv.visitIincInsn(COPY, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, COPY);
        o.pushInt(b.count());
        mv.visitJumpInsn(IF_ICMPLT, body);
        o.carryAdjoints(null, false);
        o.carryValues(null);
        storeless = null;
        Label keep = new Label();               // the value, when this sweep's forward skipped the loop
        mv.visitVarInsn(ALOAD, WORKSPACE);
        mv.visitFieldInsn(GETFIELD, WORKSPACE_TYPE, "fuse", "Z");
        mv.visitJumpInsn(IFEQ, keep);
        mv.visitVarInsn(ALOAD, VALUES);
        o.pushInt(last);
        mv.visitVarInsn(DLOAD, Operands.carryValueSlot(sum));
        mv.visitInsn(DASTORE);
        mv.visitLabel(keep);
    }

    /**
     * The fused loop's start: the final sum's adjoint (its seed) into the sum's carry-in, cleared
     * in the array; the sum before the loop (the node before it) into the carried value.
     */
    private void takeFusedSeed(Block b, int sum, int last, boolean[] carried) {
        mv.visitVarInsn(ALOAD, ADJOINTS);
        o.pushInt(last);
        mv.visitInsn(DUP2);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DSTORE, Operands.carryInSlot(sum));
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DASTORE);
        o.carryValues(carried);
        o.loadNode(b.start() + sum - b.period(), 0);
        mv.visitVarInsn(DSTORE, Operands.carryValueSlot(sum));
    }

    /** Copy 0 of the fused loop, whose previous sum is in the arrays, by the exact code's compact form. */
    private void fusedFirstCopy(boolean[] local, int sum, boolean[] carried) {
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, COPY);
        o.carryAdjoints(carried, false);
        recomputeWithSum(local, sum);
        fallback = true;
        backwardCopy(local);
        fallback = false;
        o.carryAdjoints(carried, true);
    }

    /** The local values of one copy and its running sum (into its carry local), in template order. */
    private void recomputeWithSum(boolean[] local, int sum) {
        for (int j = 0; j < block.period(); j++) {
            if (j == sum || local != null && local[j]) {
                forwardNode(j);
            }
        }
    }

    /** Whether {@link #recompute} is writing (saved values are loaded, not stored). */
    private boolean recomputing;

    /**
     * The local values of one copy of a repeat, recomputed into their locals; a saved value
     * ({@link CopyLocals#saved}) loaded from the array instead (what it is computed from is then
     * dead code, unless something else reads it, and the JIT drops it).
     */
    private void recompute(boolean[] local) {
        recomputing = true;
        for (int j = 0; local != null && j < block.period(); j++) {
            if (saved != null && saved[j]) {
                mv.visitVarInsn(ALOAD, VALUES);
                o.pushNodeIndex(j);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DSTORE, Operands.valueSlot(j));
            } else if (local[j]) {
                forwardNode(j);
            }
        }
        recomputing = false;
    }

    /** One copy of a repeat backward, by the exact code: its local adjoints cleared, its nodes swept. */
    private void backwardCopy(boolean[] local) {
        for (int j = 0; local != null && j < block.period(); j++) {
            if (local[j]) {
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, Operands.adjointSlot(j));
            }
        }
        for (int j = block.period() - 1; j >= 0; j--) {
            backwardNode(j);
        }
    }

    /**
     * {@code gi = g[i]; if (gi != 0) { g[arg] += gi · partial …; g[i] = 0; }} for template node j
     * (g_j a local when the node is local). Clearing g[i] once it has been used leaves the adjoint
     * array zero after the sweep, but for the input nodes and for seeds on nodes that depend on no
     * input, so the next gradient need not clear it all ({@link CompiledGraph#valueAndGradient}):
     * at 10⁶ nodes the clearing was an 8 MB write per gradient.
     */
    private void backwardNode(int j) {
        int u = block.start() + j;
        Primitive p = Primitives.byCode(t.op[u]);
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT
                || !o.dependsOnInput(u, block.period(), nest == null ? 0 : nest.nodeStride())) {
            return;
        }
        Label skip = new Label();
        boolean carried = o.carriesAdjoint(j);
        boolean local = o.isLocal(j) || carried;
        if (carried) {
            mv.visitVarInsn(DLOAD, Operands.carryInSlot(j));
        } else if (o.isLocal(j)) {
            mv.visitVarInsn(DLOAD, Operands.adjointSlot(j));
        } else {
            mv.visitVarInsn(ALOAD, ADJOINTS);
            o.pushNodeIndex(j);
            mv.visitInsn(DALOAD);
        }
        mv.visitInsn(DUP2);
        mv.visitVarInsn(DSTORE, ADJOINT);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, skip);
        partials(p, j, u);
        if (!local) {
            mv.visitVarInsn(ALOAD, ADJOINTS);
            o.pushNodeIndex(j);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DASTORE);
        }
        mv.visitLabel(skip);
    }

    private void partials(Primitive p, int j, int u) {
        if (RuleEmitter.handles(p)) {
            RuleEmitter.accumulateAll(mv, p, access(j, u), k -> o.argDependsOnInput(j, k), fallback);
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            o.pushNodeIndex(j);
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitMethodInsn(INVOKESTATIC, CALLS, "backwardGeneral", GENERAL_DESC + ")V", false);
        }
    }

    /**
     * The loop of a nest over its copies r, calling the methods of its body with r: ascending
     * for the forward sweep, descending for the backward sweep.
     */
    void nestLoop(Nest n, String owner, String desc, List<String> methods, boolean ascending) {
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
