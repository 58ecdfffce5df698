package dev.leibniz.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The value of a scalar function and its gradient with respect to named variables, each a scalar
 * or a matrix (a scalar is a 1×1 matrix). For every variable the gradient has the variable's
 * shape, row-major. A variable with no path to the output has <em>no</em> gradient
 * ({@link #isPresent} is false), which is not the same as a zero gradient: optimizers leave such
 * parameters and their state untouched.
 *
 * <p>Storage is one flat array: variable i's entries are {@code flat[offset(i) .. offset(i) +
 * shape(i).size())}, so for the variables (a: scalar, W: 2×2, b: scalar) {@link #toArray()} is
 * [∂a, ∂W₀₀, ∂W₀₁, ∂W₁₀, ∂W₁₁, ∂b]. For all-scalar variables that is one entry per variable,
 * indexed like {@link #get(int)}. Immutable: arrays are copied in and out.
 */
public final class Gradient {
    private final double value;
    private final String[] names;
    private final Shape[] shapes;
    private final int[] offsets;
    private final double[] flat;
    private final boolean[] present;

    /** A gradient with respect to scalar variables: one name, entry and presence flag each. */
    public Gradient(double value, String[] names, double[] grad, boolean[] present) {
        if (names == null || grad == null || present == null || names.length != grad.length
                || grad.length != present.length) {
            throw new LeibnizException("gradient needs one name, value and presence flag per variable");
        }
        this.value = value;
        this.names = names.clone();
        this.shapes = new Shape[names.length];
        Arrays.fill(shapes, Shape.SCALAR);
        this.offsets = new int[names.length + 1];
        for (int i = 0; i <= names.length; i++) {
            offsets[i] = i;
        }
        this.flat = grad.clone();
        this.present = present.clone();
    }

    /**
     * A gradient with respect to variables of the given shapes: {@code grads[i]} holds variable
     * i's gradient row-major ({@code shapes[i].size()} entries, zeros when absent).
     */
    public Gradient(double value, String[] names, Shape[] shapes, double[][] grads, boolean[] present) {
        if (names == null || shapes == null || grads == null || present == null || names.length != shapes.length
                || shapes.length != grads.length || grads.length != present.length) {
            throw new LeibnizException("gradient needs one name, shape, gradient array and presence flag per variable");
        }
        this.value = value;
        this.names = names.clone();
        this.shapes = shapes.clone();
        this.offsets = new int[names.length + 1];
        for (int i = 0; i < names.length; i++) {
            if (grads[i] == null || grads[i].length != shapes[i].size()) {
                throw new LeibnizException("the gradient of variable '" + names[i] + "' needs " + shapes[i].size()
                        + " entries (shape " + shapes[i] + "), got " + (grads[i] == null ? "null" : grads[i].length));
            }
            offsets[i + 1] = offsets[i] + grads[i].length;
        }
        this.flat = new double[offsets[names.length]];
        for (int i = 0; i < names.length; i++) {
            System.arraycopy(grads[i], 0, flat, offsets[i], grads[i].length);
        }
        this.present = present.clone();
    }

    /** The function's value. */
    public double value() {
        return value;
    }

    /** The number of variables. */
    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[checkIndex(i)];
    }

    public Shape shape(int i) {
        return shapes[checkIndex(i)];
    }

    public Shape shape(String name) {
        return shapes[index(name)];
    }

    /** ∂f/∂xᵢ for a scalar variable; 0 when absent (check {@link #isPresent(int)} to tell the two apart). */
    public double get(int i) {
        checkIndex(i);
        if (!shapes[i].isScalar()) {
            throw new LeibnizException("variable '" + names[i] + "' is a " + shapes[i]
                    + " matrix; read its gradient with array(i) or matrix(name)");
        }
        return flat[offsets[i]];
    }

    /** ∂f/∂x for the scalar variable {@code name}. */
    public double get(String name) {
        return get(index(name));
    }

    /** A copy of ∂f/∂x for variable i, row-major in x's shape; zeros when absent. */
    public double[] array(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(flat, offsets[i], offsets[i + 1]);
    }

    public double[] array(String name) {
        return array(index(name));
    }

    /** ∂f/∂x as an EJML matrix of x's shape (a copy). */
    public DMatrixRMaj matrix(String name) {
        int i = index(name);
        return new DMatrixRMaj(shapes[i].rows(), shapes[i].cols(), true, array(i));
    }

    public boolean isPresent(int i) {
        return present[checkIndex(i)];
    }

    public boolean isPresent(String name) {
        return present[index(name)];
    }

    /**
     * A copy of every variable's gradient, concatenated in variable order, row-major (see the
     * class comment); absent entries are 0. For scalar variables, one entry per variable.
     */
    public double[] toArray() {
        return flat.clone();
    }

    /** A copy of the presence flags, one per variable. */
    public boolean[] presence() {
        return present.clone();
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= names.length) {
            throw new LeibnizException("variable index " + i + " is out of range; the gradient has " + names.length
                    + " variables " + Arrays.toString(names));
        }
        return i;
    }

    private int index(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new LeibnizException("no variable named '" + name + "' in this gradient; variables are "
                + Arrays.toString(names));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("value = ").append(value);
        for (int i = 0; i < names.length; i++) {
            sb.append(", d/d").append(names[i]).append(" = ");
            if (!present[i]) {
                sb.append("absent");
            } else if (shapes[i].isScalar()) {
                sb.append(flat[offsets[i]]);
            } else {
                sb.append(shapes[i]).append(' ').append(Arrays.toString(array(i)));
            }
        }
        return sb.toString();
    }
}
