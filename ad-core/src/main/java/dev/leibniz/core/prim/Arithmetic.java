package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * add, sub, mul, div, neg, square, integer and real powers — each with its partial derivatives
 * right beside its value, numerically and as graph operations.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    private static final int A = 1;
    private static final int B = 2;

    /** y = a + b; ∂a = ∂b = 1. */
    public static final BinaryPrimitive ADD = new Linear2("add", 1, 1, true) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a + b;
        }
    };

    /** y = a − b; ∂a = 1, ∂b = −1. */
    public static final BinaryPrimitive SUB = new Linear2("sub", 1, -1, false) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a - b;
        }
    };

    /** y = a·b; ∂a = b, ∂b = a (both inputs saved). */
    public static final BinaryPrimitive MUL = new Product("mul") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a * b;
        }
    };

    /**
     * y = a·b with a strong zero: 0·∞ = 0·NaN = 0. Derivative graphs multiply adjoints and
     * tangents by local partials with it, so that an exact-zero adjoint (the branch a
     * {@code select} did not take) contributes an exact zero even where the partial there is
     * infinite or NaN — as the numeric sweeps do. Otherwise it is {@code mul}, bit for bit;
     * ∂a = b, ∂b = a.
     */
    public static final BinaryPrimitive MULZ = new Product("mulz") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return strongZeroProduct(a, b);
        }

        @Override
        public Primitive sameBitsWithConstant(int k, double value) {
            return value != 0 && Double.isFinite(value) ? MUL : null;
        }
    };

    /**
     * a·b, except that an exact zero times a non-finite number is 0. Tested after the product:
     * 0·(±∞ or NaN) is NaN and 0·finite is not, so "the product is NaN and a factor is 0" is the
     * same condition, and the common case pays one comparison (r ≠ r) instead of two tests for
     * zero — this product is every term of a derivative graph (a 6-lane sensitivity kernel of
     * Lotka–Volterra: 48 of them, 55 → 33 ns per sweep when they were plain products).
     */
    public static double strongZeroProduct(double a, double b) {
        double r = a * b;
        if (r != r && (a == 0 || b == 0)) {
            return 0.0;
        }
        return r;
    }

    /** y = a / b; ∂a = 1/b, ∂b = −y/b (saves b and y, not a). */
    public static final BinaryPrimitive DIV = new BinaryPrimitive("div", B, true) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a / b;
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return 1.0 / b;
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return -y / b;
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            return b.constant(1.0).div(b);
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return y.neg().div(b);
        }

        @Override
        public Dependence dependence(int k) {
            return k == 0 ? Dependence.LINEAR : Dependence.NONLINEAR;
        }

        @Override
        public boolean interacts(int j, int k) {
            return j != k;
        }
    };

    /** y = −x; y' = −1. */
    public static final UnaryPrimitive NEG = new UnaryPrimitive("neg", false, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return -x;
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return -1.0;
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.constant(-1.0);
        }

        @Override
        public double constantPartial(int k) {
            return -1.0;
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }
    };

    /** y = x²; y' = 2x. */
    public static final UnaryPrimitive SQUARE = new UnaryPrimitive("square", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return x * x;
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 2.0 * x;
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.mul(2.0);
        }
    };

    /** y = xⁿ for an integer n (the node's parameter); y' = n·xⁿ⁻¹, exact at x = 0 and x &lt; 0. */
    public static final UnaryPrimitive POWI = new UnaryPrimitive("powi", true, false) {
        @Override
        public double apply(double x, double n, Subgradients p) {
            return intPow(x, (int) n);
        }

        @Override
        public double derivative(double x, double y, double n, Subgradients p) {
            return n == 0 ? 0.0 : n * intPow(x, (int) n - 1);
        }

        @Override
        public Var derivative(Var x, Var y, double n) {
            if (n == 0) {
                return null;
            }
            if (n == 1) {
                return x.constant(1.0);
            }
            return (n == 2 ? x : x.pow((int) n - 1)).mul(n);
        }

        @Override
        public boolean hasParam() {
            return true;
        }

        @Override
        public String formatParam(double n) {
            return Integer.toString((int) n);
        }

        @Override
        public void checkParam(double n, int args) {
            if (n != Math.rint(n) || Math.abs(n) > 1 << 30) {
                throw new dev.leibniz.core.GraphException("primitive 'powi' needs an integer exponent, got " + n);
            }
        }
    };

    /**
     * y = a^b for real b; ∂a = b·a^(b−1), ∂b = y·ln a, each with the strong-zero product (0 where
     * b = 0, resp. y = 0, even against an infinite factor; and 0 where the other factor is 0 against
     * an infinite b or y), numerically and as graph operations alike.
     */
    public static final BinaryPrimitive POW = new BinaryPrimitive("pow", A | B, true) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return Math.pow(a, b);
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return strongZeroProduct(b, Math.pow(a, b - 1.0));
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return strongZeroProduct(y, Math.log(a));
        }

        // the strong-zero product is the numeric guard "0 where b = 0" as one rule: b·a^(b−1) is 0 at
        // b = 0 even where a^(b−1) = ∞ (a = 0), and ∂/∂b of it is still a^(b−1), so ∂²y/∂a∂b = 1/a
        @Override
        public Var partialA(Var a, Var b, Var y) {
            return b.mulStrongZero(a.pow(b.sub(1.0)));
        }

        // likewise "0 where y = 0": y·ln a is 0 on the boundary a = 0 (where ln a = −∞)
        @Override
        public Var partialB(Var a, Var b, Var y) {
            return y.mulStrongZero(a.log());
        }
    };

    /** xⁿ by repeated squaring: exact for small n, defined for negative x. */
    static double intPow(double x, int n) {
        if (n < 0) {
            return 1.0 / intPow(x, -n);
        }
        double result = 1.0;
        double base = x;
        int e = n;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
            e >>= 1;
        }
        return result;
    }

    /**
     * A product a·b, bilinear: ∂a = b, ∂b = a. Each product primitive is its own subclass that
     * states its value, so generated code calling it through its static field binds to exactly
     * that formula (see {@code compile/RuleEmitter}).
     */
    private abstract static class Product extends BinaryPrimitive {
        Product(String name) {
            super(name, A | B, false);
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return b;
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return a;
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            return b;
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return a;
        }

        @Override
        public boolean isCommutative() {
            return true;
        }

        // bilinear: ∂²y/∂a² = ∂²y/∂b² = 0, only the cross derivative ∂²y/∂a∂b = 1 is nonzero
        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }

        @Override
        public boolean interacts(int j, int k) {
            return j != k;
        }
    }

    /**
     * A binary primitive c_a·a + c_b·b with constant partials c_a and c_b, declared once as
     * {@link #constantPartial(int)}; each subclass states its value ({@code a + b}, {@code a − b}).
     */
    private abstract static class Linear2 extends BinaryPrimitive {
        private final double ca;
        private final double cb;
        private final boolean commutative;

        Linear2(String name, double ca, double cb, boolean commutative) {
            super(name, 0, false);
            this.ca = ca;
            this.cb = cb;
            this.commutative = commutative;
        }

        @Override
        public double constantPartial(int k) {
            return k == 0 ? ca : cb;
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return ca;
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return cb;
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            return a.constant(ca);
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return a.constant(cb);
        }

        @Override
        public boolean isCommutative() {
            return commutative;
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }
    }
}
