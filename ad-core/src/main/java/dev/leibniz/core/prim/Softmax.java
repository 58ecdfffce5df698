package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Var;

/**
 * Softmax along an axis, log-sum-exp along an axis, the fused softmax cross-entropy of a batch of
 * rows with integer targets, and the one-hot encoding its derivative uses. Every one shifts by
 * the maximum of its line, so logits of 1000 neither overflow nor lose their gradient.
 *
 * <p>Axis convention (parameter): 1 works along each row (the usual layout, one example per row,
 * one class per column), 0 along each column. log-sum-exp along axis 1 gives an {@code m×1}
 * column, along axis 0 a {@code 1×n} row.
 */
public final class Softmax {
    private Softmax() {
    }

    /** Y = softmax(X) along an axis: y = e^{x − max} / Σ e^{x − max}. VJP: X̄ += Y ⊙ (Ȳ − Σ(Ȳ ⊙ Y)). Saves Y. */
    public static final TensorPrimitive SOFTMAX = new AxisPrimitive("softmax") {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            Shaping.axis(name(), param);
            return s[0];
        }

        @Override
        public void forward(TensorArgs a) {
            Lines l = new Lines(a.xs[0], (int) a.param);
            double[] x = a.x[0];
            for (int line = 0; line < l.count; line++) {
                int bx = a.xo[0] + l.base(line);
                int by = a.yo + l.base(line);
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < l.length; t++) {
                    max = Math.max(max, x[bx + t * l.step]);
                }
                double sum = 0;
                for (int t = 0; t < l.length; t++) {
                    double e = Math.exp(x[bx + t * l.step] - max);
                    a.y[by + t * l.step] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int t = 0; t < l.length; t++) {
                    a.y[by + t * l.step] *= inv;
                }
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[0]) {
                return;
            }
            Lines l = new Lines(a.xs[0], (int) a.param);
            for (int line = 0; line < l.count; line++) {
                int by = a.yo + l.base(line);
                int bg = a.gyo + l.base(line);
                int bx = a.gxo[0] + l.base(line);
                double dot = 0;
                for (int t = 0; t < l.length; t++) {
                    dot += a.gy[bg + t * l.step] * a.y[by + t * l.step];
                }
                for (int t = 0; t < l.length; t++) {
                    a.gx[0][bx + t * l.step] += a.y[by + t * l.step] * (a.gy[bg + t * l.step] - dot);
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return y.mul(ct.sub(ct.mul(y).sumTo(reduced(y.shape(), param))));
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : y.mul(t[0].sub(y.mul(t[0]).sumTo(reduced(y.shape(), param))));
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return param == 1 ? oi == ai : oj == aj;
        }

        @Override
        public boolean savesInput(int k) {
            return false;
        }

        @Override
        public boolean savesOutput() {
            return true;
        }
    };

    /** y = log Σ e^x along an axis (m×1 for axis 1, 1×n for axis 0). VJP: X̄ += Ȳ ⊙ e^{X − y}. Saves X and y. */
    public static final TensorPrimitive LOGSUMEXP = new AxisPrimitive("logsumexp_axis") {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            Shaping.axis(name(), param);
            return reduced(s[0], param);
        }

        @Override
        public void forward(TensorArgs a) {
            Lines l = new Lines(a.xs[0], (int) a.param);
            double[] x = a.x[0];
            for (int line = 0; line < l.count; line++) {
                int bx = a.xo[0] + l.base(line);
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < l.length; t++) {
                    max = Math.max(max, x[bx + t * l.step]);
                }
                double v = max;
                if (Double.isFinite(max)) {
                    double sum = 0;
                    for (int t = 0; t < l.length; t++) {
                        sum += Math.exp(x[bx + t * l.step] - max);
                    }
                    v = max + Math.log(sum);
                }
                a.y[a.yo + line] = v;
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[0]) {
                return;
            }
            Lines l = new Lines(a.xs[0], (int) a.param);
            for (int line = 0; line < l.count; line++) {
                double g = a.gy[a.gyo + line];
                if (g == 0) {
                    continue;
                }
                double y = a.y[a.yo + line];
                int bx = a.xo[0] + l.base(line);
                int bg = a.gxo[0] + l.base(line);
                for (int t = 0; t < l.length; t++) {
                    a.gx[0][bg + t * l.step] += Flow.times(g, Math.exp(a.x[0][bx + t * l.step] - y));
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            // strong zero, as the numeric kernel: a finite element of a line whose logsumexp is +∞
            // has weight e^(x − y) = 0, and an infinite cotangent times that 0 sends 0, not NaN
            return ct.mulStrongZero(x[0].sub(y).exp());
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : x[0].sub(y).exp().mul(t[0]).sumTo(y.shape());
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return param == 1 ? oi == ai : oj == aj;
        }

        @Override
        public boolean savesInput(int k) {
            return true;
        }

        @Override
        public boolean savesOutput() {
            return true;
        }
    };

