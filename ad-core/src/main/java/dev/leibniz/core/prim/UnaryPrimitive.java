package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * A primitive of one argument, {@code y = f(x; param)}. Subclasses give the value, the numeric
 * derivative f'(x) (which may use the output {@code y}, e.g. {@code exp' = y}) and the same
 * derivative as graph operations.
 */
public abstract class UnaryPrimitive extends Primitive {
    private final boolean savesInput;
    private final boolean savesOutput;

    /**
     * @param savesInput  whether {@link #derivative(double, double, double, Subgradients)} reads x
     * @param savesOutput whether it reads y
     */
    protected UnaryPrimitive(String name, boolean savesInput, boolean savesOutput) {
        super(name, 1);
        this.savesInput = savesInput;
        this.savesOutput = savesOutput;
    }

    public abstract double apply(double x, double param, Subgradients policy);

    /** f'(x), given y = f(x). Must read only what the constructor declared saved. */
    public abstract double derivative(double x, double y, double param, Subgradients policy);

    /** f'(x) as graph operations; {@code null} when identically zero. */
    public abstract Var derivative(Var x, Var y, double param);

    @Override
    public final Kind kind() {
        return Kind.UNARY;
    }

    @Override
    public final double apply(double[] x, int n, double param, Subgradients policy) {
        return apply(x[0], param, policy);
    }

    @Override
    public final double partial(int k, double[] x, int n, double y, double param, Subgradients policy) {
        return derivative(x[0], y, param, policy);
    }

    @Override
    public final Var partial(int k, Var[] x, Var y, double param) {
        return derivative(x[0], y, param);
    }

    @Override
    public final boolean savesInput(int k) {
        return savesInput;
    }

    @Override
    public final boolean savesOutput() {
        return savesOutput;
    }
}
