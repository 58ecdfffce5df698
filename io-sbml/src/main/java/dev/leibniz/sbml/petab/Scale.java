package dev.leibniz.sbml.petab;

import dev.leibniz.core.Var;
import dev.leibniz.forward.Dual;
import dev.leibniz.sbml.SbmlException;
import java.util.Locale;

/**
 * A PEtab parameter scale: the estimated value θ is x itself ({@code lin}), ln x ({@code log})
 * or log₁₀ x ({@code log10}). Optimizers and gradients work on θ; the model sees x. The log
 * scales make a parameter spanning decades a well-conditioned coordinate and keep it positive.
 */
public enum Scale {
    LIN, LOG, LOG10;

    private static final double LN10 = Math.log(10);

    /** x from θ (the value part of the map below, so numbers and graphs agree bit for bit). */
    public double unscale(double theta) {
        return unscale(Dual.constant(theta)).value();
    }

    /** θ from x (x must be positive on a log scale). */
    public double scale(double x) {
        return scale(Dual.constant(x)).value();
    }

    /** dx/dθ at θ (1, x or x·ln 10), by forward mode through the primitives' declared rules. */
    public double derivative(double theta) {
        return unscale(Dual.variable(theta)).tangent();
    }

    /** dθ/dx at x (1, 1/x or 1/(x ln 10)): the slope of this map used as an observable's transformation. */
    double scaleDerivative(double x) {
        return scale(Dual.variable(x)).tangent();
    }

    /** x from θ in a graph (so the llh graph's gradient is on the parameter's scale). */
    Var unscale(Var theta) {
        return switch (this) {
            case LIN -> theta;
            case LOG -> theta.exp();
            case LOG10 -> theta.mul(LN10).exp();
        };
    }

    /** θ from x in a graph: also the transformation h of a PEtab observable (lin, log, log10). */
    Var scale(Var x) {
        return switch (this) {
            case LIN -> x;
            case LOG -> x.log();
            case LOG10 -> x.log10();
        };
    }

    private Dual unscale(Dual theta) {
        return switch (this) {
            case LIN -> theta;
            case LOG -> theta.exp();
            case LOG10 -> theta.multiply(LN10).exp();
        };
    }

    private Dual scale(Dual x) {
        return switch (this) {
            case LIN -> x;
            case LOG -> x.log();
            case LOG10 -> x.log10();
        };
    }

    /** The scale named in a table ({@code lin}, {@code log}, {@code log10}; empty means lin). */
    static Scale parse(String s, String where) {
        if (s == null || s.isBlank()) {
            return LIN;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "lin" -> LIN;
            case "log" -> LOG;
            case "log10" -> LOG10;
            default -> throw new SbmlException(where + ": unknown scale '" + s + "'; the scales are lin, log, log10");
        };
    }

    /** The PEtab name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
