package dev.leibniz.forward;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Hyperbolic;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Special;
import dev.leibniz.core.prim.Trigonometric;
import dev.leibniz.core.prim.UnaryPrimitive;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.FieldSinCos;
import org.hipparchus.util.FieldSinhCosh;

/**
 * A dual number {@code x + ẋ·ε} with {@code ε² = 0}: a value with one tangent. Evaluating plain
 * Java code on duals computes a function and its directional derivative in one pass,
 * {@code f(x + ẋε) = f(x) + f'(x)ẋ ε} — forward mode, with no graph. Seed the input you nudge
 * with tangent 1 ({@link #variable(double)}), every other with 0 ({@link #constant(double)}).
 *
 * <p>Dual implements Hipparchus' {@link CalculusFieldElement}, so Hipparchus' field-based code
 * (field ODE integrators, field linear algebra) runs on it and returns derivatives of its results:
 * <pre>{@code
 * ClassicalRungeKuttaFieldIntegrator<Dual> rk =
 *     new ClassicalRungeKuttaFieldIntegrator<>(DualField.getInstance(), Dual.constant(0.01));
 * }</pre>
 *
 * <p><b>Rules.</b> Every function is ad-core's primitive of that name (sqrt, cbrt, exp, log10,
 * asin, atan2, sinh, atanh, relu, max, hypot, …): the value and the derivative are those of its one
 * declaration, so a Dual, a graph (in any mode) and a model file give the same derivative, bit
 * for bit. The functions ad-core has no primitive for are compositions of primitives:
 * {@code reciprocal} is {@code div(1, x)}, {@code pow(double)} is {@code pow} with a constant
 * exponent, {@code rootN} is a power (negated around a negative argument), {@code sinCos} and
 * {@code sinhCosh} are their two functions. Only the linear operations (adding, scaling, the
 * remainder, the sign) are written here.
 *
 * <p><b>Kinks</b> follow {@link Subgradients#DEFAULT}: relu'(0) = 0, abs'(0) = 0, and max/min
 * at a tie split the derivative evenly; the {@code (…, Subgradients)} overloads take another
 * policy. This differs from Hipparchus' own {@code abs} of its derivative types, which returns
 * the derivative of +x at +0.0 and of −x at −0.0 (a one-sided derivative chosen by the sign bit).
 *
 * <p><b>Strong zeros.</b> A zero tangent stays zero through any function, even where the
 * derivative is infinite (√x at 0): a constant remains a constant, as in the graph sweeps.
 *
 * <p>Duals are immutable; every operation allocates one small object. For many directions at
 * once without per-operation allocation use {@link DualVector} with {@link DualVectorOps}, or a
 * {@link ForwardProgram} over a graph.
 */
public final class Dual implements CalculusFieldElement<Dual> {
    private static final Subgradients DEFAULT = Subgradients.DEFAULT;

    private final double value;
    private final double tangent;

    public Dual(double value, double tangent) {
        this.value = value;
        this.tangent = tangent;
    }

    /** An input being differentiated: tangent 1. */
    public static Dual variable(double value) {
        return new Dual(value, 1.0);
    }

    /** A constant: tangent 0. */
    public static Dual constant(double value) {
        return new Dual(value, 0.0);
    }

    public double value() {
        return value;
    }

    /** The directional derivative carried along. */
    public double tangent() {
        return tangent;
    }

    @Override
    public double getReal() {
        return value;
    }

    @Override
    public Field<Dual> getField() {
        return DualField.getInstance();
    }

    @Override
    public Dual newInstance(double v) {
        return new Dual(v, 0.0);
    }

    /** {@code this − getReal()}: the pure tangent part. */
    @Override
    public Dual getAddendum() {
        return new Dual(0.0, tangent);
    }

    // ---- the field operations ----

    @Override
    public Dual add(Dual b) {
        req(b, "add");
        return new Dual(value + b.value, tangent + b.tangent);
    }

    @Override
    public Dual add(double c) {
        return new Dual(value + c, tangent);
    }

    @Override
    public Dual subtract(Dual b) {
        req(b, "subtract");
        return new Dual(value - b.value, tangent - b.tangent);
    }

    @Override
    public Dual subtract(double c) {
        return new Dual(value - c, tangent);
    }

    @Override
    public Dual negate() {
        return new Dual(-value, -tangent);
    }

    /** n·x, with the strong zero of {@link #multiply(double)}: 0·(a tangent of ±∞ or NaN) = 0. */
    @Override
    public Dual multiply(int n) {
        return new Dual(value * n, Lanes.times(n, tangent));
    }

