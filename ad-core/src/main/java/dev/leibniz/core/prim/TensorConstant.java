package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * A constant matrix: a leaf whose values sit in the graph's constant pool, contiguously after
 * the node's parameter. The parameter itself is a content hash of shape and values
 * ({@link #hash}), so that passes which identify nodes by (primitive, arguments, parameter) —
 * common subexpression elimination — do not merge two different matrices. Read the values with
 * {@code Graph.constantValues(node)}; a graph transformation copies such a node with
 * {@code GraphBuilder.constant(values, shape)} (or {@code GraphBuilder.copyNode}).
 *
 * <p>It is not of kind {@code CONSTANT} (whose value is its one parameter) on purpose: a pass
 * that only knows scalar constants leaves it alone instead of replacing it by one number.
 */
public final class TensorConstant extends Primitive {
    /** The one instance, registered in {@link Primitives}. */
    public static final TensorConstant MATRIX = new TensorConstant();

    private TensorConstant() {
        super("tensor", 0);
    }

    @Override
    public Kind kind() {
        return Kind.GENERAL;
    }

    @Override
    public boolean hasParam() {
        return true;
    }

    /** A hash of shape and values, stored as the node's parameter (never 0 or NaN). */
    public static double hash(int rows, int cols, double[] values) {
        long h = 1469598103934665603L ^ (31L * rows + cols);
        for (double v : values) {
            h = (h ^ Double.doubleToLongBits(v)) * 1099511628211L;
        }
        h ^= h >>> 29;
        return 1.0 + (h >>> 12) / (double) (1L << 52); // in [1, 2): finite, nonzero, exact
    }

    /** Formats a matrix constant's values for a listing, abbreviated after eight elements. */
    public static String format(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(values.length, 8);
        for (int e = 0; e < shown; e++) {
            sb.append(e == 0 ? "" : ", ").append(Leaves.formatNumber(values[e]));
        }
        return sb.append(values.length > shown ? ", … (" + values.length + " values)]" : "]").toString();
    }

    @Override
    public double apply(double[] x, int n, double param, Subgradients policy) {
        throw new GraphException("a matrix constant is evaluated from its values, not from its parameter");
    }

    @Override
    public double partial(int k, double[] x, int n, double y, double param, Subgradients policy) {
        throw new GraphException("'tensor' has no arguments");
    }

    @Override
    public Var partial(int k, Var[] x, Var y, double param) {
        throw new GraphException("'tensor' has no arguments");
    }

    @Override
    public boolean savesInput(int k) {
        return false;
    }

    @Override
    public boolean savesOutput() {
        return false;
    }

    @Override
    public Dependence dependence(int k) {
        return Dependence.NONE;
    }

    @Override
    public String toString() {
        return name();
    }
}