    /**
     * Fused softmax cross-entropy of a batch: logits X (m×k), targets t (m×1, class indices
     * 0…k−1 stored as doubles); y_i = logsumexp(X_i·) − X_{i,t_i}, one loss per row (m×1).
     * VJP: X̄_ij += ȳ_i (softmax(X)_ij − [j = t_i]); nothing flows to the targets. Saves X, t, y.
     */
    public static final TensorPrimitive CROSS_ENTROPY = new TensorPrimitive("softmax_xent_rows", 2) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            if (s[1].cols() != 1 || s[1].rows() != s[0].rows()) {
                throw ShapeException.mismatch(name(), s[0], s[1], "the targets must be a column with one class index per"
                        + " row of the logits, i.e. " + s[0].rows() + "x1");
            }
            return new Shape(s[0].rows(), 1);
        }

        @Override
        public void forward(TensorArgs a) {
            int m = a.xs[0].rows();
            int k = a.xs[0].cols();
            double[] x = a.x[0];
            for (int i = 0; i < m; i++) {
                int row = a.xo[0] + i * k;
                int t = target(a, i, k);
                // the scalar softmax_xent's formula, with its guard for a non-finite maximum
                a.y[a.yo + i] = Reductions.logSumExp(x, row, k) - x[row + t];
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[0]) {
                return;
            }
            int m = a.xs[0].rows();
            int k = a.xs[0].cols();
            double[] x = a.x[0];
            double[] gx = a.gx[0];
            for (int i = 0; i < m; i++) {
                double g = a.gy[a.gyo + i];
                if (g == 0) {
                    continue;
                }
                int row = a.xo[0] + i * k;
                int grow = a.gxo[0] + i * k;
                int t = target(a, i, k);
                // the row's own logsumexp: y + x_t would lose every digit when |x_t| ≫ |lse|
                double lse = Reductions.logSumExp(x, row, k);
                for (int j = 0; j < k; j++) {
                    // the scalar partial softmax_j − [j = t], then ȳ · partial under the flow contract
                    double softmax = Math.exp(x[row + j] - lse);
                    gx[grow + j] += Flow.times(g, j == t ? softmax - 1.0 : softmax);
                }
            }
        }

        private int target(TensorArgs a, int i, int k) {
            double v = a.x[1][a.xo[1] + i];
            int t = (int) v;
            if (t != v || t < 0 || t >= k) {
                throw new GraphException("softmax cross-entropy: target " + v + " of row " + i + " is not a class index in [0, "
                        + k + ")");
            }
            return t;
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            if (k == 1) {
                return null;
            }
            // softmax_xent′ = e^(x − lse) − onehot row by row, with the row's own logsumexp (as the
            // numeric kernel: y + x_t would lose every digit when |x_t| ≫ |lse|) and a strong zero; a
            // row with a +∞ logit gives weight 0 to its finite logits, where softmax(x) itself is NaN
            Var weights = x[0].sub(x[0].logsumexp(1)).exp();
            return ct.mulStrongZero(weights.sub(x[1].oneHot(x[0].shape().cols())));
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            if (t[0] == null) {
                return null;
            }
            return x[0].softmax(1).sub(x[1].oneHot(x[0].shape().cols())).mul(t[0]).sumTo(y.shape());
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return oi == ai; // the targets too: a value dependence, with zero derivative (Dependence.NONE)
        }

        @Override
        public boolean savesInput(int k) {
            return true;
        }

        @Override
        public boolean savesOutput() {
            return true;
        }

        @Override
        public Dependence dependence(int k) {
            return k == 0 ? Dependence.NONLINEAR : Dependence.NONE;
        }
    };

    /** One-hot rows: t (m×1 of class indices) to an m×k matrix of 0/1 (parameter: k). No derivative. */
    public static final TensorPrimitive ONE_HOT = new TensorPrimitive("one_hot", 1) {
        @Override
        public boolean hasParam() {
            return true;
        }

        @Override
        public Shape shape(Shape[] s, int n, double param) {
            int k = intParam(name(), param);
            if (k < 1) {
                throw new GraphException("'one_hot' needs at least one class, got " + k);
            }
            if (s[0].cols() != 1) {
                throw ShapeException.invalid(name(), s[0], "the class indices must be a column");
            }
            return new Shape(s[0].rows(), k);
        }

        @Override
        public void forward(TensorArgs a) {
            int m = a.xs[0].rows();
            int k = a.ys.cols();
            java.util.Arrays.fill(a.y, a.yo, a.yo + m * k, 0.0);
            for (int i = 0; i < m; i++) {
                double v = a.x[0][a.xo[0] + i];
                int t = (int) v;
                if (t != v || t < 0 || t >= k) {
                    throw new GraphException("one_hot: class " + v + " of row " + i + " is not in [0, " + k + ")");
                }
                a.y[a.yo + i * k + t] = 1.0;
            }
        }

        @Override
        public void backward(TensorArgs a) {
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return null;
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return null;
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return oi == ai;
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
            return Dependence.NONE;
        }

        @Override
        public String formatParam(double p) {
            return "classes=" + (int) p;
        }
    };

    /** The shape of a reduction along an axis: m×1 for axis 1, 1×n for axis 0. */
    static Shape reduced(Shape s, double axis) {
        return axis == 1 ? new Shape(s.rows(), 1) : new Shape(1, s.cols());
    }

    /** The lines of a matrix along an axis: {@code count} lines of {@code length} elements, {@code step} apart. */
    private static final class Lines {
        final int count;
        final int length;
        final int step;
        private final int cols;
        private final boolean rows;

        Lines(Shape s, int axis) {
            rows = axis == 1;
            cols = s.cols();
            count = rows ? s.rows() : s.cols();
            length = rows ? s.cols() : s.rows();
            step = rows ? 1 : s.cols();
        }

        int base(int line) {
            return rows ? line * cols : line;
        }
    }

    /** A one-argument primitive along an axis given by its parameter. */
    private abstract static class AxisPrimitive extends TensorPrimitive {
        AxisPrimitive(String name) {
            super(name, 1);
        }

        @Override
        public boolean hasParam() {
            return true;
        }

        @Override
        public String formatParam(double p) {
            return "axis=" + (int) p;
        }
    }
}
