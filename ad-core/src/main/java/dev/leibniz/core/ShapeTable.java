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
        flush();
        if (pending.isVirtual(id)) {
            pending.materialize(this, tape.values, policy, id);
        }
        return tensorValues[id];
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
            }
        }
        active = true;
        shape[id] = s.isScalar() ? null : s;
        used = Math.max(used, id + 1);
    }

    /** Grows the table (if allocated) to {@code cap} nodes along with the tape. */
    void grow(int cap) {
        if (shape != null && shape.length < cap) {
            shape = Arrays.copyOf(shape, cap);
            if (recording) {
                tensorValues = Arrays.copyOf(tensorValues, cap);
                owned = Arrays.copyOf(owned, cap);
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
        if (p instanceof TensorPrimitive t && t.isContiguousView() && !isScalar(id) && !isScalar(ids[0])) {
            tensorValues[id] = values(ids[0]);      // a view: the same elements in the same order
            return;
        }
        if (defer(id, p, param, ids, n, scalars)) {
            return;
        }
        flush();
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
