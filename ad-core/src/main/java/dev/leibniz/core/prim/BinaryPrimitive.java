package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/** A primitive of two arguments, {@code y = f(a, b)}, with partials ∂y/∂a and ∂y/∂b. */
public abstract class BinaryPrimitive extends Primitive {
    private final int savedInputs;
    private final boolean savesOutput;

    /**
     * @param savedInputs bit 0: the partials read {@code a}; bit 1: they read {@code b}
     * @param savesOutput whether they read {@code y}
     */
    protected BinaryPrimitive(String name, int savedInputs, boolean savesOutput) {
        super(name, 2);
        this.savedInputs = savedInputs;
        this.savesOutput = savesOutput;
    }

    public abstract double apply(double a, double b, Subgradients policy);

    public abstract double partialA(double a, double b, double y, Subgradients policy);

    public abstract double partialB(double a, double b, double y, Subgradients policy);

    /** ∂y/∂a as graph operations; {@code null} when identically zero. */
    public abstract Var partialA(Var a, Var b, Var y);

    /** ∂y/∂b as graph operations; {@code null} when identically zero. */
    public abstract Var partialB(Var a, Var b, Var y);

    @Override
    public final Kind kind() {
        return Kind.BINARY;
    }

    @Override
    public final double apply(double[] x, int n, double param, Subgradients policy) {
        return apply(x[0], x[1], policy);
    }

    @Override
    public final double partial(int k, double[] x, int n, double y, double param, Subgradients policy) {
        return k == 0 ? partialA(x[0], x[1], y, policy) : partialB(x[0], x[1], y, policy);
    }

    @Override
    public final Var partial(int k, Var[] x, Var y, double param) {
        return k == 0 ? partialA(x[0], x[1], y) : partialB(x[0], x[1], y);
    }

    @Override
    public final boolean savesInput(int k) {
        return (savedInputs & (1 << k)) != 0;
    }

    @Override
    public final boolean savesOutput() {
        return savesOutput;
    }
}
