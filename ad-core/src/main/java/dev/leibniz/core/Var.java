package dev.leibniz.core;

import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Reductions;

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
        return graph.isRecording() ? "%" + id + " = " + graph.valueOf(this) : "%" + id;
    }
}
