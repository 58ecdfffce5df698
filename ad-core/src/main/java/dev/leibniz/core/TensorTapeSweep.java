package dev.leibniz.core;

import dev.leibniz.core.compile.internal.TapeSweep;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.TensorConstant;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * The reverse sweep of a compact recording that holds matrices: vectorized define-by-run code
 * ({@code x.sliceCols(0, 1).square().sumAll()}) records one compact-tape entry per whole-array
 * operation — its one-byte op code and the node indices of its operands, laid out as in
 * {@link TapeSweep} — and keeps each matrix value as a flat {@code double[]} in the
 * {@link ShapeTable}. This sweep walks that tape from the last entry to the first and runs each
 * entry's declared reverse rule on whole arrays: a {@code TensorPrimitive}'s {@code backward}, or a
 * scalar primitive's rule lifted elementwise with broadcasting ({@link TensorEngine#backwardNode});
 * no rule is written here.
 *
 * <p>Per node: its adjoint is a block of its shape's size — a scalar's is {@code g[i]} in the
 * recorder's flat adjoint array, a matrix's its own array, kept from the last sweep when its size
 * is the same (so a loop that records the same shapes allocates nothing after its first call). As
 * in {@link TensorEngine#backward}, a block is zeroed the first time the sweep reaches it, and
 * kernels skip the adjoints of nodes that depend on no parameter (data, constants).
 *
 * <p>Views ({@link TensorPrimitive#isContiguousView}: {@code reshape}) that are their argument's
 * only consumer share its adjoint block: the view's block, zeroed when the sweep first reaches it,
 * is the argument's, so its contributions land in x̄ directly and the entry itself does nothing.
 * Exact: x̄ would have been {@code 0 + v̄} element by element, which is v̄ (a sum started at +0
 * never becomes −0).
 *
 * <p>Cost: one {@link TensorArgs} load per entry (a handful of array stores), then the kernel;
 * for arrays of thousands of elements the kernels are all of it. A recorder owns one sweep; not
 * thread-safe.
 */
final class TensorTapeSweep {
    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);
    private static final int INPUT = Leaves.INPUT.code();
    private static final int CONSTANT = Leaves.CONSTANT.code();
    private static final int MATRIX = TensorConstant.MATRIX.code();

    /** First argument slot of each node, its number of arguments, and whether it depends on a parameter. */
    int[] start = new int[64];
    int[] arity = new int[64];
    boolean[] active = new boolean[64];
    /** Adjoint blocks of matrix nodes, by node, for this sweep (a shared view holds its root's block). */
    double[][] blocks = new double[64][];
    /** The blocks each node owns, kept across sweeps for reuse. */
    private double[][] owned = new double[64][];
    /** Consumers of each node (argument slots that name it). */
    int[] uses = new int[64];
    /**
     * The node whose adjoint block node i uses: i itself, or for a view that is its argument's
     * only consumer, that argument's root (so {@code x.reshape(…)} adds straight into x̄).
     */
    private int[] root = new int[64];
    private final TensorArgs args = new TensorArgs(3);
    /** Views whose adjoint is a strided part of their argument's block. */
    private final StridedAdjoints strided = new StridedAdjoints();

    /** Runs of elementwise entries, swept as one generated loop each. */
    private final ElementwiseSegments segments = new ElementwiseSegments();
    /** Rolls of one argument in a row, swept back in one pass. */
    private final ShiftedAdjoints shifts = new ShiftedAdjoints();

    /**
     * Reverse sweep of the compact tape {@code t} from the scalar node {@code loss}. {@code g}
     * (scalar adjoints, by node) and {@code reach} cover the tape and are zero and false; on return
     * {@code reach} marks every node with a path to the loss.
     */
    void backward(GraphBuilder t, int loss, double[] g, boolean[] reach, Subgradients policy) {
        int n = t.size();
        index(t, n);
        g[loss] = 1.0;
        reach[loss] = true;
        int[] ap = t.argPool;
        TensorArgs a = args;
        a.policy = policy;
        for (int i = n - 1; i >= 0; i--) {
            int first = segments.runStart(i);
            if (first >= 0) {
                segments.backward(t, first, i, g, reach, this, PRIMS, policy);
                continue;
            }
            if (segments.inRun(i)) {
                continue;        // swept by its run's loop; a view the run spans is swept here, after it
            }
            int m = arity[i];
            if (!reach[i] || m == 0) {
                continue;
            }
            int s = start[i];
            if (strided.parent(i) >= 0) {
                // a strided view: its adjoint is already in its argument's block, zeroed when it was reached
                reach[ap[s]] = true;
                continue;
            }
            if (root[i] != i) {
                // a shared view: its adjoint is already in its argument's block, which it zeroed
                reach[ap[s]] = true;
                blocks[ap[s]] = blocks[i];
                continue;
            }
            int low = shifts.sweep(t, this, i, reach);
            if (low >= 0) {
                i = low;         // the rolls of one argument down to entry low, swept in one pass
                continue;
            }
            for (int k = 0; k < m; k++) {
                int arg = ap[s + k];
                if (!reach[arg]) {
                    reach[arg] = true;
                    if (!t.shapes.isScalar(arg)) {
                        double[] b = block(t, arg);
                        Arrays.fill(b, 0.0);
                    }
                }
            }
            if (!active[i]) {
                continue;
            }
            load(t, i, m, s, g, a);
            if (a.hasAdjoint()) {
                TensorEngine.backwardNode(PRIMS[t.ops8[i] & 0xff], a);
            }
        }
    }

    /**
     * True when entry {@code j} is swept by its own reverse rule: not in a fused run, not a view
     * sharing or striding into its argument's adjoint block.
     */
    boolean sweptByOwnRule(int j) {
        return !segments.inRun(j) && root[j] == j && strided.parent(j) < 0;
    }

    /** The adjoint block of node {@code i}: its matrix block, or {@code g} (at offset i) for a scalar. */
    double[] adjointOf(GraphBuilder t, int i, double[] g) {
        return t.shapes.isScalar(i) ? g : blocks[i];
    }

    /**
     * Indexes the tape for one sweep: each node's slots, arity and activity (one forward walk),
     * the views that share their argument's adjoint block, the runs of elementwise entries, and
     * the slices whose adjoints are strided parts of their argument's block.
     */
    private void index(GraphBuilder t, int n) {
        ensureCapacity(n);
        slotsAndActivity(t, n);
        sharedViews(t, n);
        segments.find(t, n, this, PRIMS);
        strided.find(t, n, this);
    }

    /** Grows the per-node arrays to at least {@code n} nodes (their contents are rewritten by {@link #index}). */
    private void ensureCapacity(int n) {
        if (start.length < n) {
            int cap = Math.max(n, 2 * start.length);
            start = new int[cap];
            arity = new int[cap];
            active = new boolean[cap];
        }
        if (blocks.length < n) {
            int cap = Math.max(n, 2 * blocks.length);
            blocks = Arrays.copyOf(blocks, cap);
            owned = Arrays.copyOf(owned, cap);
            uses = new int[cap];
            root = new int[cap];
            strided.ensureCapacity(cap);
        }
    }

    /**
     * Each node's first argument slot, arity, consumer count, and whether it depends on a
     * parameter; every node starts as its own root (no shared adjoint block).
     */
    private void slotsAndActivity(GraphBuilder t, int n) {
        Arrays.fill(uses, 0, n, 0);
        byte[] op = t.ops8;
        int[] ap = t.argPool;
        int p = 0;
        for (int i = 0; i < n; i++) {
            int code = op[i] & 0xff;
            root[i] = i;
            if (code == INPUT || code == CONSTANT || code == MATRIX) {
                arity[i] = 0;
                active[i] = code == INPUT;
                continue;
            }
            Primitive prim = PRIMS[code];
            int extra = prim.hasParam() ? 1 : 0;
            int m;
            if (TapeSweep.fixedSlots(prim)) {
                m = prim.arity();
                start[i] = p;
                p += m + extra;
            } else {
                m = ap[p];
                start[i] = p + 1;
                p += m + extra + 2;
            }
            arity[i] = m;
            boolean act = false;
            for (int k = 0; k < m; k++) {
                int arg = ap[start[i] + k];
                act |= active[arg];
                uses[arg]++;
            }
            active[i] = act;
        }
    }

    /** Views whose argument has no other consumer share its adjoint block (the root's). */
    private void sharedViews(GraphBuilder t, int n) {
        byte[] op = t.ops8;
        int[] ap = t.argPool;
        for (int i = 0; i < n; i++) {
            int code = op[i] & 0xff;
            if (arity[i] == 1 && PRIMS[code] instanceof TensorPrimitive tp && tp.isContiguousView()) {
                int arg = ap[start[i]];
                if (uses[arg] == 1 && !t.shapes.isScalar(i) && !t.shapes.isScalar(arg)) {
                    root[i] = root[arg];
                }
            }
        }
    }

    /**
     * Zeroes the adjoint block of {@code node}, reached for the first time: its own, or for a
     * strided view its argument's block (once, by the first of its views reached).
     */
    void zeroReached(GraphBuilder t, int node) {
        int p = strided.parent(node);
        if (p < 0) {
            Arrays.fill(block(t, node), 0.0);
            return;
        }
        double[] b = block(t, p);
        if (strided.zeroOnce(p)) {
            Arrays.fill(b, 0.0);
        }
        blocks[node] = b;
    }

    /** True when node {@code i}'s adjoint is a block of its own (or its root's), not a strided part of its argument's. */
    boolean ownsBlock(int i) {
        return strided.parent(i) < 0;
    }

    /** Where node {@code i}'s adjoint starts in {@code blocks[i]}. */
    int adjointOffset(int i) {
        return strided.offset(i);
    }

    /** The step between node {@code i}'s adjoint elements in {@code blocks[i]}. */
    int adjointStride(int i) {
        return strided.stride(i);
    }

    /** True when entry {@code i} belongs to a fused run. */
    boolean inRun(int i) {
        return segments.inRun(i);
    }

    /** The node whose adjoint block node {@code i} uses (itself, or a shared view's root). */
    int rootOf(int i) {
        return root[i];
    }

    /**
     * Node {@code i}'s matrix adjoint block for this sweep: the block its root owns (its size may
     * have changed since the last sweep; a view and its root have the same size).
     */
    double[] block(GraphBuilder t, int i) {
        int r = root[i];
        int size = t.shapes.shapeOf(r).size();
        double[] b = owned[r];
        if (b == null || b.length != size) {
            b = new double[size];
            owned[r] = b;
        }
        blocks[i] = b;
        return b;
    }

    /**
     * Loads node {@code i}'s values, adjoints, shapes and parameter into {@code a}. A matrix
     * primitive that saves an operand for its reverse rule gets it filled; one that saves nothing
     * (a slice, a concatenation) gets whatever array the node has, which a lazy view does not:
     * its rule reads only adjoints.
     */
    private void load(GraphBuilder t, int i, int m, int s, double[] g, TensorArgs a) {
        int[] ap = t.argPool;
        ShapeTable sh = t.shapes;
        Primitive prim = PRIMS[t.ops8[i] & 0xff];
        boolean movesOnly = prim instanceof TensorPrimitive;
        a.ensure(m);
        a.n = m;
        for (int k = 0; k < m; k++) {
            int arg = ap[s + k];
            boolean scalar = sh.isScalar(arg);
            a.x[k] = scalar ? t.values : movesOnly && !prim.savesInput(k) ? sh.tensorValues[arg] : sh.values(arg);
            a.xo[k] = scalar ? arg : 0;
            a.xs[k] = sh.shapeOf(arg);
            a.gx[k] = scalar ? g : blocks[arg];
            a.gxo[k] = scalar ? arg : 0;
            a.need[k] = active[arg];
        }
        boolean scalar = sh.isScalar(i);
        a.y = scalar ? t.values : movesOnly && !prim.savesOutput() ? sh.tensorValues[i] : sh.values(i);
        a.yo = scalar ? i : 0;
        a.ys = sh.shapeOf(i);
        a.gy = scalar ? g : blocks[i];
        a.gyo = scalar ? i : 0;
        a.param = prim.hasParam() ? t.constPool[ap[s + m]] : 0.0;
    }
}
