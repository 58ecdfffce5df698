package dev.leibniz.core.prim;

import static dev.leibniz.core.prim.SmoothUnary.Reads.X;
import static dev.leibniz.core.prim.SmoothUnary.Reads.Y;

import dev.leibniz.core.Var;

/**
 * Elementary functions. Each line: name, what the reverse rule keeps from the forward pass,
 * value, derivative (numeric), derivative (graph operations). Rules reuse the output where
 * that is cheaper: exp' = y, sqrt' = 1/(2y).
 */
public final class Elementary {
    private Elementary() {
    }

    /** y = √x; y' = 1/(2y). */
    public static final UnaryPrimitive SQRT = new SmoothUnary("sqrt", Y) {
        @Override
        public double value(double x) {
            return Math.sqrt(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 0.5 / y;
        }

        @Override
        public Var derivative(Var x, Var y) {
            return y.constant(0.5).div(y);
        }
    };

    /** y = eˣ; y' = y. */
    public static final UnaryPrimitive EXP = new SmoothUnary("exp", Y) {
        @Override
        public double value(double x) {
            return Math.exp(x);
        }

        @Override
        public double derivative(double x, double y) {
            return y;
        }

        @Override
        public Var derivative(Var x, Var y) {
            return y;
        }
    };

    /** y = ln x; y' = 1/x. */
    public static final UnaryPrimitive LOG = new SmoothUnary("log", X) {
        @Override
        public double value(double x) {
            return Math.log(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 / x;
        }

        @Override
        public Var derivative(Var x, Var y) {
            return x.constant(1.0).div(x);
        }
    };

    /** y = ln(1 + x), accurate for tiny x; y' = 1/(1 + x). */
    public static final UnaryPrimitive LOG1P = new SmoothUnary("log1p", X) {
        @Override
        public double value(double x) {
            return Math.log1p(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 / (1.0 + x);
        }

        @Override
        public Var derivative(Var x, Var y) {
            return x.constant(1.0).div(x.add(1.0));
        }
    };

    /** y = eˣ − 1, accurate for tiny x; y' = y + 1. */
    public static final UnaryPrimitive EXPM1 = new SmoothUnary("expm1", Y) {
        @Override
        public double value(double x) {
            return Math.expm1(x);
        }

        @Override
        public double derivative(double x, double y) {
            return y + 1.0;
        }

        @Override
        public Var derivative(Var x, Var y) {
            return y.add(1.0);
        }
    };

    /** y = sin x; y' = cos x. */
    public static final UnaryPrimitive SIN = new SmoothUnary("sin", X) {
        @Override
        public double value(double x) {
            return Math.sin(x);
        }

        @Override
        public double derivative(double x, double y) {
            return Math.cos(x);
        }

        @Override
        public Var derivative(Var x, Var y) {
            return x.cos();
        }
    };

    /** y = cos x; y' = −sin x. */
    public static final UnaryPrimitive COS = new SmoothUnary("cos", X) {
        @Override
        public double value(double x) {
            return Math.cos(x);
        }

        @Override
        public double derivative(double x, double y) {
            return -Math.sin(x);
        }

        @Override
        public Var derivative(Var x, Var y) {
            return x.sin().neg();
        }
    };

    /** y = tan x; y' = 1 + y². */
    public static final UnaryPrimitive TAN = new SmoothUnary("tan", Y) {
        @Override
        public double value(double x) {
            return Math.tan(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 + y * y;
        }

        @Override
        public Var derivative(Var x, Var y) {
            return y.square().add(1.0);
        }
    };

    /** y = tanh x; y' = 1 − y². */
    public static final UnaryPrimitive TANH = new SmoothUnary("tanh", Y) {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1.0 - y * y;
        }

        @Override
        public Var derivative(Var x, Var y) {
            return y.constant(1.0).sub(y.square());
        }
    };

    /** y = 1/(1 + e⁻ˣ), evaluated without overflow for any x; y' = y(1 − y). */
    public static final UnaryPrimitive SIGMOID = new SmoothUnary("sigmoid", Y) {
        @Override
        public double value(double x) {
            return sigmoid(x);
        }

        @Override
        public double derivative(double x, double y) {
            return y * (1.0 - y);
        }

        @Override
        public Var derivative(Var x, Var y) {
            return y.mul(y.constant(1.0).sub(y));
        }
    };

    /** y = ln(1 + eˣ) = max(x, 0) + log1p(e^−|x|), exact for large |x|; y' = sigmoid(x). */
    public static final UnaryPrimitive SOFTPLUS = new SmoothUnary("softplus", X) {
        @Override
        public double value(double x) {
            return softplus(x);
        }

        @Override
        public double derivative(double x, double y) {
            return sigmoid(x);
        }

        @Override
        public Var derivative(Var x, Var y) {
            return x.sigmoid();
        }
    };

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
