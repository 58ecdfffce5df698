package dev.leibniz.models.calibration;

import dev.leibniz.models.spec.Parameter;

/**
 * Bounds by reparameterization: the optimizer moves an unbounded u, the model sees θ(u), which
 * can never leave its interval. So any unconstrained optimizer honours bounds exactly, at the
 * price of a flat direction when θ nears a bound (dθ/du → 0).
 *
 * <pre>
 *   no bounds        θ = u
 *   (lo, ∞)          θ = lo + eᵘ          (log transform: u = ln(θ − lo))
 *   (−∞, hi)         θ = hi − eᵘ
 *   (lo, hi)         θ = lo + (hi − lo)·σ(u),  σ(u) = 1/(1 + e⁻ᵘ)   (logit transform)
 * </pre>
 */
public final class ParameterTransform {
    private enum Kind { IDENTITY, LOWER, UPPER, INTERVAL }

    private final Kind kind;
    private final double lo;
    private final double hi;

    private ParameterTransform(Kind kind, double lo, double hi) {
        this.kind = kind;
        this.lo = lo;
        this.hi = hi;
    }

    /** The transform for a parameter's bounds. */
    public static ParameterTransform of(Parameter p) {
        return of(p.lower(), p.upper());
    }

    public static ParameterTransform of(double lower, double upper) {
        boolean hasLo = lower != Double.NEGATIVE_INFINITY;
        boolean hasHi = upper != Double.POSITIVE_INFINITY;
        if (hasLo && hasHi) {
            return new ParameterTransform(Kind.INTERVAL, lower, upper);
        }
        if (hasLo) {
            return new ParameterTransform(Kind.LOWER, lower, upper);
        }
        if (hasHi) {
            return new ParameterTransform(Kind.UPPER, lower, upper);
        }
        return new ParameterTransform(Kind.IDENTITY, lower, upper);
    }

    /** θ(u). */
    public double toModel(double u) {
        switch (kind) {
            case LOWER:
                return lo + Math.exp(u);
            case UPPER:
                return hi - Math.exp(u);
            case INTERVAL:
                return lo + (hi - lo) * sigmoid(u);
            default:
                return u;
        }
    }

    /** u(θ); θ must lie strictly inside the bounds. */
    public double toFree(double theta) {
        switch (kind) {
            case LOWER:
                return Math.log(theta - lo);
            case UPPER:
                return Math.log(hi - theta);
            case INTERVAL:
                double s = (theta - lo) / (hi - lo);
                return Math.log(s) - Math.log1p(-s);
            default:
                return theta;
        }
    }

    /** dθ/du at u. */
    public double derivative(double u) {
        switch (kind) {
            case LOWER:
                return Math.exp(u);
            case UPPER:
                return -Math.exp(u);
            case INTERVAL:
                double s = sigmoid(u);
                return (hi - lo) * s * (1.0 - s);
            default:
                return 1.0;
        }
    }

    /**
     * Whether a fitted θ sits at a bound: within 1e-6 of the interval's width (one bound: of
     * max(1, |bound|)). There the transform is flat (dθ/du → 0), the fit cannot move θ further,
     * and a Gauss–Newton standard error would describe the transform, not the data.
     */
    public boolean atBound(double theta) {
        boolean hasLo = lo != Double.NEGATIVE_INFINITY;
        boolean hasHi = hi != Double.POSITIVE_INFINITY;
        double scale = hasLo && hasHi ? hi - lo : Math.max(1, Math.abs(hasLo ? lo : hi));
        return (hasLo && theta - lo <= 1e-6 * scale) || (hasHi && hi - theta <= 1e-6 * scale);
    }

    /** True when θ is strictly inside the bounds (where u is defined). */
    public boolean contains(double theta) {
        return theta > lo && theta < hi && Double.isFinite(theta);
    }

    private static double sigmoid(double u) {
        if (u >= 0) {
            return 1.0 / (1.0 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1.0 + e);
    }

    @Override
    public String toString() {
        switch (kind) {
            case LOWER:
                return "θ = " + lo + " + exp(u)";
            case UPPER:
                return "θ = " + hi + " − exp(u)";
            case INTERVAL:
                return "θ = " + lo + " + " + (hi - lo) + "·sigmoid(u)";
            default:
                return "θ = u";
        }
    }
}
