package dev.leibniz.core.prim;

import dev.leibniz.core.GraphException;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Var;
import java.util.Arrays;

/**
 * Primitives that move elements without arithmetic — reshape, slices, concatenation — and the
 * pair {@code broadcast_to} / {@code sum_to}, each the other's transpose. {@code sum_to} is also
 * every sum: over all elements ({@code 1×1}), down the rows ({@code 1×n}, one sum per column) or
 * along the columns ({@code m×1}, one sum per row), and it is what the reverse rule of a
 * broadcasting elementwise primitive uses to send an adjoint back to a smaller argument.
 *
 * <p>All are linear, save nothing, and have derivative rules made of each other: the VJP of a
 * slice is the adjoint padded with zeros (a concatenation), the VJP of a concatenation is a
 * slice per argument.
 */
public final class Shaping {
    private Shaping() {
    }

    /** Y = X read in row-major order as rows×cols (parameter: packed shape). */
    public static final TensorPrimitive RESHAPE = new Mover("reshape", 1) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            Shape to = Shapes.unpackShape(param);
            if (to.size() != s[0].size()) {
                throw ShapeException.mismatch(name(), s[0], to, "cannot reshape " + s[0].size() + " elements into "
                        + to.size());
            }
            return to;
        }

        @Override
        public boolean isContiguousView() {
            return true;
        }

        @Override
        public int[] flatView(Shape arg, Shape out, double param) {
            return new int[] {0, 1};
        }

        @Override
        public void forward(TensorArgs a) {
            System.arraycopy(a.x[0], a.xo[0], a.y, a.yo, a.ys.size());
        }

        @Override
        public void backward(TensorArgs a) {
            if (a.need[0]) {
                addInto(a.gy, a.gyo, a.gx[0], a.gxo[0], a.ys.size());
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return ct.reshape(x[0].shape().rows(), x[0].shape().cols());
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : t[0].reshape(y.shape().rows(), y.shape().cols());
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return oi * out.cols() + oj == ai * args[0].cols() + aj;
        }

        @Override
        public String formatParam(double p) {
            return Shapes.first(p) + "x" + Shapes.second(p);
        }
    };

    /** Rows [start, end) of X (parameter: packed start, end). */
    public static final TensorPrimitive SLICE_ROWS = new Slice("slice_rows", 0);

    /** Columns [start, end) of X (parameter: packed start, end). */
    public static final TensorPrimitive SLICE_COLS = new Slice("slice_cols", 1);

    /**
     * Joins its arguments along an axis (parameter 0: one above the other, all with the same
     * number of columns; 1: side by side, all with the same number of rows).
     */
    public static final TensorPrimitive CONCAT = new Mover("concat", -1) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            int axis = axis(name(), param);
            int total = 0;
            for (int k = 0; k < n; k++) {
                if (axis == 0 ? s[k].cols() != s[0].cols() : s[k].rows() != s[0].rows()) {
                    throw ShapeException.mismatch(name(), s[0], s[k], "argument " + k + " has " + (axis == 0
                            ? s[k].cols() + " columns, argument 0 has " + s[0].cols()
                            : s[k].rows() + " rows, argument 0 has " + s[0].rows())
                            + "; shapes " + Arrays.toString(Arrays.copyOf(s, n)));
                }
                total += axis == 0 ? s[k].rows() : s[k].cols();
            }
            return axis == 0 ? new Shape(total, s[0].cols()) : new Shape(s[0].rows(), total);
        }

        @Override
        public void forward(TensorArgs a) {
            move(a, false);
        }

        @Override
        public void backward(TensorArgs a) {
            move(a, true);
        }

        /** Copies each argument into its block of Y, or (reverse) adds each block of Ȳ to the argument's adjoint. */
        private void move(TensorArgs a, boolean reverse) {
            int cols = a.ys.cols();
            int offset = 0;
            for (int k = 0; k < a.n; k++) {
                Shape s = a.xs[k];
                if (a.param == 0) {
                    if (!reverse) {
                        System.arraycopy(a.x[k], a.xo[k], a.y, a.yo + offset * cols, s.size());
                    } else if (a.need[k]) {
                        addInto(a.gy, a.gyo + offset * cols, a.gx[k], a.gxo[k], s.size());
                    }
                    offset += s.rows();
                } else {
                    if (s.cols() == 1) {           // one column: an element loop, not a copy call per row
                        moveColumn(a, k, reverse, cols, offset);
                        offset += 1;
                        continue;
                    }
                    for (int i = 0; i < s.rows(); i++) {
                        if (!reverse) {
                            System.arraycopy(a.x[k], a.xo[k] + i * s.cols(), a.y, a.yo + i * cols + offset, s.cols());
                        } else if (a.need[k]) {
                            addInto(a.gy, a.gyo + i * cols + offset, a.gx[k], a.gxo[k] + i * s.cols(), s.cols());
                        }
                    }
                    offset += s.cols();
                }
            }
        }

        /** {@link #move} of an m×1 argument k into (or back from) column {@code offset} of Y. */
        private void moveColumn(TensorArgs a, int k, boolean reverse, int cols, int offset) {
            int rows = a.xs[k].rows();
            if (!reverse) {
                double[] x = a.x[k];
                double[] y = a.y;
                for (int i = 0, from = a.xo[k], to = a.yo + offset; i < rows; i++) {
                    y[to + i * cols] = x[from + i];
                }
            } else if (a.need[k]) {
                double[] gy = a.gy;
                double[] gx = a.gx[k];
                for (int i = 0, from = a.gyo + offset, to = a.gxo[k]; i < rows; i++) {
                    gx[to + i] += gy[from + i * cols];
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            int start = 0;
            for (int j = 0; j < k; j++) {
                start += param == 0 ? x[j].shape().rows() : x[j].shape().cols();
            }
            Shape s = x[k].shape();
            return param == 0 ? ct.sliceRows(start, start + s.rows()) : ct.sliceCols(start, start + s.cols());
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            boolean any = false;
            Var[] parts = new Var[x.length];
            for (int k = 0; k < x.length; k++) {
                any |= t[k] != null;
                parts[k] = t[k] != null ? t[k] : zeros(x[k], x[k].shape());
            }
            return any ? Var.concat((int) param, parts) : null;
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            int start = 0;
            for (int j = 0; j < k; j++) {
                start += param == 0 ? args[j].rows() : args[j].cols();
            }
            return param == 0 ? oi == start + ai && oj == aj : oi == ai && oj == start + aj;
        }

        @Override
        public String formatParam(double p) {
            return "axis=" + (int) p;
        }
    };

    /**
     * A cyclic shift along an axis, NumPy's {@code np.roll} and PyTorch's {@code torch.roll}
     * (parameter: packed shift, axis; the shift is taken modulo the extent, see {@link Var#roll}):
     * along rows (axis 0) Y[i, j] = X[(i − s) mod m, j], along columns (axis 1)
     * Y[i, j] = X[i, (j − s) mod n]. A permutation, so its VJP is the inverse shift,
     * X̄ = roll(Ȳ, −s), and its JVP the same shift of the tangent. Each row (axis 1) or the whole
     * array (axis 0) is two contiguous segments, moved by two copies: the periodic neighbours of a
     * grid (a stencil's "up", "left", …) in one node instead of two slices and a concatenation.
     */
    public static final TensorPrimitive ROLL = new Mover("roll", 1) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            int axis = Shapes.second(param);
            if (axis != 0 && axis != 1) {
                throw ShapeException.invalid(name(), s[0], "axis " + axis + " is neither 0 (along rows) nor 1 (along columns)");
            }
            return s[0];
        }

        @Override
        public void forward(TensorArgs a) {
            roll(a.x[0], a.xo[0], a.y, a.yo, a.xs[0], a.param);
        }

        @Override
        public void backward(TensorArgs a) {
            if (a.need[0]) {
                int[] ab = cyclicShift(a.xs[0], a.param);
                CyclicShifts.addBack(new double[][] {a.gy}, new int[] {a.gyo}, new int[] {ab[0]}, new int[] {ab[1]}, 1,
                        a.gx[0], a.gxo[0], 1, a.xs[0].rows(), a.xs[0].cols());
            }
        }

        @Override
        public int[] cyclicShift(Shape arg, double param) {
            int axis = Shapes.second(param);
            int shift = Math.floorMod(Shapes.first(param), axis == 0 ? arg.rows() : arg.cols());
            return axis == 0 ? new int[] {shift, 0} : new int[] {0, shift};
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return ct.roll(-Shapes.first(param), Shapes.second(param));
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : t[0].roll(Shapes.first(param), Shapes.second(param));
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            int shift = Shapes.first(param);
            return Shapes.second(param) == 0
                    ? aj == oj && ai == Math.floorMod(oi - shift, out.rows())
                    : ai == oi && aj == Math.floorMod(oj - shift, out.cols());
        }

        @Override
        public String formatParam(double p) {
            return "shift=" + Shapes.first(p) + ",axis=" + Shapes.second(p);
        }
    };

    /**
     * dst = roll(src) for a src of shape s: two contiguous segments for the whole array (axis 0)
     * or per row (axis 1).
     */
    static void roll(double[] src, int so, double[] dst, int d0, Shape s, double param) {
        int axis = Shapes.second(param);
        int extent = axis == 0 ? s.rows() : s.cols();
        int shift = Math.floorMod(Shapes.first(param), extent);
        int width = axis == 0 ? s.size() : s.cols();
        int cut = axis == 0 ? shift * s.cols() : shift;           // elements of a segment that wrap around
        int rows = axis == 0 ? 1 : s.rows();
        for (int i = 0; i < rows; i++) {
            int from = so + i * width;
            int to = d0 + i * width;
            System.arraycopy(src, from, dst, to + cut, width - cut);
            System.arraycopy(src, from + width - cut, dst, to, cut);
        }
    }

    /** Y = X broadcast to a larger shape (parameter: packed shape). VJP: sum back to X's shape. */
    public static final TensorPrimitive BROADCAST_TO = new Mover("broadcast_to", 1) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            Shape to = Shapes.unpackShape(param);
            if (!Shapes.broadcastsTo(s[0], to)) {
                throw ShapeException.mismatch(name(), s[0], to, "each dimension must equal the target's or be 1");
            }
            return to;
        }

        @Override
        public void forward(TensorArgs a) {
            Shape s = a.xs[0];
            int m = a.ys.rows();
            int n = a.ys.cols();
            int rs = s.rows() == 1 ? 0 : s.cols();
            int cs = s.cols() == 1 ? 0 : 1;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    a.y[a.yo + i * n + j] = a.x[0][a.xo[0] + i * rs + j * cs];
                }
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (a.need[0]) {
                sumInto(a.gy, a.gyo, a.ys, a.gx[0], a.gxo[0], a.xs[0]);
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return ct.sumTo(x[0].shape());
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : t[0].broadcastTo(y.shape());
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return (args[0].rows() == 1 || ai == oi) && (args[0].cols() == 1 || aj == oj);
        }

        @Override
        public String formatParam(double p) {
            return Shapes.first(p) + "x" + Shapes.second(p);
        }
    };

    /**
     * Y = X summed down to a smaller shape whose dimensions are X's or 1 (parameter: packed
     * shape): {@code 1×1} sums everything, {@code 1×n} sums each column, {@code m×1} each row.
     * VJP: broadcast back to X's shape.
     */
    public static final TensorPrimitive SUM_TO = new Mover("sum_to", 1) {
        @Override
        public Shape shape(Shape[] s, int n, double param) {
            Shape to = Shapes.unpackShape(param);
            if (!Shapes.broadcastsTo(to, s[0])) {
                throw ShapeException.mismatch(name(), s[0], to, "each target dimension must equal the argument's or be 1");
            }
            return to;
        }

        @Override
        public boolean sumsAllElements(Shape out) {
            return out.isScalar();
        }

        @Override
        public void forward(TensorArgs a) {
            Arrays.fill(a.y, a.yo, a.yo + a.ys.size(), 0.0);
            sumInto(a.x[0], a.xo[0], a.xs[0], a.y, a.yo, a.ys);
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[0]) {
                return;
            }
            Shape s = a.ys;
            int m = a.xs[0].rows();
            int n = a.xs[0].cols();
            int rs = s.rows() == 1 ? 0 : s.cols();
            int cs = s.cols() == 1 ? 0 : 1;
            double[] g = a.gx[0];
            if (s.isScalar()) {
                double gy = a.gy[a.gyo];
                for (int e = a.gxo[0], end = e + m * n; e < end; e++) {
                    g[e] += gy;
                }
                return;
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    g[a.gxo[0] + i * n + j] += a.gy[a.gyo + i * rs + j * cs];
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            return ct.broadcastTo(x[0].shape());
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            return t[0] == null ? null : t[0].sumTo(y.shape());
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            return (out.rows() == 1 || ai == oi) && (out.cols() == 1 || aj == oj);
        }

        @Override
        public String formatParam(double p) {
            return Shapes.first(p) + "x" + Shapes.second(p);
        }
    };

    /** A slice along one axis. */
    private static final class Slice extends Mover {
        private final int axis;

        Slice(String name, int axis) {
            super(name, 1);
            this.axis = axis;
        }

        @Override
        public Shape shape(Shape[] s, int n, double param) {
            int start = Shapes.first(param);
            int end = Shapes.second(param);
            int extent = axis == 0 ? s[0].rows() : s[0].cols();
            if (start >= end || end > extent) {
                throw ShapeException.invalid(name(), s[0], (axis == 0 ? "rows " : "columns ") + start + ":" + end
                        + " are not a nonempty range within 0:" + extent);
            }
            return axis == 0 ? new Shape(end - start, s[0].cols()) : new Shape(s[0].rows(), end - start);
        }

        @Override
        public int[] flatView(Shape arg, Shape out, double param) {
            int start = Shapes.first(param);
            if (axis == 0) {
                return new int[] {start * arg.cols(), 1};
            }
            if (out.cols() == 1) {
                return new int[] {start, arg.cols()};
            }
            return arg.rows() == 1 ? new int[] {start, 1} : null;
        }

        @Override
        public void forward(TensorArgs a) {
            int start = Shapes.first(a.param);
            int cols = a.xs[0].cols();
            if (axis == 0) {
                System.arraycopy(a.x[0], a.xo[0] + start * cols, a.y, a.yo, a.ys.size());
            } else if (a.ys.cols() == 1) {     // one column: an element loop, not a copy call per row
                double[] x = a.x[0];
                double[] y = a.y;
                for (int i = 0, r = a.ys.rows(), from = a.xo[0] + start, to = a.yo; i < r; i++) {
                    y[to + i] = x[from + i * cols];
                }
            } else {
                int w = a.ys.cols();
                for (int i = 0; i < a.ys.rows(); i++) {
                    System.arraycopy(a.x[0], a.xo[0] + i * cols + start, a.y, a.yo + i * w, w);
                }
            }
        }

        @Override
        public void backward(TensorArgs a) {
            if (!a.need[0]) {
                return;
            }
            int start = Shapes.first(a.param);
            int cols = a.xs[0].cols();
            if (axis == 0) {
                addInto(a.gy, a.gyo, a.gx[0], a.gxo[0] + start * cols, a.ys.size());
            } else if (a.ys.cols() == 1) {
                double[] gy = a.gy;
                double[] gx = a.gx[0];
                for (int i = 0, r = a.ys.rows(), to = a.gxo[0] + start, from = a.gyo; i < r; i++) {
                    gx[to + i * cols] += gy[from + i];
                }
            } else {
                int w = a.ys.cols();
                for (int i = 0; i < a.ys.rows(); i++) {
                    addInto(a.gy, a.gyo + i * w, a.gx[0], a.gxo[0] + i * cols + start, w);
                }
            }
        }

        @Override
        public Var vjp(int k, Var[] x, Var y, Var ct, double param) {
            Shape s = x[0].shape();
            int start = Shapes.first(param);
            int end = Shapes.second(param);
            int extent = axis == 0 ? s.rows() : s.cols();
            int other = axis == 0 ? s.cols() : s.rows();
            java.util.List<Var> parts = new java.util.ArrayList<>(3);
            if (start > 0) {
                parts.add(zeros(ct, axis == 0 ? new Shape(start, other) : new Shape(other, start)));
            }
            parts.add(ct);
            if (end < extent) {
                int rest = extent - end;
                parts.add(zeros(ct, axis == 0 ? new Shape(rest, other) : new Shape(other, rest)));
            }
            return parts.size() == 1 ? ct : Var.concat(axis, parts.toArray(new Var[0]));
        }

        @Override
        public Var jvp(Var[] x, Var y, Var[] t, double param) {
            if (t[0] == null) {
                return null;
            }
            return axis == 0 ? t[0].sliceRows(Shapes.first(param), Shapes.second(param))
                    : t[0].sliceCols(Shapes.first(param), Shapes.second(param));
        }

        @Override
        public boolean connects(int k, int oi, int oj, int ai, int aj, Shape[] args, Shape out, double param) {
            int start = Shapes.first(param);
            return axis == 0 ? ai == oi + start && aj == oj : ai == oi && aj == oj + start;
        }

        @Override
        public String formatParam(double p) {
            return Shapes.first(p) + ":" + Shapes.second(p);
        }
    }

    /** A linear primitive that saves nothing and takes a parameter. */
    private abstract static class Mover extends TensorPrimitive {
        Mover(String name, int arity) {
            super(name, arity);
        }

        @Override
        public boolean hasParam() {
            return true;
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
    }

    /** A matrix of zeros of the given shape in v's graph (a broadcast scalar, so it costs one node). */
    static Var zeros(Var v, Shape s) {
        Var z = v.constant(0.0);
        return s.isScalar() ? z : z.broadcastTo(s);
    }

    static int axis(String name, double param) {
        if (param != 0 && param != 1) {
            throw new GraphException("'" + name + "' needs axis 0 (along rows) or 1 (along columns), got " + param);
        }
        return (int) param;
    }

    static void addInto(double[] src, int so, double[] dst, int d0, int len) {
        for (int e = 0; e < len; e++) {
            dst[d0 + e] += src[so + e];
        }
    }

    /** dst (shape to) += src (shape from) summed over the dimensions where {@code to} is 1. */
    static void sumInto(double[] src, int so, Shape from, double[] dst, int d0, Shape to) {
        if (to.isScalar()) {
            // the same additions in the same order, in a register instead of through memory
            double acc = dst[d0];
            for (int e = so, end = so + from.size(); e < end; e++) {
                acc += src[e];
            }
            dst[d0] = acc;
            return;
        }
        int m = from.rows();
        int n = from.cols();
        int rs = to.rows() == 1 ? 0 : to.cols();
        int cs = to.cols() == 1 ? 0 : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                dst[d0 + i * rs + j * cs] += src[so + i * n + j];
            }
        }
    }
}
