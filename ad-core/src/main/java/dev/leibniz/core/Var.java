package dev.leibniz.core;

import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Hyperbolic;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Reductions;
import dev.leibniz.core.prim.Special;
import dev.leibniz.core.prim.Trigonometric;

/**
 * The one variable type user code is written against. The same method
 * {@code Var model(Var w, Var x)} can be traced into a static graph (the variables are symbolic)
 * or recorded while it runs (the variables carry values, see {@link Recorder}); only the way it
 * is called differs.
 *
 * <p>Every operation appends a node to the variable's graph. Derived operations such as
 * {@code add(double)} are one-liners over primitives and need no rule of their own.
 */
public final class Var {
    final GraphBuilder graph;
    final int id;

    Var(GraphBuilder graph, int id) {
        this.graph = graph;
        this.id = id;
    }

    /** Index of this variable's node in its graph's listing ({@code %id}). */
    public int node() {
        return id;
    }

    /** The builder this variable belongs to. */
    public GraphBuilder graph() {
        return graph;
    }

    /**
     * The value, when recording. While tracing a static graph there is no value yet, and this
     * throws {@link TracedValueException} pointing to {@link #select(Var, Var, Var)}.
     */
    public double value() {
        return graph.valueOf(this);
    }

    /** A constant in the same graph. */
    public Var constant(double c) {
        return graph.constant(c);
    }

    public Var add(Var o) {
        return graph.apply2(Arithmetic.ADD, this, o);
    }

    public Var add(double c) {
        return add(constant(c));
    }

    public Var sub(Var o) {
        return graph.apply2(Arithmetic.SUB, this, o);
    }

    public Var sub(double c) {
        return sub(constant(c));
    }

    public Var mul(Var o) {
        return graph.apply2(Arithmetic.MUL, this, o);
    }

    /**
     * The product with a strong zero (0·∞ = 0·NaN = 0), used by derivative graphs to multiply
     * adjoints and tangents by local partials; otherwise identical to {@link #mul(Var)}.
     */
    public Var mulStrongZero(Var o) {
        return graph.apply2(Arithmetic.MULZ, this, o);
    }

    public Var mul(double c) {
        return mul(constant(c));
    }

    public Var div(Var o) {
        return graph.apply2(Arithmetic.DIV, this, o);
    }

    public Var div(double c) {
        return div(constant(c));
    }

    public Var neg() {
        return graph.apply1(Arithmetic.NEG, 0, this);
    }

    public Var square() {
        return graph.apply1(Arithmetic.SQUARE, 0, this);
    }

    /** xⁿ for an integer exponent: exact, defined for negative x. */
    public Var pow(int n) {
        return graph.apply1(Arithmetic.POWI, n, this);
    }

    /** x^e for a real exponent e; integral exponents use the exact integer power. */
    public Var pow(double e) {
        if (e == Math.rint(e) && Math.abs(e) <= 1024) {
            return pow((int) e);
        }
        return pow(constant(e));
    }

    /** x^y for a variable exponent. */
    public Var pow(Var y) {
        return graph.apply2(Arithmetic.POW, this, y);
    }

    public Var sqrt() {
        return graph.apply1(Elementary.SQRT, 0, this);
    }

    public Var exp() {
        return graph.apply1(Elementary.EXP, 0, this);
    }

    public Var log() {
        return graph.apply1(Elementary.LOG, 0, this);
    }

    public Var log1p() {
        return graph.apply1(Elementary.LOG1P, 0, this);
    }

    public Var expm1() {
        return graph.apply1(Elementary.EXPM1, 0, this);
    }

    public Var sin() {
        return graph.apply1(Elementary.SIN, 0, this);
    }

    public Var cos() {
        return graph.apply1(Elementary.COS, 0, this);
    }

    public Var tan() {
        return graph.apply1(Elementary.TAN, 0, this);
    }

    public Var tanh() {
        return graph.apply1(Elementary.TANH, 0, this);
    }

    public Var sigmoid() {
        return graph.apply1(Elementary.SIGMOID, 0, this);
    }

    public Var softplus() {
        return graph.apply1(Elementary.SOFTPLUS, 0, this);
    }

    public Var relu() {
        return graph.apply1(Kinks.RELU, 0, this);
    }

