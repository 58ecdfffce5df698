package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;

/**
 * Shape rules shared by all primitives, and the packing of two dimensions into a node's single
 * numeric parameter.
 *
 * <p><b>Broadcasting.</b> The elementwise primitives ({@code add}, {@code mul}, {@code tanh},
 * {@code select}, …) apply to matrices element by element, and two shapes combine when each
 * dimension is equal or 1: a scalar against any matrix, a row vector {@code 1×n} against
 * {@code m×n} (a bias added to every row), a column {@code m×1} against {@code m×n}, and
 * {@code 1×n} against {@code m×1} (an outer sum). Anything else is a {@link ShapeException}.
 *
 * <p><b>Packed parameters.</b> A node carries one {@code double} parameter (the design every
 * graph pass already copies and compares). Primitives that need two integers — a reshape's
 * {@code rows×cols}, a slice's {@code [start, end)} — store {@code a·2²⁶ + b}, exact in a double
 * for dimensions below 2²⁶ = 67 108 864.
 */
public final class Shapes {
    private Shapes() {
    }

    /** Dimensions and slice bounds must stay below this to be packed into one parameter. */
    public static final int MAX_DIM = 1 << 26;

    /** Two integers in [0, 2²⁶) as one exact double. */
    public static double pack(int a, int b) {
        if (a < 0 || b < 0 || a >= MAX_DIM || b >= MAX_DIM) {
            throw new GraphException("dimensions " + a + " and " + b + " must lie in [0, " + MAX_DIM + ")");
        }
        return (double) (((long) a << 26) | b);
    }

    /** A shape as a packed parameter. */
    public static double pack(Shape s) {
        return pack(s.rows(), s.cols());
    }

    public static int first(double packed) {
        return (int) (((long) packed) >>> 26);
    }

    public static int second(double packed) {
        return (int) (((long) packed) & (MAX_DIM - 1));
    }

    /** The shape packed by {@link #pack(Shape)}. */
    public static Shape unpackShape(double packed) {
        return new Shape(first(packed), second(packed));
    }

    /** The broadcast of two shapes, or a {@link ShapeException} naming both and the primitive. */
    public static Shape broadcast(String primitive, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int r = dim(a.rows(), b.rows());
        int c = dim(a.cols(), b.cols());
        if (r < 0 || c < 0) {
            throw ShapeException.mismatch(primitive, a, b, (r < 0 ? "rows " + a.rows() + " and " + b.rows()
                    : "columns " + a.cols() + " and " + b.cols())
                    + " differ and neither is 1, so they do not broadcast");
        }
        return r == a.rows() && c == a.cols() ? a : r == b.rows() && c == b.cols() ? b : new Shape(r, c);
    }

    private static int dim(int a, int b) {
        return a == b || b == 1 ? a : a == 1 ? b : -1;
    }

    /** True when broadcasting {@code from} gives exactly {@code to}. */
    public static boolean broadcastsTo(Shape from, Shape to) {
        return (from.rows() == to.rows() || from.rows() == 1) && (from.cols() == to.cols() || from.cols() == 1);
    }

    /**
     * The output shape of {@code p} applied to arguments of the given shapes: a
     * {@link TensorPrimitive} states its own rule; every other primitive is elementwise, and its
     * output has the broadcast of its argument shapes.
     */
    public static Shape infer(Primitive p, Shape[] args, int n, double param) {
        if (p instanceof TensorPrimitive t) {
            return t.shape(args, n, param);
        }
        Shape s = args[0];
        for (int k = 1; k < n; k++) {
            s = broadcast(p.name(), s, args[k]);
        }
        return s;
    }

    /** True when every shape is 1×1. */
    public static boolean allScalar(Shape[] s, int n) {
        for (int k = 0; k < n; k++) {
            if (!s[k].isScalar()) {
                return false;
            }
        }
        return true;
    }
}