    @Override
    public Dual multiply(double c) {
        return new Dual(value * c, Lanes.times(c, tangent));
    }

    @Override
    public Dual multiply(Dual b) {
        req(b, "multiply");
        return binary(Arithmetic.MUL, b, DEFAULT);
    }

    @Override
    public Dual divide(Dual b) {
        req(b, "divide");
        return binary(Arithmetic.DIV, b, DEFAULT);
    }

    @Override
    public Dual divide(double c) {
        return new Dual(value / c, Lanes.times(1.0 / c, tangent));
    }

    /** 1/x = div(1, x): ad-core's rule ∂b = −y/b. */
    @Override
    public Dual reciprocal() {
        return constant(1.0).binary(Arithmetic.DIV, this, DEFAULT);
    }

    @Override
    public Dual scalb(int n) {
        return new Dual(Math.scalb(value, n), Math.scalb(tangent, n));
    }

    // ---- powers and roots ----

    @Override
    public Dual square() {
        return unary(Arithmetic.SQUARE, 0);
    }

    /** xⁿ exactly for an integer n (repeated squaring), defined for negative x. */
    @Override
    public Dual pow(int n) {
        return unary(Arithmetic.POWI, n);
    }

    /** x^p for a constant real p: ad-core's {@code pow} with a constant exponent (an integral p is {@code powi}). */
    @Override
    public Dual pow(double p) {
        if (p == Math.rint(p) && Math.abs(p) <= 1024) {
            return pow((int) p);
        }
        return binary(Arithmetic.POW, constant(p), DEFAULT);
    }

    /** x^e with both varying; the rules of ad-core's {@code pow} (∂e = y·ln x, 0 where y = 0). */
    @Override
    public Dual pow(Dual e) {
        req(e, "pow");
        return binary(Arithmetic.POW, e, DEFAULT);
    }

    @Override
    public Dual sqrt() {
        return unary(Elementary.SQRT, 0);
    }

    /** ∛x, defined for negative x (ad-core's {@code cbrt}; derivative 1/(3y²)). */
    @Override
    public Dual cbrt() {
        return unary(Special.CBRT, 0);
    }

    /**
     * The n-th root: {@code sqrt}, {@code cbrt}, else x^(1/n) by {@link #pow(double)}; for odd n
     * defined for negative x as −(−x)^(1/n) (Hipparchus' own derivative types return NaN there for
     * n &gt; 3).
     */
    @Override
    public Dual rootN(int n) {
        if (n == 2) {
            return sqrt();
        }
        if (n == 3) {
            return cbrt();
        }
        if (value < 0 && (n & 1) == 1) {
            return negate().pow(1.0 / n).negate();
        }
        return pow(1.0 / n);
    }

    /** √(x² + y²) without overflow; partials x/r, y/r, taken as 0 at the origin (ad-core's hypot). */
    @Override
    public Dual hypot(Dual b) {
        req(b, "hypot");
        return binary(Kinks.HYPOT, b, DEFAULT);
    }

    // ---- exponentials and logarithms ----

    @Override
    public Dual exp() {
        return unary(Elementary.EXP, 0);
    }

    @Override
    public Dual expm1() {
        return unary(Elementary.EXPM1, 0);
    }

    @Override
    public Dual log() {
        return unary(Elementary.LOG, 0);
    }

    @Override
    public Dual log1p() {
        return unary(Elementary.LOG1P, 0);
    }

    /** log₁₀ x (ad-core's {@code log10}; derivative 1/(x ln 10)). */
    @Override
    public Dual log10() {
        return unary(Special.LOG10, 0);
    }

    // ---- trigonometric ----

    @Override
    public Dual sin() {
        return unary(Elementary.SIN, 0);
    }

    @Override
    public Dual cos() {
        return unary(Elementary.COS, 0);
    }

    /** {@link #sin()} and {@link #cos()}, each by its primitive's rule. */
    @Override
    public FieldSinCos<Dual> sinCos() {
        return new FieldSinCos<>(sin(), cos());
    }

    @Override
    public Dual tan() {
        return unary(Elementary.TAN, 0);
    }

    /** arcsin x (ad-core's {@code asin}; derivative 1/√((1 − x)(1 + x))). */
    @Override
    public Dual asin() {
        return unary(Trigonometric.ASIN, 0);
    }

    /** arccos x (ad-core's {@code acos}). */
    @Override
    public Dual acos() {
        return unary(Trigonometric.ACOS, 0);
    }

