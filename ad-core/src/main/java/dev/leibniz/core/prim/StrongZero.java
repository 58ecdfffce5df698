package dev.leibniz.core.prim;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;

/**
 * The strong zero of a whole matrix product in derivative graphs. {@code zero_if_zero(c, v)} is
 * {@code v}, except that it is exactly zero (of v's shape) when every element of {@code c} is
 * exactly zero — NaN counts as non-zero. Derivative graphs wrap the VJP contribution of a matrix
 * primitive whose rule multiplies the cotangent {@code c} by forward values (a {@code matmul}, a
 * {@code softmax}): on a branch a {@code select} did not take, the cotangent is all zeros and the
 * contribution must be zero even where those values are ∞ or NaN, as in the numeric kernels, which
 * skip a node whose adjoint is all zeros. (Scalar rules get this from {@code mulz} element by
 * element; a BLAS product has no per-element strong zero.)
 *
 * <p>Rules: ∂/∂v is the identity gated by the same test ({@code zero_if_zero(c, v̄)}); nothing
 * flows to {@code c}, which only decides ({@link Dependence#NONE}).
 */
public final class StrongZero {
    private StrongZero() {
    }

    /** {@code zero_if_zero(c, v)}: v, or zeros of v's shape when c is all exact zeros. */
    public static final TensorPrimitive ZERO_IF_ZERO = new TensorPrimitive("zero_if_zero", 2) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            return s[1];
        }

        @Override
        public void forward(TensorArgs a) {
            int size = a.xs[1].size();
            boolean zero = allZero(a.x[0], a.xo[0], a.xs[0].size());
            for (int e = 0; e < size; e++) {
                a.y[a.yo + e] = zero ? 0.0 : a.x[1][a.xo[1] + e];
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[1] || allZero(a.x[0], a.xo[0], a.xs[0].size())) {
                return;
            }
            for (int e = 0, size = a.xs[1].size(); e < size; e++) {
                a.gx[1][a.gxo[1] + e] += a.gy[a.gyo + e];
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return k == 0 ? null : gate(x[0], ct);
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[1] == null ? null : gate(x[0], t[1]);
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return k == 0 || (oi == ai && oj == aj); // every element of c decides; v element by element
        }

        @Override
        public boolean savesInput(int k) {
            return k == 0;
        }

        @Override
        public boolean savesOutput() {
            return false;
        }

        // reads c only to decide, and its reverse rule is already gated by c
        @Override
        public boolean vjpScalesByValues(int n) {
            return false;
        }

        @Override
        public Dependence dependence(int k) {
            return k == 0 ? Dependence.NONE : Dependence.LINEAR;
        }
    };

    /** {@code zero_if_zero(c, v)} in c's graph. */
    public static Var gate(Var c, Var v) {
        return c.graph().apply(ZERO_IF_ZERO, c, v);
    }

    private static boolean allZero(double[] c, int from, int n) {
        for (int e = from, end = from + n; e < end; e++) {
            if (!(c[e] == 0)) {
                return false;
            }
        }
        return true;
    }
}
