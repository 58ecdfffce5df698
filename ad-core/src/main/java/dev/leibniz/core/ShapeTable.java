package dev.leibniz.core;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Shapes;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * The shapes and matrix values of a {@link GraphBuilder}'s nodes: a side table kept beside the
 * scalar tape.
 *
 * <p>The table is inactive while every node is scalar, so scalar tapes keep their size and their
 * fast paths; the first non-scalar node activates it. A node's shape is {@code shape[id]}, null
 * for 1×1. When recording, a matrix node's value is its own array {@code tensorValues[id]};
 * scalar values stay in the builder's {@code values[]}, which is why {@link #dataOf} and
 * {@link #offsetOf} name the array and offset holding either kind.
 *
 * <p>Buffers are kept across recordings: {@link #clear} forgets the shapes but keeps every
 * node's value array, and a node recorded again with a value of the same number of elements
 * writes into the array it had last time. A loop that records the same sequence of operations on
 * the same shapes (a training loop, a benchmark) therefore allocates no value arrays after its
 * first recording; a recording of other shapes allocates only where a node's size changed.
 *
 * <p>Views: a node whose primitive declares {@link TensorPrimitive#isContiguousView} (a
 * {@code reshape}) shares its argument's array. Nothing writes a recorded value after its node
 * is appended (values handed to users are copies), so sharing is safe, and it saves a copy
 * forward; the reverse sweep shares adjoint blocks likewise ({@link TensorTapeSweep}).
 */
final class ShapeTable {
    private final boolean recording;
    private final Subgradients policy;

    /** Whether any node is not 1×1 (since the last {@link #clear}). */
    private boolean active;
    /** Shape per node; null entries are 1×1. Null until the first matrix. */
    private Shape[] shape;
    /** Nodes whose {@code shape} entries may be set (cleared up to it). */
    private int used;
    /**
     * Row-major values of recorded matrix nodes; null when tracing. A view node
     * ({@link TensorPrimitive#isContiguousView}) holds its argument's array here, not a copy.
     */
    double[][] tensorValues;
    /**
     * The arrays each node owns, kept across recordings for reuse ({@link #buffer}); apart from
     * {@link #tensorValues} so that a node that was a view in the last recording never reuses, and
     * so overwrites, the array of the node it viewed.
     */
    private double[][] owned;
    /**
     * Lazy views (a slice or reshape whose elements are another node's, read in place): per node
     * the node whose array holds them, or −1, and where — element i is at
     * {@code viewOffset + i·viewStride} of it. A lazy view's own array is filled only when a reader
     * other than a fused run needs it contiguous ({@link #values}).
     */
    private int[] viewRoot;
    private int[] viewOffset;
    private int[] viewStride;
    private TensorArgs tensorArgs;
    /** Elementwise entries whose evaluation waits for a reader ({@link PendingRun}); recordings only. */
    private final PendingRun pending = new PendingRun();
    /** The tape whose scalar values a deferred evaluation reads and writes. */
    private final TapeArrays tape;

    ShapeTable(boolean recording, Subgradients policy, TapeArrays tape) {
        this.recording = recording;
        this.policy = policy;
        this.tape = tape;
    }

    /** Evaluates the elementwise entries that wait, if any: before anything reads a matrix value. */
    void flush() {
        if (pending.count > 0) {
            pending.evaluate(this, tape.values, policy, -1, -1);
        }
    }

    /**
     * The value array of recorded matrix node {@code id}, filled: entries that wait are evaluated
     * and a virtual node's run is evaluated again with its stores ({@link PendingRun}).
     */
    double[] values(int id) {
        if (pending.count > 0 && (pending.waiting(id) || isLazyView(id) && pending.waiting(viewRoot[id]))) {
            // only a waiting entry (or a view of one) needs the run evaluated: any other node was
            // filled when recorded, so reading it (a reshape of the weights between two stretches
            // of arithmetic) leaves the run waiting for its sum
            flush();
        }
        if (pending.isVirtual(id)) {
            pending.materialize(this, tape.values, policy, id);
        }
        if (tensorValues[id] == null && isLazyView(id)) {      // a lazy view read contiguously: copy it once
            double[] src = values(viewRoot[id]);
            int size = shapeOf(id).size();
            double[] b = buffer(id, size);
            for (int i = 0, at = viewOffset[id], step = viewStride[id]; i < size; i++, at += step) {
                b[i] = src[at];
            }
        }
        return tensorValues[id];
    }

    /** True when node {@code id}'s array waits to be filled ({@link PendingRun}: a run read only through its sum). */
    boolean isVirtual(int id) {
        return pending.isVirtual(id);
    }

    /** Fills every array (before the tape is converted to the general layout). */
    void materializeAll() {
        flush();
        pending.materializeAll(this, tape.values, policy);
    }

    /** True once any node is not 1×1. */
    boolean active() {
        return active;
    }

    /** Forgets every shape, returning to the all-scalar state (the value arrays are kept for reuse). */
    void clear() {
        if (shape != null) {
            Arrays.fill(shape, 0, Math.min(used, shape.length), null);
        }
        if (viewRoot != null) {
            Arrays.fill(viewRoot, 0, Math.min(used, viewRoot.length), -1);
        }
        used = 0;
        active = false;
        pending.clear();
    }

    /** The shape of node {@code id}. */
    Shape shapeOf(int id) {
        if (!active) {
            return Shape.SCALAR;
        }
        Shape s = shape[id];
        return s == null ? Shape.SCALAR : s;
    }

    /** True when node {@code id} is 1×1. */
    boolean isScalar(int id) {
        return !active || shape[id] == null;
    }

    /**
     * Records the shape of node {@code id}; the first non-scalar shape allocates the table with
     * {@code capacity} entries (the builder's current node capacity).
     */
    void set(int id, Shape s, int capacity) {
        if (!active && s.isScalar()) {
            return;
        }
        if (shape == null || shape.length < capacity) {
            shape = shape == null ? new Shape[capacity] : Arrays.copyOf(shape, capacity);
            if (recording) {
                tensorValues = tensorValues == null ? new double[capacity][] : Arrays.copyOf(tensorValues, capacity);
                owned = owned == null ? new double[capacity][] : Arrays.copyOf(owned, capacity);
                growViews(capacity);
            }
        }
        active = true;
        shape[id] = s.isScalar() ? null : s;
        used = Math.max(used, id + 1);
    }

    private void growViews(int cap) {
        int old = viewRoot == null ? 0 : viewRoot.length;
        viewRoot = viewRoot == null ? new int[cap] : Arrays.copyOf(viewRoot, cap);
        viewOffset = viewOffset == null ? new int[cap] : Arrays.copyOf(viewOffset, cap);
        viewStride = viewStride == null ? new int[cap] : Arrays.copyOf(viewStride, cap);
        Arrays.fill(viewRoot, old, cap, -1);
    }

    /** True when node {@code id} is a lazy view (its elements read in place from another node's array). */
    boolean isLazyView(int id) {
        return recording && active && viewRoot[id] >= 0;
    }

    /** The array holding node {@code id}'s elements in place: its view root's (filled), else its own. */
    double[] placeOf(int id) {
        return isLazyView(id) ? values(viewRoot[id]) : values(id);
    }

    /** Where element 0 of node {@code id} is in {@link #placeOf}. */
    int placeOffset(int id) {
        return isLazyView(id) ? viewOffset[id] : 0;
    }

    /** The step between node {@code id}'s elements in {@link #placeOf}. */
    int placeStride(int id) {
        return isLazyView(id) ? viewStride[id] : 1;
    }

    /** Grows the table (if allocated) to {@code cap} nodes along with the tape. */
    void grow(int cap) {
        if (shape != null && shape.length < cap) {
            shape = Arrays.copyOf(shape, cap);
            if (recording) {
                tensorValues = Arrays.copyOf(tensorValues, cap);
                owned = Arrays.copyOf(owned, cap);
                growViews(cap);
            }
        }
    }

    /** Rows (or, with {@code cols}, columns) of the first {@code n} nodes, for an immutable graph. */
    int[] dimensions(int n, boolean cols) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            Shape s = shapeOf(i);
            d[i] = cols ? s.cols() : s.rows();
        }
        return d;
    }

    /** The recorded matrix value of node {@code id}, or null when it is a scalar (or tracing). */
    double[] tensorValue(int id) {
        if (!recording || isScalar(id)) {
            return null;
        }
        return values(id);
    }

    /**
     * The value array of matrix node {@code id} ({@code size} elements): the one it had in an
     * earlier recording when its size is the same, else a new one.
     */
    double[] buffer(int id, int size) {
        double[] b = owned[id];
        if (b == null || b.length != size) {
            b = new double[size];
            owned[id] = b;
        }
        tensorValues[id] = b;
        return b;
    }

    /** The array holding a recorded node's value: its own array for a matrix, else {@code scalars}. */
    double[] dataOf(int id, double[] scalars) {
        double[] t = tensorValue(id);
        return t != null ? t : scalars;
    }

    /** The offset of a recorded node's value in {@link #dataOf}. */
    int offsetOf(int id) {
        return isScalar(id) ? id : 0;
    }

    /**
     * Records node {@code id = t(arg)} as a view when its declaration says its elements are the
     * argument's in place ({@link TensorPrimitive#flatView}): a reshape of a filled node shares its
     * array; anything else becomes a lazy view of the node holding the elements (views of views
     * compose their offsets and strides). False when {@code t} is not a view.
     */
    private boolean view(int id, TensorPrimitive t, double param, int arg) {
        int[] fv = t.flatView(shapeOf(arg), shapeOf(id), param);
        if (fv == null) {
            return false;
        }
        if (isLazyView(arg)) {
            viewRoot[id] = viewRoot[arg];
            viewOffset[id] = viewOffset[arg] + fv[0] * viewStride[arg];
            viewStride[id] = fv[1] * viewStride[arg];
        } else if (t.isContiguousView()) {
            tensorValues[id] = values(arg);      // the same elements in the same order
            return true;
        } else {
            viewRoot[id] = arg;
            viewOffset[id] = fv[0];
            viewStride[id] = fv[1];
        }
        tensorValues[id] = null;
        return true;
    }

    /**
     * Lets an elementwise entry wait ({@link PendingRun}), or evaluates the waiting run with a
     * sum of one of its entries to 1×1; false when the entry is neither.
     */
    private boolean defer(int id, Primitive p, double param, int[] ids, int n, double[] scalars) {
        int size = PendingRun.elements(this, id, p, ids, n);
        if (size > 1) {
            if (pending.count > 0 && (size != pending.size || pending.count == PendingRun.MAX)) {
                flush();
            }
            buffer(id, size);
            pending.size = size;
            pending.add(id, p, param, ids, n);
            return true;
        }
        if (pending.count > 0 && n == 1 && p instanceof TensorPrimitive t && t.sumsAllElements(shapeOf(id))
                && pending.waiting(ids[0])) {
            pending.evaluate(this, scalars, policy, id, ids[0]);
            return true;
        }
        return false;
    }

    /** The shape of {@code p(ids; param)} from the shapes of its arguments (throws on a mismatch). */
    Shape infer(Primitive p, double param, int[] ids, int n) {
        Shape[] s = new Shape[n];
        for (int k = 0; k < n; k++) {
            s[k] = shapeOf(ids[k]);
        }
        return Shapes.infer(p, s, n, param);
    }

    /** Checks that {@code values} fill {@code shape}, naming {@code what} in the error. */
    static void checkValues(String what, double[] values, Shape shape) {
        if (shape == null || values == null) {
            throw new GraphException(what + " needs values and a shape");
        }
        if (values.length != shape.size()) {
            throw new GraphException(what + " has shape " + shape + " (" + shape.size() + " values) but "
                    + values.length + " values were given");
        }
    }

    /**
     * Evaluates a freshly appended node {@code id} of a recording that involves matrices; its
     * shape is already set. A scalar result is written to {@code scalars[id]}.
     */
    void record(int id, Primitive p, double param, int[] ids, int n, double[] scalars) {
        if (p instanceof TensorPrimitive t && n == 1 && !isScalar(id) && !isScalar(ids[0]) && view(id, t, param, ids[0])) {
            return;
        }
        if (defer(id, p, param, ids, n, scalars)) {
            return;
        }
        flush();
        evaluate(id, p, param, ids, n, scalars);
    }

    /** Evaluates node {@code id = p(ids; param)} now, by its declared kernel over whole arrays. */
    void evaluate(int id, Primitive p, double param, int[] ids, int n, double[] scalars) {
        if (tensorArgs == null) {
            tensorArgs = new TensorArgs(n);
        }
        TensorArgs a = tensorArgs;
        a.ensure(n);
        a.n = n;
        for (int k = 0; k < n; k++) {
            a.x[k] = dataOf(ids[k], scalars);
            a.xo[k] = offsetOf(ids[k]);
            a.xs[k] = shapeOf(ids[k]);
        }
        a.ys = shapeOf(id);
        if (a.ys.isScalar()) {
            a.y = scalars;
            a.yo = id;
        } else {
            a.y = buffer(id, a.ys.size());
            a.yo = 0;
        }
        a.param = param;
        a.policy = policy;
        TensorEngine.forwardNode(p, a);
    }
}
