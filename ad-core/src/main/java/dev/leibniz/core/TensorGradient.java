package dev.leibniz.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The value of a scalar function of matrix (and scalar) variables and its gradient: for every
 * variable an array of its shape, row-major. As in {@link Gradient}, a variable with no path to
 * the output is <em>absent</em> ({@link #isPresent} is false), which is not the same as a zero
 * gradient.
 */
public final class TensorGradient {
    private final double value;
    private final String[] names;
    private final Shape[] shapes;
    private final double[][] grads;
    private final boolean[] present;

    TensorGradient(double value, String[] names, Shape[] shapes, double[][] grads, boolean[] present) {
        this.value = value;
        this.names = names;
        this.shapes = shapes;
        this.grads = grads;
        this.present = present;
    }

    public double value() {
        return value;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public Shape shape(int i) {
        return shapes[i];
    }

    public Shape shape(String name) {
        return shapes[index(name)];
    }

    /** A copy of ∂f/∂x for variable i, row-major in x's shape; zeros when absent. */
    public double[] array(int i) {
        return grads[i].clone();
    }

    public double[] array(String name) {
        return array(index(name));
    }

    /** ∂f/∂x as an EJML matrix of x's shape (a copy). */
    public DMatrixRMaj matrix(String name) {
        int i = index(name);
        return new DMatrixRMaj(shapes[i].rows(), shapes[i].cols(), true, grads[i].clone());
    }

    /** ∂f/∂x for a scalar variable. */
    public double get(String name) {
        int i = index(name);
        if (!shapes[i].isScalar()) {
            throw new LeibnizException("variable '" + name + "' is a " + shapes[i] + " matrix; use array(name) or matrix(name)");
        }
        return grads[i][0];
    }

    public boolean isPresent(int i) {
        return present[i];
    }

    public boolean isPresent(String name) {
        return present[index(name)];
    }

    /** The same gradient as a scalar {@link Gradient}, when every variable is a scalar. */
    public Gradient toGradient() {
        double[] g = new double[names.length];
        for (int i = 0; i < g.length; i++) {
            if (!shapes[i].isScalar()) {
                throw new LeibnizException("variable '" + names[i] + "' is a " + shapes[i]
                        + " matrix; read the gradient as a TensorGradient");
            }
            g[i] = grads[i][0];
        }
        return new Gradient(value, names, g, present);
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
            sb.append(", d/d").append(names[i]).append(" = ")
                    .append(present[i] ? (shapes[i].isScalar() ? Double.toString(grads[i][0])
                            : shapes[i] + " " + Arrays.toString(grads[i])) : "absent");
        }
        return sb.toString();
    }
}
