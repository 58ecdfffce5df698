package dev.leibniz.core.prim;

import static dev.leibniz.core.prim.SmoothUnary.Reads.X;
import static dev.leibniz.core.prim.SmoothUnary.Reads.Y;

/**
 * Elementary functions. Each line: name, what the reverse rule keeps from the forward pass,
 * value, derivative (numeric), derivative (graph operations). Rules reuse the output where
 * that is cheaper: exp' = y, sqrt' = 1/(2y).
 */
public final class Elementary {
    private Elementary() {
    }

    /** y = √x; y' = 1/(2y). */
    public static final UnaryPrimitive SQRT = new SmoothUnary("sqrt", Y, Math::sqrt,
            (x, y) -> 0.5 / y, (x, y) -> y.constant(0.5).div(y));

    /** y = eˣ; y' = y. */
    public static final UnaryPrimitive EXP = new SmoothUnary("exp", Y, Math::exp,
            (x, y) -> y, (x, y) -> y);

    /** y = ln x; y' = 1/x. */
    public static final UnaryPrimitive LOG = new SmoothUnary("log", X, Math::log,
            (x, y) -> 1.0 / x, (x, y) -> x.constant(1.0).div(x));

    /** y = ln(1 + x), accurate for tiny x; y' = 1/(1 + x). */
    public static final UnaryPrimitive LOG1P = new SmoothUnary("log1p", X, Math::log1p,
            (x, y) -> 1.0 / (1.0 + x), (x, y) -> x.constant(1.0).div(x.add(1.0)));

    /** y = eˣ − 1, accurate for tiny x; y' = y + 1. */
    public static final UnaryPrimitive EXPM1 = new SmoothUnary("expm1", Y, Math::expm1,
            (x, y) -> y + 1.0, (x, y) -> y.add(1.0));

    /** y = sin x; y' = cos x. */
    public static final UnaryPrimitive SIN = new SmoothUnary("sin", X, Math::sin,
            (x, y) -> Math.cos(x), (x, y) -> x.cos());

    /** y = cos x; y' = −sin x. */
    public static final UnaryPrimitive COS = new SmoothUnary("cos", X, Math::cos,
            (x, y) -> -Math.sin(x), (x, y) -> x.sin().neg());

    /** y = tan x; y' = 1 + y². */
    public static final UnaryPrimitive TAN = new SmoothUnary("tan", Y, Math::tan,
            (x, y) -> 1.0 + y * y, (x, y) -> y.square().add(1.0));

    /** y = tanh x; y' = 1 − y². */
    public static final UnaryPrimitive TANH = new SmoothUnary("tanh", Y, Math::tanh,
            (x, y) -> 1.0 - y * y, (x, y) -> y.constant(1.0).sub(y.square()));

    /** y = 1/(1 + e⁻ˣ), evaluated without overflow for any x; y' = y(1 − y). */
    public static final UnaryPrimitive SIGMOID = new SmoothUnary("sigmoid", Y, Elementary::sigmoid,
            (x, y) -> y * (1.0 - y), (x, y) -> y.mul(y.constant(1.0).sub(y)));

    /** y = ln(1 + eˣ) = max(x, 0) + log1p(e^−|x|), exact for large |x|; y' = sigmoid(x). */
    public static final UnaryPrimitive SOFTPLUS = new SmoothUnary("softplus", X, Elementary::softplus,
            (x, y) -> sigmoid(x), (x, y) -> x.sigmoid());

    /** Stable logistic function: never evaluates e^(+large). */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Stable softplus: softplus(1000) = 1000, softplus(−1000) = e^−1000 (underflows to 0). */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
