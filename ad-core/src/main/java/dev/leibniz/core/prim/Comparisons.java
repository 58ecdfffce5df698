package dev.leibniz.core.prim;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;

/**
 * Comparisons (1 for true, 0 for false) and {@code select}, the conditional of a static graph.
 * A comparison has no derivative; {@code select(c, a, b)} passes the adjoint to the branch
 * that was taken and an exact zero to the other one, which is still part of the graph.
 */
public final class Comparisons {
    private Comparisons() {
    }

    public static final BinaryPrimitive LT = new Compare("lt") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a < b ? 1.0 : 0.0;
        }
    };

    public static final BinaryPrimitive LE = new Compare("le") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a <= b ? 1.0 : 0.0;
        }
    };

    public static final BinaryPrimitive GT = new Compare("gt") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a > b ? 1.0 : 0.0;
        }
    };

    public static final BinaryPrimitive GE = new Compare("ge") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a >= b ? 1.0 : 0.0;
        }
    };

    public static final BinaryPrimitive EQ = new Compare("eq") {
        @Override
        public double apply(double a, double b, Subgradients p) {
            return a == b ? 1.0 : 0.0;
        }

        @Override
        public boolean isCommutative() {
            return true;
        }
    };

    /**
     * y = select(c, a, b) = a if c ≠ 0, else b. ∂a = [c ≠ 0], ∂b = [c = 0], nothing flows to c.
     * Only the condition is saved for the backward pass.
     */
    public static final Primitive SELECT = new Primitive("select", 3) {
        @Override
        public Kind kind() {
            return Kind.GENERAL;
        }

        @Override
        public double apply(double[] x, int n, double param, Subgradients p) {
            return x[0] != 0 ? x[1] : x[2];
        }

        @Override
        public double partial(int k, double[] x, int n, double y, double param, Subgradients p) {
            if (k == 0) {
                return 0.0;
            }
            return (x[0] != 0) == (k == 1) ? 1.0 : 0.0;
        }

        @Override
        public Var partial(int k, Var[] x, Var y, double param) {
            if (k == 0) {
                return null;
            }
            Var one = x[0].constant(1.0);
            Var zero = x[0].constant(0.0);
            return k == 1 ? Var.select(x[0], one, zero) : Var.select(x[0], zero, one);
        }

        @Override
        public boolean savesInput(int k) {
            return k == 0;
        }

        @Override
        public boolean savesOutput() {
            return false;
        }

        @Override
        public Dependence dependence(int k) {
            return k == 0 ? Dependence.NONE : Dependence.LINEAR;
        }

        // the operand the condition picks (NaN counts as ≠ 0, as in the evaluation)
        @Override
        public boolean dependsLocally(int k, double[] x, int n, double param) {
            return k != 0 && (x[0] != 0) == (k == 1);
        }
    };

    /** A comparison: values 0 or 1, no derivative, nothing saved. */
    private abstract static class Compare extends BinaryPrimitive {
        Compare(String name) {
            super(name, 0, false);
        }

        @Override
        public double partialA(double a, double b, double y, Subgradients p) {
            return 0.0;
        }

        @Override
        public double partialB(double a, double b, double y, Subgradients p) {
            return 0.0;
        }

        @Override
        public Var partialA(Var a, Var b, Var y) {
            return null;
        }

        @Override
        public Var partialB(Var a, Var b, Var y) {
            return null;
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.NONE;
        }
    }
}
