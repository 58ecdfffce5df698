package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * A smooth unary primitive without parameter or kink: its declaration states the value
 * {@code f(x)}, the numeric derivative {@code f'(x, y)} and the same derivative as graph
 * operations, right beside each other:
 *
 * <pre>{@code
 * public static final UnaryPrimitive SIN = new SmoothUnary("sin", X) {
 *     public double value(double x) { return Math.sin(x); }
 *     public double derivative(double x, double y) { return Math.cos(x); }
 *     public Var derivative(Var x, Var y) { return x.cos(); }
 * };
 * }</pre>
 *
 * Why a subclass per primitive rather than three lambdas: generated code (the compiled graphs and
 * the interpreter) calls a rule through the primitive's static field; the JIT treats that field
 * as a constant of one exact class and inlines the formula itself, where a lambda held in an
 * instance field would leave a megamorphic call shared by every smooth primitive.
 */
abstract class SmoothUnary extends UnaryPrimitive {
    /** What the derivative reads from the forward pass. */
    enum Reads { X, Y, X_AND_Y }

    SmoothUnary(String name, Reads reads) {
        super(name, reads != Reads.Y, reads != Reads.X);
    }

    /** f(x). */
    public abstract double value(double x);

    /** f'(x), given y = f(x); reads only what the constructor declared. */
    public abstract double derivative(double x, double y);

    /** f'(x) as graph operations on x and y. */
    public abstract Var derivative(Var x, Var y);

    @Override
    public final double apply(double x, double param, Subgradients policy) {
        return value(x);
    }

    @Override
    public final double derivative(double x, double y, double param, Subgradients policy) {
        return derivative(x, y);
    }

    @Override
    public final Var derivative(Var x, Var y, double param) {
        return derivative(x, y);
    }
}
