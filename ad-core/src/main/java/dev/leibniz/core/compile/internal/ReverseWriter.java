package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.NodeEmitter.ADJOINT;
import static dev.leibniz.core.compile.internal.NodeEmitter.ADJOINTS;
import static dev.leibniz.core.compile.internal.NodeEmitter.COPY;
import static dev.leibniz.core.compile.internal.NodeEmitter.GRAPH;
import static dev.leibniz.core.compile.internal.NodeEmitter.OUTER;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE;
import static dev.leibniz.core.compile.internal.NodeEmitter.WORKSPACE_TYPE;

import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the reverse sweep {@code if (g[i] != 0) { g[a] += g[i]·∂f/∂a; g[b] += g[i]·∂f/∂b; }} of
 * a block: a single node with constant indices, or a repeat as a loop over its copies from last to
 * first. In each copy of a repeat with local nodes ({@link CopyLocals}) it first recomputes their
 * values into locals and clears their adjoint locals, then runs the copy's nodes backward.
 *
 * <p>A repeat whose template allows it runs a {@link GuardedCopy} per copy (one test, the plain
 * body, the commit) and falls back to the exact code when the guard fails; that exact code is
 * written out of line ({@link #exactMethod}) when at most one template node carries its adjoint
 * to the previous copy. The last region, when it is a {@link FusedReduction}, is written by
 * {@link FusedLoopWriter} instead.
 */
final class ReverseWriter implements Opcodes {
    /** {@link #soleCarry}: more than one template node carries its adjoint. */
    private static final int MANY_CARRIES = -2;
    /** {@code (KernelState w, int r, int k, double carryIn) → carryOut}: a guarded copy's exact code. */
    static final String EXACT_DESC = "(L" + WORKSPACE_TYPE + ";IID)D";

    private final EmitterState s;
    private final ForwardWriter forward;
    private final FusedLoopWriter fusedLoop;
    /** Where the exact code of guarded copies goes ({@link #exactMethod}); null: in line. */
    private NodeEmitter.Methods methods;
    private int exactMethods;

    ReverseWriter(EmitterState s, ForwardWriter forward) {
        this.s = s;
        this.forward = forward;
        this.fusedLoop = new FusedLoopWriter(s, forward, this);
    }

    void methods(NodeEmitter.Methods methods) {
        this.methods = methods;
    }

    /** Reverse sweep of a block of a nest's body (null outside nests), for the nest's copy {@code r}. */
    void backward(Nest n, Block b) {
        s.nest = n;
        s.block = b;
        boolean[] local = s.locals.of(n, b);
        s.o.enter(n, b, local);
        s.o.direct(true);
        if (!b.isRepeat()) {
            backwardNode(0);
            return;
        }
        s.saved = b == s.fused ? null : s.locals.saved(n, b, local);
        try {
            backwardRepeat(n, b, local);
        } finally {
            s.saved = null;
        }
    }

    private void backwardRepeat(Nest n, Block b, boolean[] local) {
        if (b == s.fused) {
            fusedLoop.write(b, local);
            return;
        }
        Operands o = s.o;
        // k from count − 1 down to 0 and j from period − 1 down to 0 visit the nodes in exactly
        // the interpreter's reverse order, so each adjoint sums its terms in the same order
        boolean[] carried = s.locals.adjointCarries(n, b);
        takeLastCopysCarries(n, b, carried);
        o.carryAdjoints(carried, true);
        GuardedCopy guarded = GuardedCopy.of(s.t, o, n, b);
        int carriedNode = soleCarry(carried);
        String exactMethod = guarded != null && methods != null && carriedNode != MANY_CARRIES ? exactMethod(local, carriedNode) : null;
        MethodVisitor mv = s.mv;
        Label body = new Label();
        Label test = new Label();
        o.pushInt(b.count() - 1);
        mv.visitVarInsn(ISTORE, COPY);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        Label next = new Label();
        if (guarded != null) {              // one test per copy; the exact code below if it fails
            forward.recompute(local);
            Label exact = new Label();
            guarded.emit(mv, jj -> s.access(jj, b.start() + jj), exact);
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
        forward.recompute(local);
        backwardCopy(local);
        o.carryAdjoints(null, false);
    }

    /**
     * Moves the last copy's adjoint of each carried template node from the array into its
     * carry-in local (all its terms came from outside the repeat) and clears the array element.
     */
    private void takeLastCopysCarries(Nest n, Block b, boolean[] carried) {
        MethodVisitor mv = s.mv;
        int outer = n == null ? 0 : n.nodeStride();
        for (int jj = 0; carried != null && jj < b.period(); jj++) {
            if (carried[jj]) {
                mv.visitVarInsn(ALOAD, ADJOINTS);
                s.o.pushAffine(b.start() + jj + (b.count() - 1) * b.period(), 0, outer);
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
        MethodVisitor mv = s.mv;
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
                s.mv.visitInsn(DCONST_0);
                s.mv.visitVarInsn(DSTORE, Operands.carryOutSlot(jj));
            }
        }
        if (!guarded) {
            forward.recompute(local);
        }
        if (guarded) {
            exactCopy(local);
        } else {
            backwardCopy(local);
        }
    }

    /** One copy's reverse code as a guarded copy's exact fallback ({@link EmitterState#fallback}). */
    void exactCopy(boolean[] local) {
        s.fallback = true;
        backwardCopy(local);
        s.fallback = false;
    }

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
        MethodVisitor loop = s.mv;
        String name = "x" + exactMethods++;
        MethodVisitor x = methods.open(name, EXACT_DESC);
        s.resume(x);
        x.visitVarInsn(ILOAD, 2);                       // k, before begin() reuses slot 2
        x.visitVarInsn(ISTORE, COPY);
        if (carried >= 0) {
            x.visitVarInsn(DLOAD, 3);
            x.visitVarInsn(DSTORE, Operands.carryInSlot(carried));
            x.visitInsn(DCONST_0);                      // the previous copy's adjoint: its one term, added to 0
            x.visitVarInsn(DSTORE, Operands.carryOutSlot(carried));
        }
        s.begin(x);
        forward.recompute(local);
        exactCopy(local);
        if (carried >= 0) {
            x.visitVarInsn(DLOAD, Operands.carryOutSlot(carried));
        } else {
            x.visitInsn(DCONST_0);
        }
        x.visitInsn(DRETURN);
        methods.close(x);
        s.resume(loop);
        return name;
    }

    /** One copy of a repeat backward, by the exact code: its local adjoints cleared, its nodes swept. */
    void backwardCopy(boolean[] local) {
        for (int j = 0; local != null && j < s.block.period(); j++) {
            if (local[j]) {
                s.mv.visitInsn(DCONST_0);
                s.mv.visitVarInsn(DSTORE, Operands.adjointSlot(j));
            }
        }
        for (int j = s.block.period() - 1; j >= 0; j--) {
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
        Operands o = s.o;
        MethodVisitor mv = s.mv;
        int u = s.block.start() + j;
        Primitive p = Primitives.byCode(s.t.op[u]);
        if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT
                || !o.dependsOnInput(u, s.block.period(), s.nest == null ? 0 : s.nest.nodeStride())) {
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

    /**
     * The terms node j adds to its arguments' adjoints: by {@link RuleEmitter} (in a guard's
     * fallback, {@link EmitterState#fallback}, only its compact copy with
     * {@link dev.leibniz.core.prim.Flow#times} on every edge: the same numbers, half the code), the
     * primitives of three or more arguments through {@link Calls#backwardGeneral}.
     */
    private void partials(Primitive p, int j, int u) {
        MethodVisitor mv = s.mv;
        if (RuleEmitter.handles(p)) {
            RuleEmitter.accumulateAll(mv, p, s.access(j, u), k -> s.o.argDependsOnInput(j, k), s.fallback);
        } else {
            mv.visitVarInsn(ALOAD, GRAPH);
            s.o.pushNodeIndex(j);
            mv.visitVarInsn(ALOAD, WORKSPACE);
            mv.visitMethodInsn(INVOKESTATIC, EmitterState.CALLS, "backwardGeneral", EmitterState.GENERAL_DESC + ")V", false);
        }
    }
}