    public Var abs() {
        return graph.apply1(Kinks.ABS, 0, this);
    }

    public Var max(Var o) {
        return graph.apply2(Kinks.MAX, this, o);
    }

    public Var min(Var o) {
        return graph.apply2(Kinks.MIN, this, o);
    }

    public Var hypot(Var o) {
        return graph.apply2(Kinks.HYPOT, this, o);
    }

    public Var asin() {
        return graph.apply1(Trigonometric.ASIN, 0, this);
    }

    public Var acos() {
        return graph.apply1(Trigonometric.ACOS, 0, this);
    }

    public Var atan() {
        return graph.apply1(Trigonometric.ATAN, 0, this);
    }

    /** atan2(this, x): the angle of the point (x, this), as {@link Math#atan2(double, double)}. */
    public Var atan2(Var x) {
        return graph.apply2(Trigonometric.ATAN2, this, x);
    }

    public Var sinh() {
        return graph.apply1(Hyperbolic.SINH, 0, this);
    }

    public Var cosh() {
        return graph.apply1(Hyperbolic.COSH, 0, this);
    }

    public Var asinh() {
        return graph.apply1(Hyperbolic.ASINH, 0, this);
    }

    public Var acosh() {
        return graph.apply1(Hyperbolic.ACOSH, 0, this);
    }

    public Var atanh() {
        return graph.apply1(Hyperbolic.ATANH, 0, this);
    }

    public Var erf() {
        return graph.apply1(Special.ERF, 0, this);
    }

    public Var erfc() {
        return graph.apply1(Special.ERFC, 0, this);
    }

    public Var cbrt() {
        return graph.apply1(Special.CBRT, 0, this);
    }

    public Var log10() {
        return graph.apply1(Special.LOG10, 0, this);
    }

    /** Heaviside step with the policy's value at 0 (the derivative of relu). */
    public Var step() {
        return graph.apply1(Kinks.STEP, 0, this);
    }

    /** Sign with the policy's value at 0 (the derivative of abs). */
    public Var sign() {
        return graph.apply1(Kinks.SIGN, 0, this);
    }

    /** Step with the policy's tie weight at 0 (the derivative of max and min). */
    public Var tieStep() {
        return graph.apply1(Kinks.TIESTEP, 0, this);
    }

    /** 1 where this &lt; o, else 0. */
    public Var lt(Var o) {
        return graph.apply2(Comparisons.LT, this, o);
    }

    public Var le(Var o) {
        return graph.apply2(Comparisons.LE, this, o);
    }

    public Var gt(Var o) {
        return graph.apply2(Comparisons.GT, this, o);
    }

    public Var ge(Var o) {
        return graph.apply2(Comparisons.GE, this, o);
    }

    public Var eq(Var o) {
        return graph.apply2(Comparisons.EQ, this, o);
    }

    public Var lt(double c) {
        return lt(constant(c));
    }

    public Var gt(double c) {
        return gt(constant(c));
    }

    /**
     * The conditional of a static graph: {@code ifTrue} where {@code condition ≠ 0}, else
     * {@code ifFalse}. Both branches stay in the graph; the branch not taken receives an exact
     * zero gradient.
     */
    public static Var select(Var condition, Var ifTrue, Var ifFalse) {
        if (condition == null) {
            throw new GraphException("the condition of select is null");
        }
        return condition.graph.apply(Comparisons.SELECT, condition, ifTrue, ifFalse);
    }

    /** log Σ eˣⁱ, stable for large arguments. */
    public static Var logsumexp(Var... xs) {
        if (xs == null || xs.length == 0) {
            throw new GraphException("logsumexp needs at least one argument, got " + (xs == null ? "null" : "none"));
        }
        if (xs[0] == null) {
            throw new GraphException("argument 0 of 'logsumexp' is null");
        }
        return xs[0].graph.apply(Reductions.LOGSUMEXP, xs);
    }

