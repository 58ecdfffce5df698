package dev.leibniz.core.prim;

import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Var;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Matrix product and transpose. The numeric kernels are EJML's ({@code CommonOps_DDRM.mult},
 * {@code multAddTransA}, {@code multAddTransB}, {@code transpose}) on {@link DMatrixRMaj} views of
 * the node buffers, so a network's forward and backward passes run the same products a
 * hand-written EJML program would; operands at a nonzero offset (1×1 values stored among the
 * scalars) take a plain triple loop instead.
 */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /**
     * C = A·B for A (m×k) and B (k×n), which covers matrix·vector with B a column (k×1).
     * VJP: Ā += C̄·Bᵀ, B̄ += Aᵀ·C̄. JVP: Ċ = Ȧ·B + A·Ḃ. Both inputs are saved (each is needed for
     * the other's adjoint); the product is bilinear.
     */
    public static final TensorPrimitive MATMUL = new TensorPrimitive("matmul", 2) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            if (s[0].cols() != s[1].rows()) {
                throw ShapeException.mismatch(name(), s[0], s[1], "inner dimensions " + s[0].cols() + " and "
                        + s[1].rows() + " differ");
            }
            return new Shape(s[0].rows(), s[1].cols());
        }

        @Override
        public void forward(TensorArgs a) {
            int m = a.xs[0].rows();
            int k = a.xs[0].cols();
            int n = a.xs[1].cols();
            if (a.xo[0] == 0 && a.xo[1] == 0 && a.yo == 0) {
                CommonOps_DDRM.mult(view(m, k, a.x[0]), view(k, n, a.x[1]), view(m, n, a.y));
            } else {
                java.util.Arrays.fill(a.y, a.yo, a.yo + m * n, 0.0);
                gemm(false, false, m, n, k, a.x[0], a.xo[0], k, a.x[1], a.xo[1], n, a.y, a.yo);
            }
        }

        @Override
        public void backward(TensorArgs a) {
            int m = a.xs[0].rows();
            int k = a.xs[0].cols();
            int n = a.xs[1].cols();
            boolean flat = a.xo[0] == 0 && a.xo[1] == 0 && a.gyo == 0;
            if (a.need[0]) {
                if (flat && a.gxo[0] == 0) {
                    CommonOps_DDRM.multAddTransB(view(m, n, a.gy), view(k, n, a.x[1]), view(m, k, a.gx[0]));
                } else {
                    gemm(false, true, m, k, n, a.gy, a.gyo, n, a.x[1], a.xo[1], n, a.gx[0], a.gxo[0]);
                }
            }
            if (a.need[1]) {
                if (flat && a.gxo[1] == 0) {
                    CommonOps_DDRM.multAddTransA(view(m, k, a.x[0]), view(m, n, a.gy), view(k, n, a.gx[1]));
                } else {
                    gemm(true, false, k, n, m, a.x[0], a.xo[0], k, a.gy, a.gyo, n, a.gx[1], a.gxo[1]);
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return k == 0 ? ct.matmul(x[1].transpose()) : x[0].transpose().matmul(ct);
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            Var a = t[0] == null ? null : t[0].matmul(x[1]);
            Var b = t[1] == null ? null : x[0].matmul(t[1]);
            return a == null ? b : b == null ? a : a.add(b);
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return k == 0 ? ai == oi : aj == oj;
        }

        @Override
        public boolean savesInput(int k) {
            return true;
        }

        @Override
        public boolean savesOutput() {
            return false;
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }

        @Override
        public boolean interacts(int j, int k) {
            return j != k;
        }
    };

    /** Y = Xᵀ. VJP: X̄ += Ȳᵀ; JVP: Ẏ = Ẋᵀ. Linear, saves nothing. */
    public static final TensorPrimitive TRANSPOSE = new TensorPrimitive("transpose", 1) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            return new Shape(s[0].cols(), s[0].rows());
        }

        @Override
        public void forward(TensorArgs a) {
            int m = a.xs[0].rows();
            int n = a.xs[0].cols();
            if (a.xo[0] == 0 && a.yo == 0) {
                CommonOps_DDRM.transpose(view(m, n, a.x[0]), view(n, m, a.y));
            } else {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        a.y[a.yo + j * m + i] = a.x[0][a.xo[0] + i * n + j];
                    }
                }
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[0]) {
                return;
            }
            int m = a.xs[0].rows();
            int n = a.xs[0].cols();
            double[] g = a.gx[0];
            double[] gy = a.gy;
            for (int i = 0; i < m; i++) {
                int row = a.gxo[0] + i * n;
                for (int j = 0; j < n; j++) {
                    g[row + j] += gy[a.gyo + j * m + i];
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return ct.transpose();
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : t[0].transpose();
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return oi == aj && oj == ai;
        }

        @Override
        public boolean savesInput(int k) {
            return false;
        }

        @Override
        public boolean savesOutput() {
            return false;
        }

        @Override
        public Dependence dependence(int k) {
            return Dependence.LINEAR;
        }
    };

    /** A row-major view of a node buffer (no copy); the buffer may be longer than rows·cols. */
    static DMatrixRMaj view(int rows, int cols, double[] data) {
        return DMatrixRMaj.wrap(rows, cols, data);
    }

    /**
     * C[r×c] += op(A)·op(B) with inner dimension q, for operands at arbitrary offsets: op(A) is
     * A (stored r×q, leading dimension lda) or, with {@code ta}, Aᵀ (A stored q×r); likewise B.
     */
    static void gemm(boolean ta, boolean tb, int r, int c, int q, double[] a, int ao, int lda,
                     double[] b, int bo, int ldb, double[] out, int co) {
        for (int i = 0; i < r; i++) {
            for (int l = 0; l < q; l++) {
                double av = ta ? a[ao + l * lda + i] : a[ao + i * lda + l];
                for (int j = 0; j < c; j++) {
                    out[co + i * c + j] += av * (tb ? b[bo + j * ldb + l] : b[bo + l * ldb + j]);
                }
            }
        }
    }
}
