package dev.leibniz.core;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Shapes;
import dev.leibniz.core.prim.TensorArgs;
import java.util.Arrays;

/**
 * The shapes and matrix values of a {@link GraphBuilder}'s nodes: a side table kept beside the
 * scalar tape.
 *
 * <p>The table stays empty (null arrays) while every node is scalar, so scalar tapes keep their
 * size and their fast paths; the first non-scalar node allocates it, filled with 1×1. When
 * recording, a matrix node's value is its own array in {@code tensorValues}; scalar values stay
 * in the builder's {@code values[]}, which is why {@link #dataOf} and {@link #offsetOf} name the
 * array and offset holding either kind.
 */
final class ShapeTable {
    private final boolean recording;
    private final Subgradients policy;

    /** Rows and columns per node; null while every node is scalar. */
    int[] rows;
    int[] cols;
    /** Row-major values of recorded matrix nodes (null entries for scalars); null when tracing. */
    double[][] tensorValues;
    private TensorArgs tensorArgs;

    ShapeTable(boolean recording, Subgradients policy) {
        this.recording = recording;
        this.policy = policy;
    }

    /** True once any node is not 1×1. */
    boolean active() {
        return rows != null;
    }

    /** Forgets every shape, returning to the all-scalar state. */
    void clear() {
        rows = null;
        cols = null;
        tensorValues = null;
    }

    /** The shape of node {@code id}. */
    Shape shapeOf(int id) {
        if (rows == null || (rows[id] == 1 && cols[id] == 1)) {
            return Shape.SCALAR;
        }
        return new Shape(rows[id], cols[id]);
    }

    /** True when node {@code id} is 1×1. */
    boolean isScalar(int id) {
        return rows == null || (rows[id] == 1 && cols[id] == 1);
    }

    /**
     * Records the shape of node {@code id}; the first non-scalar shape allocates the table with
     * {@code capacity} entries (the builder's current node capacity).
     */
    void set(int id, Shape shape, int capacity) {
        if (rows == null) {
            if (shape.isScalar()) {
                return;
            }
            rows = new int[capacity];
            cols = new int[capacity];
            Arrays.fill(rows, 1);
            Arrays.fill(cols, 1);
            if (recording) {
                tensorValues = new double[capacity][];
            }
        }
        rows[id] = shape.rows();
        cols[id] = shape.cols();
    }

    /** Grows the table (if allocated) to {@code cap} nodes along with the tape. */
    void grow(int cap) {
        if (rows != null) {
            int old = rows.length;
            rows = Arrays.copyOf(rows, cap);
            cols = Arrays.copyOf(cols, cap);
            Arrays.fill(rows, old, cap, 1);
            Arrays.fill(cols, old, cap, 1);
            if (recording) {
                tensorValues = Arrays.copyOf(tensorValues, cap);
            }
        }
    }

    /** The recorded matrix value of node {@code id}, or null when it is a scalar (or tracing). */
    double[] tensorValue(int id) {
        return tensorValues == null ? null : tensorValues[id];
    }

    /** The array holding a recorded node's value: its own array for a matrix, else {@code scalars}. */
    double[] dataOf(int id, double[] scalars) {
        double[] t = tensorValue(id);
        return t != null ? t : scalars;
    }

    /** The offset of a recorded node's value in {@link #dataOf}. */
    int offsetOf(int id) {
        return tensorValues != null && tensorValues[id] != null ? 0 : id;
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
            a.y = new double[a.ys.size()];
            a.yo = 0;
            tensorValues[id] = a.y;
        }
        a.param = param;
        a.policy = policy;
        TensorEngine.forwardNode(p, a);
    }
}