    /** Fused softmax cross-entropy −log softmax(logits)[target], stable for large logits. */
    public static Var softmaxCrossEntropy(int target, Var... logits) {
        if (logits == null || logits.length == 0) {
            throw new GraphException("softmax cross-entropy needs at least one logit, got " + (logits == null ? "null" : "none"));
        }
        if (logits[0] == null) {
            throw new GraphException("argument 0 of 'softmax_xent' is null");
        }
        if (target < 0 || target >= logits.length) {
            throw new GraphException("softmax cross-entropy target class " + target + " is not in [0, "
                    + logits.length + ")");
        }
        return logits[0].graph.apply(Reductions.SOFTMAX_CROSS_ENTROPY, target, logits);
    }

    /** Σ xᵢ as a chain of additions. */
    public static Var sum(Var... xs) {
        if (xs == null || xs.length == 0) {
            throw new GraphException("sum needs at least one argument, got " + (xs == null ? "null" : "none"));
        }
        if (xs[0] == null) {
            throw new GraphException("argument 0 of sum is null");
        }
        Var s = xs[0];
        for (int i = 1; i < xs.length; i++) {
            s = s.add(xs[i]);
        }
        return s;
    }

    @Override
    public String toString() {
        if (!shape().isScalar()) {
            return graph.isRecording() ? "%" + id + " = " + shape() + " " + java.util.Arrays.toString(values())
                    : "%" + id + " : " + shape();
        }
        return graph.isRecording() ? "%" + id + " = " + graph.values[id] : "%" + id;
    }

    // ---------------------------------------------------------------- matrices
    //
    // Every elementwise method above (add, mul, tanh, relu, select, …) applies to matrices element
    // by element, broadcasting a scalar, a row 1×n or a column m×1 against an m×n matrix. The
    // methods below are the matrix primitives and one-line derived operations on them. Axis
    // convention (as in NumPy): axis 0 runs down the rows (one result per column, 1×n), axis 1
    // along each row (one result per row, m×1).

    /** The shape of this variable's value (1×1 for a scalar). */
    public Shape shape() {
        return graph.shapeOf(id);
    }

    /** The recorded values, row-major (recording only; a scalar gives one element). */
    public double[] values() {
        return graph.valuesOf(this);
    }

    /** The recorded value as an EJML matrix (a copy; recording only). */
    public org.ejml.data.DMatrixRMaj matrix() {
        Shape s = shape();
        return new org.ejml.data.DMatrixRMaj(s.rows(), s.cols(), true, values());
    }

    /** A constant matrix (row-major values) in the same graph. */
    public Var constant(double[] values, Shape shape) {
        return graph.constant(values, shape);
    }

    /** The matrix product this·o: (m×k)·(k×n) → m×n; a k×1 column gives matrix·vector. */
    public Var matmul(Var o) {
        return graph.apply(dev.leibniz.core.prim.LinearAlgebra.MATMUL, this, o);
    }

    public Var transpose() {
        return graph.apply(dev.leibniz.core.prim.LinearAlgebra.TRANSPOSE, this);
    }

    /**
     * The sum of all elements (1×1). (Not {@code sum()}: that name belongs to the static
     * {@link #sum(Var...)} of several variables.)
     */
    public Var sumAll() {
        return sumTo(Shape.SCALAR);
    }

    /** Sums along an axis: 0 gives the column sums (1×n), 1 the row sums (m×1). */
    public Var sum(int axis) {
        return sumTo(reduced(axis));
    }

    /** The mean of all elements. */
    public Var mean() {
        return sumAll().mul(1.0 / shape().size());
    }

    /** Means along an axis: 0 gives the column means (1×n), 1 the row means (m×1). */
    public Var mean(int axis) {
        Shape s = shape();
        return sum(axis).mul(1.0 / (axis == 0 ? s.rows() : s.cols()));
    }

    /** Sums down to a shape whose dimensions are this one's or 1 (the reverse of broadcasting). */
    public Var sumTo(Shape target) {
        if (target.equals(shape())) {
            return this;
        }
        return graph.apply(dev.leibniz.core.prim.Shaping.SUM_TO, dev.leibniz.core.prim.Shapes.pack(target), this);
    }

    /** Repeats a scalar, row or column to a larger shape. */
    public Var broadcastTo(Shape target) {
        if (target.equals(shape())) {
            return this;
        }
        return graph.apply(dev.leibniz.core.prim.Shaping.BROADCAST_TO, dev.leibniz.core.prim.Shapes.pack(target), this);
    }