    /** arctan x (ad-core's {@code atan}; derivative 1/(1 + x²)). */
    @Override
    public Dual atan() {
        return unary(Trigonometric.ATAN, 0);
    }

    /**
     * atan2(this, x), the angle of the point (x, this), by ad-core's {@code atan2}:
     * ∂/∂this = x/r², ∂/∂x = −this/r².
     */
    @Override
    public Dual atan2(Dual x) {
        req(x, "atan2");
        return binary(Trigonometric.ATAN2, x, DEFAULT);
    }

    // ---- hyperbolic ----

    @Override
    public Dual sinh() {
        return unary(Hyperbolic.SINH, 0);
    }

    @Override
    public Dual cosh() {
        return unary(Hyperbolic.COSH, 0);
    }

    /** {@link #sinh()} and {@link #cosh()}, each by its primitive's rule. */
    @Override
    public FieldSinhCosh<Dual> sinhCosh() {
        return new FieldSinhCosh<>(sinh(), cosh());
    }

    @Override
    public Dual tanh() {
        return unary(Elementary.TANH, 0);
    }

    /** asinh x (ad-core's {@code asinh}; derivative 1/√(x² + 1)). */
    @Override
    public Dual asinh() {
        return unary(Hyperbolic.ASINH, 0);
    }

    /** acosh x for x ≥ 1 (ad-core's {@code acosh}; derivative 1/√(x² − 1), +∞ at 1). */
    @Override
    public Dual acosh() {
        return unary(Hyperbolic.ACOSH, 0);
    }

    /** atanh x for |x| ≤ 1 (ad-core's {@code atanh}; derivative 1/(1 − x²), +∞ at ±1). */
    @Override
    public Dual atanh() {
        return unary(Hyperbolic.ATANH, 0);
    }

    /** erf x (ad-core's {@code erf}; derivative 2/√π·e^(−x²)); not part of Hipparchus' interface. */
    public Dual erf() {
        return unary(Special.ERF, 0);
    }

    /** erfc x = 1 − erf x (ad-core's {@code erfc}). */
    public Dual erfc() {
        return unary(Special.ERFC, 0);
    }

    // ---- the functions of ad-core that Hipparchus does not name ----

    /** max(x, 0); relu'(0) = 0. */
    public Dual relu() {
        return relu(DEFAULT);
    }

    /** max(x, 0) with relu'(0) from {@code policy}. */
    public Dual relu(Subgradients policy) {
        return unaryWith(Kinks.RELU, 0, policy);
    }

    /** |x| with abs'(0) = 0 (Hipparchus' derivative types use the sign bit instead; see the class doc). */
    @Override
    public Dual abs() {
        return abs(DEFAULT);
    }

    public Dual abs(Subgradients policy) {
        return unaryWith(Kinks.ABS, 0, policy);
    }

    /** max(this, b); at a tie each side gets half the derivative. */
    public Dual max(Dual b) {
        return max(b, DEFAULT);
    }

    public Dual max(Dual b, Subgradients policy) {
        req(b, "max");
        return binary(Kinks.MAX, b, policy);
    }

    /** min(this, b); at a tie each side gets half the derivative. */
    public Dual min(Dual b) {
        return min(b, DEFAULT);
    }

    public Dual min(Dual b, Subgradients policy) {
        req(b, "min");
        return binary(Kinks.MIN, b, policy);
    }

    /** 1/(1 + e⁻ˣ) without overflow; derivative y(1 − y). */
    public Dual sigmoid() {
        return unary(Elementary.SIGMOID, 0);
    }

    /** ln(1 + eˣ), exact for large |x|; derivative sigmoid(x). */
    public Dual softplus() {
        return unary(Elementary.SOFTPLUS, 0);
    }

    /**
     * Any ad-core primitive on duals, by its own rules: the value {@code p.apply} and the tangent
     * Σ_j ∂_j p · ẋ_j. Covers what has no method here (step, sign, comparisons, select,
     * logsumexp, softmax cross-entropy). Allocates the argument arrays; the named methods do not.
     */
    public static Dual apply(Primitive p, double param, Subgradients policy, Dual... args) {
        return DualMath.apply(p, param, policy, args);
    }

    // ---- linear combinations, remainder, sign ----

    /** Σ aᵢbᵢ with Hipparchus' accurate summation for the value and the tangent Σ(ȧᵢbᵢ + aᵢḃᵢ). */
    @Override
    public Dual linearCombination(Dual[] a, Dual[] b) {
        return DualMath.linearCombination(a, b);
    }

