package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.spec.Parameter;

/**
 * The range a multi-start samples for one parameter, from its bounds and initial guess in the
 * model file. A start must lie strictly inside the bounds, and a range must be finite:
 *
 * <ul>
 *   <li>both bounds finite: uniform between them;</li>
 *   <li>a positive initial guess x₀ and a lower bound ≥ 0 with no upper bound (a rate, a
 *       population): log-uniform over [x₀/10, 10·x₀] (clipped to the bounds) — two decades
 *       around the guess, since such parameters are known to an order of magnitude, not to an
 *       additive margin;</li>
 *   <li>otherwise: uniform over x₀ ± 10·max(|x₀|, 1), clipped to the bounds.</li>
 * </ul>
 *
 * A unit-cube coordinate u ∈ (0, 1) maps to {@code lo + u·(hi − lo)}, or to
 * {@code lo·(hi/lo)^u} on a log scale.
 */
public record SamplingBox(String name, double lo, double hi, boolean logScale) {
    /** Decades either side of a positive initial guess, for a parameter with no upper bound. */
    static final double DECADE = 10.0;

    public SamplingBox {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi) || (logScale && !(lo > 0))) {
            throw new LeibnizException("cannot sample '" + name + "' in [" + lo + ", " + hi + "]"
                    + (logScale ? " on a log scale" : ""));
        }
    }

    /** The range of {@code p} by the rules above. */
    public static SamplingBox of(Parameter p) {
        double x0 = p.initial();
        if (p.hasLower() && p.hasUpper()) {
            return new SamplingBox(p.name(), p.lower(), p.upper(), false);
        }
        if (p.hasLower() && !p.hasUpper() && p.lower() >= 0 && x0 > 0) {
            return new SamplingBox(p.name(), Math.max(p.lower(), x0 / DECADE), x0 * DECADE, true);
        }
        double half = DECADE * Math.max(Math.abs(x0), 1.0);
        double lo = p.hasLower() ? Math.max(p.lower(), x0 - half) : x0 - half;
        double hi = p.hasUpper() ? Math.min(p.upper(), x0 + half) : x0 + half;
        return new SamplingBox(p.name(), lo, hi, false);
    }

    /** The point at unit coordinate {@code u} ∈ (0, 1). */
    public double at(double u) {
        return logScale ? lo * Math.pow(hi / lo, u) : lo + u * (hi - lo);
    }
}