    /** The same elements read row-major as rows×cols. */
    public Var reshape(int rows, int cols) {
        Shape target = new Shape(rows, cols);
        if (target.equals(shape())) {
            return this;
        }
        return graph.apply(dev.leibniz.core.prim.Shaping.RESHAPE, dev.leibniz.core.prim.Shapes.pack(target), this);
    }

    /** Rows [start, end). */
    public Var sliceRows(int start, int end) {
        if (start == 0 && end == shape().rows()) {
            return this;
        }
        return graph.apply(dev.leibniz.core.prim.Shaping.SLICE_ROWS, dev.leibniz.core.prim.Shapes.pack(start, end), this);
    }

    /** Columns [start, end) (e.g. one gate of an LSTM's stacked pre-activations). */
    public Var sliceCols(int start, int end) {
        if (start == 0 && end == shape().cols()) {
            return this;
        }
        return graph.apply(dev.leibniz.core.prim.Shaping.SLICE_COLS, dev.leibniz.core.prim.Shapes.pack(start, end), this);
    }

    /** The block of rows [r0, r1) and columns [c0, c1). */
    public Var slice(int r0, int r1, int c0, int c1) {
        return sliceRows(r0, r1).sliceCols(c0, c1);
    }

    /**
     * The cyclic shift along an axis, as NumPy's {@code np.roll(x, shift, axis)} and PyTorch's
     * {@code torch.roll}: along rows (axis 0) row i of the result is row (i − shift) mod m, along
     * columns (axis 1) column j is column (j − shift) mod n. Any shift, negative or beyond the
     * extent, is taken modulo the extent; a shift of a whole period returns this variable. A bad
     * axis is a {@link ShapeException} naming {@code roll} and the shape.
     */
    public Var roll(int shift, int axis) {
        if (axis != 0 && axis != 1) {
            throw ShapeException.invalid("roll", shape(), "axis " + axis + " is neither 0 (along rows) nor 1 (along columns)");
        }
        int s = Math.floorMod(shift, axis == 0 ? shape().rows() : shape().cols());
        if (s == 0) {
            return this;
        }
        return graph.apply(dev.leibniz.core.prim.Shaping.ROLL, dev.leibniz.core.prim.Shapes.pack(s, axis), this);
    }

    /** Joins matrices along an axis: 0 stacks them vertically (same columns), 1 side by side (same rows). */
    public static Var concat(int axis, Var... parts) {
        if (parts.length == 0) {
            throw new GraphException("concat needs at least one argument");
        }
        if (parts.length == 1) {
            return parts[0];
        }
        return parts[0].graph.apply(dev.leibniz.core.prim.Shaping.CONCAT, axis, parts);
    }

    /** Softmax along an axis (1: each row sums to 1). */
    public Var softmax(int axis) {
        return graph.apply(dev.leibniz.core.prim.Softmax.SOFTMAX, axis, this);
    }

    /** log Σ e^x along an axis (1: one value per row, m×1), stable for large x. */
    public Var logsumexp(int axis) {
        return graph.apply(dev.leibniz.core.prim.Softmax.LOGSUMEXP, axis, this);
    }

    /** log softmax along an axis: x − logsumexp(x), stable. */
    public Var logSoftmax(int axis) {
        return sub(logsumexp(axis));
    }

    /**
     * Fused softmax cross-entropy of a batch: this is the m×k matrix of logits (one example per
     * row), {@code targets} the m×1 column of class indices; gives the m×1 column of losses
     * −log softmax(row)[target]. Average it with {@link #mean()}.
     */
    public Var softmaxCrossEntropy(Var targets) {
        return graph.apply(dev.leibniz.core.prim.Softmax.CROSS_ENTROPY, this, targets);
    }

    /** One-hot rows of an m×1 column of class indices: m×classes of 0 and 1. */
    public Var oneHot(int classes) {
        return graph.apply(dev.leibniz.core.prim.Softmax.ONE_HOT, classes, this);
    }

    private Shape reduced(int axis) {
        Shape s = shape();
        if (axis == 0) {
            return new Shape(1, s.cols());
        }
        if (axis == 1) {
            return new Shape(s.rows(), 1);
        }
        throw new GraphException("axis must be 0 (down the rows) or 1 (along each row), got " + axis);
    }
}