    @Override
    public Dual linearCombination(double[] a, Dual[] b) {
        return DualMath.linearCombination(a, b);
    }

    @Override
    public Dual linearCombination(Dual a1, Dual b1, Dual a2, Dual b2) {
        return DualMath.linearCombination(new Dual[] {a1, a2}, new Dual[] {b1, b2});
    }

    @Override
    public Dual linearCombination(double a1, Dual b1, double a2, Dual b2) {
        return DualMath.linearCombination(new double[] {a1, a2}, new Dual[] {b1, b2});
    }

    @Override
    public Dual linearCombination(Dual a1, Dual b1, Dual a2, Dual b2, Dual a3, Dual b3) {
        return DualMath.linearCombination(new Dual[] {a1, a2, a3}, new Dual[] {b1, b2, b3});
    }

    @Override
    public Dual linearCombination(double a1, Dual b1, double a2, Dual b2, double a3, Dual b3) {
        return DualMath.linearCombination(new double[] {a1, a2, a3}, new Dual[] {b1, b2, b3});
    }

    @Override
    public Dual linearCombination(Dual a1, Dual b1, Dual a2, Dual b2, Dual a3, Dual b3, Dual a4, Dual b4) {
        return DualMath.linearCombination(new Dual[] {a1, a2, a3, a4}, new Dual[] {b1, b2, b3, b4});
    }

    @Override
    public Dual linearCombination(double a1, Dual b1, double a2, Dual b2, double a3, Dual b3, double a4, Dual b4) {
        return DualMath.linearCombination(new double[] {a1, a2, a3, a4}, new Dual[] {b1, b2, b3, b4});
    }

    /** IEEE remainder x − n·c, n = rint(x/c); the tangent passes unchanged (n is locally constant). */
    @Override
    public Dual remainder(double c) {
        return new Dual(Math.IEEEremainder(value, c), tangent);
    }

    /** IEEE remainder x − n·c; tangent ẋ − n·ċ. */
    @Override
    public Dual remainder(Dual c) {
        req(c, "remainder");
        double r = Math.IEEEremainder(value, c.value);
        double n = Math.rint((value - r) / c.value);
        return new Dual(r, tangent - Lanes.times(n, c.tangent));
    }

    /** |this| with the sign of {@code s} (by sign bits, as Hipparchus does). */
    @Override
    public Dual copySign(Dual s) {
        req(s, "copySign");
        long m = Double.doubleToLongBits(value);
        long sb = Double.doubleToLongBits(s.value);
        return (m >= 0 && sb >= 0) || (m < 0 && sb < 0) ? this : negate();
    }

    // ---- the chain rule, once ----

    /** y = p(x) with ẏ = p'(x)·ẋ, by ad-core's rule for p. */
    private Dual unary(UnaryPrimitive p, double param) {
        return unaryWith(p, param, DEFAULT);
    }

    private Dual unaryWith(UnaryPrimitive p, double param, Subgradients policy) {
        if (policy == null) {
            throw new LeibnizException("subgradient policy of " + p.name() + " must not be null");
        }
        double y = p.apply(value, param, policy);
        return new Dual(y, Lanes.times(p.derivative(value, y, param, policy), tangent));
    }

    /** y = p(this, b) with ẏ = ∂ₐp·ȧ + ∂_b p·ḃ. */
    private Dual binary(BinaryPrimitive p, Dual b, Subgradients policy) {
        if (policy == null) {
            throw new LeibnizException("subgradient policy of " + p.name() + " must not be null");
        }
        double y = p.apply(value, b.value, policy);
        double pa = p.partialA(value, b.value, y, policy);
        double pb = p.partialB(value, b.value, y, policy);
        return new Dual(y, Lanes.times(pa, tangent) + Lanes.times(pb, b.tangent));
    }

    private static void req(Dual b, String op) {
        if (b == null) {
            throw new LeibnizException("Dual." + op + ": the argument is null");
        }
    }

    // ---- identity ----

    @Override
    public boolean equals(Object o) {
        return o instanceof Dual d && Double.compare(d.value, value) == 0 && Double.compare(d.tangent, tangent) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(value) + Double.hashCode(tangent);
    }

    /** {@code value + tangent·ε}, e.g. {@code 0.5 + 1.0ε}. */
    @Override
    public String toString() {
        return value + (tangent < 0 || (tangent == 0 && 1 / tangent < 0) ? " - " + (-tangent) : " + " + tangent) + "ε";
    }
}
