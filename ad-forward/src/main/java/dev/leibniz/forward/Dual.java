package dev.leibniz.forward;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.UnaryPrimitive;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.FieldSinCos;
import org.hipparchus.util.FieldSinhCosh;
import org.hipparchus.util.FastMath;

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
 * <p><b>Rules.</b> Where ad-core has a primitive (add … softplus, relu, abs, max, min, hypot),
 * the value and derivative are those of the primitive, so a Dual agrees with the forward and
 * reverse sweeps over graphs. The remaining functions of the interface (inverse
 * trigonometric and hyperbolic functions, cbrt, log10, atan2, …) are differentiated here.
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
    private static final double LN10 = Math.log(10.0);

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

    @Override
    public Dual multiply(int n) {
        return new Dual(value * n, tangent * n);
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

    /** 1/x; derivative −1/x² = −y². */
    @Override
    public Dual reciprocal() {
        double y = 1.0 / value;
        return new Dual(y, Lanes.times(-y * y, tangent));
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

    /** x^p for a constant real p; derivative p·x^(p−1) (0 when p = 0). */
    @Override
    public Dual pow(double p) {
        if (p == Math.rint(p) && Math.abs(p) <= 1024) {
            return pow((int) p);
        }
        return chain(Math.pow(value, p), p * Math.pow(value, p - 1.0));
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

    /** ∛x, defined for negative x; derivative 1/(3y²). */
    @Override
    public Dual cbrt() {
        double y = Math.cbrt(value);
        return chain(y, 1.0 / (3.0 * y * y));
    }

    /**
     * The n-th root; for odd n defined for negative x as −(−x)^(1/n) (Hipparchus' own derivative
     * types return NaN there for n &gt; 3); derivative 1/(n·y^(n−1)).
     */
    @Override
    public Dual rootN(int n) {
        if (n == 2) {
            return sqrt();
        }
        if (n == 3) {
            return cbrt();
        }
        double y = value < 0 && (n & 1) == 1 ? -Math.pow(-value, 1.0 / n) : Math.pow(value, 1.0 / n);
        return chain(y, 1.0 / (n * Math.pow(y, n - 1)));
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

    /** log₁₀ x; derivative 1/(x ln 10). */
    @Override
    public Dual log10() {
        return chain(Math.log10(value), 1.0 / (value * LN10));
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

    /** Both at the price of one sine and one cosine. */
    @Override
    public FieldSinCos<Dual> sinCos() {
        double s = Math.sin(value);
        double c = Math.cos(value);
        return new FieldSinCos<>(new Dual(s, Lanes.times(c, tangent)), new Dual(c, Lanes.times(-s, tangent)));
    }

    @Override
    public Dual tan() {
        return unary(Elementary.TAN, 0);
    }

    /** asin x; derivative 1/√(1 − x²). */
    @Override
    public Dual asin() {
        return chain(Math.asin(value), 1.0 / Math.sqrt((1.0 - value) * (1.0 + value)));
    }

    /** acos x; derivative −1/√(1 − x²). */
    @Override
    public Dual acos() {
        return chain(Math.acos(value), -1.0 / Math.sqrt((1.0 - value) * (1.0 + value)));
    }

    /** atan x; derivative 1/(1 + x²). */
    @Override
    public Dual atan() {
        return chain(Math.atan(value), 1.0 / (1.0 + value * value));
    }

    /**
     * atan2(this, x), the angle of the point (x, this); ∂/∂this = x/r², ∂/∂x = −this/r² with
     * r² = x² + this².
     */
    @Override
    public Dual atan2(Dual x) {
        req(x, "atan2");
        double r = Math.hypot(x.value, value);
        double dy = x.value / r / r;
        double dx = -value / r / r;
        return new Dual(Math.atan2(value, x.value), Lanes.times(dy, tangent) + Lanes.times(dx, x.tangent));
    }

    // ---- hyperbolic ----

    @Override
    public Dual sinh() {
        return chain(Math.sinh(value), Math.cosh(value));
    }

    @Override
    public Dual cosh() {
        return chain(Math.cosh(value), Math.sinh(value));
    }

    @Override
    public FieldSinhCosh<Dual> sinhCosh() {
        double s = Math.sinh(value);
        double c = Math.cosh(value);
        return new FieldSinhCosh<>(new Dual(s, Lanes.times(c, tangent)), new Dual(c, Lanes.times(s, tangent)));
    }

    @Override
    public Dual tanh() {
        return unary(Elementary.TANH, 0);
    }

    /** asinh x; derivative 1/√(x² + 1). */
    @Override
    public Dual asinh() {
        return chain(FastMath.asinh(value), 1.0 / Math.hypot(value, 1.0));
    }

    /** acosh x for x ≥ 1; derivative 1/√(x² − 1). */
    @Override
    public Dual acosh() {
        return chain(FastMath.acosh(value), 1.0 / Math.sqrt((value - 1.0) * (value + 1.0)));
    }

    /** atanh x for |x| &lt; 1; derivative 1/(1 − x²). */
    @Override
    public Dual atanh() {
        return chain(FastMath.atanh(value), 1.0 / ((1.0 - value) * (1.0 + value)));
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

    /** y with ẏ = dy/dx·ẋ. */
    private Dual chain(double y, double dydx) {
        return new Dual(y, Lanes.times(dydx, tangent));
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
