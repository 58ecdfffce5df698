package dev.leibniz.core;

import java.util.Arrays;

/**
 * The value of a scalar function and its gradient with respect to named variables. A variable
 * with no path to the output has <em>no</em> gradient ({@link #isPresent} is false), which is
 * not the same as a zero gradient: optimizers leave such parameters and their state untouched.
 */
public final class Gradient {
    private final double value;
    private final String[] names;
    private final double[] grad;
    private final boolean[] present;

    public Gradient(double value, String[] names, double[] grad, boolean[] present) {
        if (names.length != grad.length || grad.length != present.length) {
            throw new LeibnizException("gradient needs one name, value and presence flag per variable");
        }
        this.value = value;
        this.names = names.clone();
        this.grad = grad.clone();
        this.present = present.clone();
    }

    /** The function's value. */
    public double value() {
        return value;
    }

    public int size() {
        return grad.length;
    }

    public String name(int i) {
        return names[checkIndex(i)];
    }

    /** ∂f/∂xᵢ; 0 when absent (check {@link #isPresent(int)} to tell the two apart). */
    public double get(int i) {
        return grad[checkIndex(i)];
    }

    public double get(String name) {
        return grad[index(name)];
    }

    public boolean isPresent(int i) {
        return present[checkIndex(i)];
    }

    public boolean isPresent(String name) {
        return present[index(name)];
    }

    /** A copy of the gradient, absent entries as 0. */
    public double[] toArray() {
        return grad.clone();
    }

    /** A copy of the presence flags. */
    public boolean[] presence() {
        return present.clone();
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= grad.length) {
            throw new LeibnizException("variable index " + i + " is out of range; the gradient has " + grad.length
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
            sb.append(", d/d").append(names[i]).append(" = ").append(present[i] ? Double.toString(grad[i]) : "absent");
        }
        return sb.toString();
    }
}
