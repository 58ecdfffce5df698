package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A smooth unary primitive given by three one-line rules: value {@code f(x)}, numeric derivative
 * {@code f'(x, y)} and symbolic derivative {@code f'(x, y)} over graph variables. This is the
 * rule shape of most elementary functions, so each is declared in a single statement.
 */
final class SmoothUnary extends UnaryPrimitive {
    /** What the derivative reads from the forward pass. */
    enum Reads { X, Y, X_AND_Y }

    private final DoubleUnaryOperator f;
    private final DoubleBinaryOperator df;
    private final BinaryOperator<Var> dfSymbolic;

    SmoothUnary(String name, Reads reads, DoubleUnaryOperator f, DoubleBinaryOperator df,
                BinaryOperator<Var> dfSymbolic) {
        super(name, reads != Reads.Y, reads != Reads.X);
        this.f = f;
        this.df = df;
        this.dfSymbolic = dfSymbolic;
    }

    @Override
    public double apply(double x, double param, Subgradients policy) {
        return f.applyAsDouble(x);
    }

    @Override
    public double derivative(double x, double y, double param, Subgradients policy) {
        return df.applyAsDouble(x, y);
    }

    @Override
    public Var derivative(Var x, Var y, double param) {
        return dfSymbolic.apply(x, y);
    }
}
