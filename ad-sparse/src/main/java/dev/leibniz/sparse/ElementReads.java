package dev.leibniz.sparse;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.TensorPrimitive;

/**
 * Which argument elements one output element of one node depends on, globally or at a point:
 * the element-level form of the primitives' declared dependences that sparsity propagation reads.
 * Position it with {@link #at}, then read {@link #count(int)} and {@link #slot(int, int)}
 * per argument.
 *
 * <ul>
 *   <li><b>Scalar primitive</b> (applied elementwise, with broadcasting): output element (i, j)
 *       reads one element of each argument ({@link Elements#broadcastSlot}); it depends on it
 *       when the primitive's {@code dependence(k)} is not NONE — and, at a point, when
 *       {@link LocalDependence} keeps the branch (the {@code select} condition, the winner of
 *       {@code max}, the side of {@code relu}) judged from the values of the elements that this
 *       output element reads.</li>
 *   <li><b>Matrix primitive</b>: the elements its declaration {@link TensorPrimitive#connects
 *       connects} to the output element, for every argument whose dependence is not NONE (class
 *       indices, one-hot targets); the same at every point. Cost: one {@code connects} call per
 *       (output element, argument element) pair — quadratic in the matrix sizes, which is what
 *       a declaration by predicate allows; fine for the small and moderate matrices whose
 *       element patterns are worth detecting.</li>
 * </ul>
 * No fixed limit on the arity: a variadic primitive's seventieth argument counts as its first.
 */
final class ElementReads {
    private final Elements el;
    private final Graph g;
    /** Node values in slot order for a local pattern; null for the global pattern. */
    private final double[] v;
    /** Per argument, its slots in {@code slots[start[k] … start[k+1])}. */
    private int[] start = new int[9];
    private int[] slots = new int[16];
    /** Scalar primitives: the element of each argument that the output element reads. */
    private int[] read = new int[8];
    /** The values of the elements in {@link #read}, for local dependence. */
    private double[] point = new double[8];
    /** Matrix primitives: the argument shapes of node {@code shapesOf}. */
    private Shape[] argShapes;
    private int shapesOf = -1;
    private int arity;

    ElementReads(Elements el, double[] values) {
        this.el = el;
        this.g = el.graph;
        this.v = values;
    }

    /** Positions on element {@code o} of node {@code i}, whose primitive is {@code p} with {@code n} arguments. */
    void at(int i, Primitive p, int n, int o) {
        if (start.length < n + 1) {
            start = new int[n + 1];
        }
        arity = n;
        if (p instanceof TensorPrimitive t) {
            connected(i, t, n, o);
        } else {
            broadcast(i, p, n, o);
        }
    }

    /** How many argument elements in all the current output element depends on. */
    int total() {
        return start[arity];
    }

    /** How many elements of argument k the current output element depends on (0: none, or not at this point). */
    int count(int k) {
        return start[k + 1] - start[k];
    }

    /** The slot of the s-th element of argument k that the current output element depends on. */
    int slot(int k, int s) {
        return slots[start[k] + s];
    }

    /** One element per argument, kept where the primitive depends on it (here). */
    private void broadcast(int i, Primitive p, int n, int o) {
        if (read.length < n) {
            read = new int[n];
        }
        if (slots.length < n) {
            slots = new int[n];
        }
        // first the element of every argument (a local rule may read any argument's value)
        Shape out = el.shape(i);
        for (int k = 0; k < n; k++) {
            read[k] = el.scalar ? g.arg(i, k) : el.broadcastSlot(g.arg(i, k), out, o);
        }
        if (v != null) {
            if (point.length < n) {
                point = new double[n];
            }
            for (int k = 0; k < n; k++) {
                point[k] = v[read[k]];
            }
        }
        int pos = 0;
        for (int k = 0; k < n; k++) {
            start[k] = pos;
            if (v == null ? LocalDependence.global(p, k) : LocalDependence.local(p, k, point, n)) {
                slots[pos++] = read[k];
            }
        }
        start[n] = pos;
    }

    /** Every connected element of every argument the primitive depends on. */
    private void connected(int i, TensorPrimitive t, int n, int o) {
        if (shapesOf != i) {
            shapesOf = i;
            argShapes = new Shape[n]; // once per matrix node: connects reads the argument shapes
            int total = 0;
            for (int k = 0; k < n; k++) {
                argShapes[k] = el.shape(g.arg(i, k));
                total += argShapes[k].size();
            }
            if (slots.length < total) {
                slots = new int[total];
            }
        }
        Shape out = el.shape(i);
        int oi = o / out.cols();
        int oj = o % out.cols();
        double param = g.param(i);
        int pos = 0;
        for (int k = 0; k < n; k++) {
            start[k] = pos;
            if (!LocalDependence.global(t, k)) {
                continue;
            }
            int a = g.arg(i, k);
            int cols = argShapes[k].cols();
            for (int e = 0, size = argShapes[k].size(); e < size; e++) {
                if (t.connects(k, oi, oj, e / cols, e % cols, argShapes, out, param)) {
                    slots[pos++] = el.base(a) + e;
                }
            }
        }
        start[n] = pos;
    }
}
