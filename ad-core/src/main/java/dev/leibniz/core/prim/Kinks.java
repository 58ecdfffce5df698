package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * Piecewise-smooth primitives and the step functions their derivatives are made of. At a kink
 * the derivative is one element of the subdifferential, chosen per evaluation by
 * {@link Subgradients}: the derivative graphs contain {@code step}, {@code sign} and
 * {@code tiestep} nodes whose value at 0 comes from the policy, so the reverse mode, the
 * forward mode and derivative graphs all pick the same subgradient.
 */
public final class Kinks {
    private Kinks() {
    }

    /** y = max(x, 0); y' = step(x), with relu'(0) from the policy. */
    public static final UnaryPrimitive RELU = new UnaryPrimitive("relu", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return x <= 0 ? 0.0 : x; // NaN stays NaN rather than becoming a silent 0
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return step(x, p);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.step();
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }

        // kept at the kink x = 0, where the policy may set relu'(0) anywhere in [0, 1]
        @Override
        public boolean dependsLocally(int k, double[] x, int n, double param) {
            return !(x[0] < 0);
        }
    };

    /** y = |x|; y' = sign(x), with abs'(0) from the policy. */
    public static final UnaryPrimitive ABS = new UnaryPrimitive("abs", true, false) {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return Math.abs(x);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return sign(x, p);
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return x.sign();
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }
    };

    /** y = max(a, b); ∂a = tiestep(a − b), ∂b = 1 − ∂a; at a tie a gets the policy's tie weight. */
    public static final BinaryPrimitive MAX = new BinaryPrimitive("max", 3, false) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a >= b || a != a ? a : b; // a NaN argument gives NaN, like Math.max
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return tieStep(a - b, p);
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return 1.0 - tieStep(a - b, p);
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            return a.sub(b).tieStep();
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return a.constant(1.0).sub(a.sub(b).tieStep());
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }

        @Override
        public boolean dependsLocally(int k, double[] x, int n, double param) {
            return winner(k, x[0], x[1], x[0] > x[1]);
        }
    };

    /** y = min(a, b); ∂a = tiestep(b − a), ∂b = 1 − ∂a; at a tie a gets the policy's tie weight. */
    public static final BinaryPrimitive MIN = new BinaryPrimitive("min", 3, false) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a <= b || a != a ? a : b; // a NaN argument gives NaN, like Math.min
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return tieStep(b - a, p);
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return 1.0 - tieStep(b - a, p);
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            return b.sub(a).tieStep();
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return a.constant(1.0).sub(b.sub(a).tieStep());
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }

        @Override
        public boolean dependsLocally(int k, double[] x, int n, double param) {
            return winner(k, x[0], x[1], x[0] < x[1]);
        }
    };

    /**
     * Local dependence of max and min: on the winning argument only; at a tie (or with a NaN) on
     * both, because a subgradient policy may weight both.
     */
    private static boolean winner(int k, double a, double b, boolean firstWins) {
        if (a == b || Double.isNaN(a) || Double.isNaN(b)) {
            return true;
        }
        return k == 0 ? firstWins : !firstWins;
    }

    /**
     * y = √(a² + b²) without overflow or underflow; ∂a = a/y, ∂b = b/y. At the origin the
     * derivative is taken as 0 (the minimum-norm subgradient).
     */
    public static final BinaryPrimitive HYPOT = new BinaryPrimitive("hypot", 3, true) {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return Math.hypot(a, b);
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return y == 0 ? 0.0 : a / y;
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return y == 0 ? 0.0 : b / y;
        }

        // select on y ≠ 0: the same 0 at the origin as the numeric rule, not 0/0 = NaN
        @Override
        public Var partialA(Var a, Var b, Var y) {
            return Var.select(y, a.div(y), y.constant(0.0));
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return Var.select(y, b.div(y), y.constant(0.0));
        }

        @Override
        public boolean isCommutative() {
            return true;
        }
    };

    /** Heaviside step: 1 for x > 0, 0 for x &lt; 0, relu'(0) from the policy at 0. Derivative 0. */
    public static final UnaryPrimitive STEP = new PolicyStep("step") {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return step(x, p);
        }
    };

    /** sign(x) = ±1, abs'(0) from the policy at 0. Derivative 0. */
    public static final UnaryPrimitive SIGN = new PolicyStep("sign") {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return sign(x, p);
        }
    };

    /** Step used by max/min: 1 for d > 0, 0 for d &lt; 0, the policy's tie weight at 0. Derivative 0. */
    public static final UnaryPrimitive TIESTEP = new PolicyStep("tiestep") {
        @Override
        public double apply(double x, double param, Subgradients p) {
            return tieStep(x, p);
        }
    };

    static double step(double x, Subgradients p) {
        return x > 0 ? 1.0 : x < 0 ? 0.0 : x == 0 ? p.reluAtZero() : Double.NaN;
    }

    static double sign(double x, Subgradients p) {
        return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? p.absAtZero() : Double.NaN;
    }

    static double tieStep(double d, Subgradients p) {
        return d > 0 ? 1.0 : d < 0 ? 0.0 : d == 0 ? p.tieWeight() : Double.NaN;
    }

    /** A piecewise-constant function of x whose value at 0 is set by the policy. */
    private abstract static class PolicyStep extends UnaryPrimitive {
        PolicyStep(String name) {
            super(name, false, false);
        }

        @Override
        public double derivative(double x, double y, double param, Subgradients p) {
            return 0.0;
        }

        @Override
        public Var derivative(Var x, Var y, double param) {
            return null;
        }

        @Override
        public boolean usesPolicy() {
            return true;
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.NONE;
        }
    }
}
