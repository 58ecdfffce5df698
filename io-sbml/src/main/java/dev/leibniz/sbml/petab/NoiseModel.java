package dev.leibniz.sbml.petab;

import dev.leibniz.core.Var;
import dev.leibniz.sbml.SbmlException;
import java.util.Locale;

/**
 * The log-likelihood of one measurement m given the simulated observable y and the noise
 * parameter σ, for PEtab's noise distributions on the observable's transformation h (identity,
 * ln or log₁₀). With r = (h(m) − h(y))/σ:
 * <pre>
 *   normal:   ℓ = −½ ln(2πσ²) − ½ r² + ln|h'(m)|
 *   Laplace:  ℓ = −ln(2σ) − |r| + ln|h'(m)|
 * </pre>
 * where ln|h'(m)| is 0, −ln m and −ln(m ln 10) for lin, log and log10 (h' by forward mode
 * through the declared rules): the density of m itself,
 * not of h(m), as PEtab and AMICI define it (so likelihoods of differently transformed
 * observables add up). Written over graph variables, so its derivatives with respect to y and σ
 * come from the rule table. The contribution to χ² is r².
 */
public record NoiseModel(Distribution distribution, Scale transformation) {
    /** PEtab's {@code noiseDistribution}. */
    public enum Distribution { NORMAL, LAPLACE }

    /** ℓ(m | y, σ). */
    Var logLikelihood(double m, Var y, Var sigma) {
        Var r = residual(m, y, sigma);
        double jacobian = Math.log(Math.abs(transformation.scaleDerivative(m)));
        Var l = distribution == Distribution.NORMAL
                ? sigma.square().mul(2 * Math.PI).log().mul(-0.5).sub(r.square().mul(0.5))
                : sigma.mul(2).log().neg().sub(r.abs());
        return l.add(jacobian);
    }

    /** r = (h(m) − h(y)) / σ. */
    Var residual(double m, Var y, Var sigma) {
        return y.constant(transform(m)).sub(transform(y)).div(sigma);
    }

    double transform(double x) {
        return transformation.scale(x);
    }

    private Var transform(Var x) {
        return transformation.scale(x);
    }

    static Distribution distribution(String s, String where) {
        if (s == null || s.isBlank()) {
            return Distribution.NORMAL;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "normal" -> Distribution.NORMAL;
            case "laplace" -> Distribution.LAPLACE;
            default -> throw new SbmlException(where + ": unknown noise distribution '" + s
                    + "'; the distributions are normal, laplace");
        };
    }
}
