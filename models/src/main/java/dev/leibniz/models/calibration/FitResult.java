package dev.leibniz.models.calibration;

import dev.leibniz.ode.SensitivityMethod;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a calibration.
 *
 * @param parameterNames  names of all parameters (fitted and fixed), in model order
 * @param values          their values at the end
 * @param fitted          which of them were fitted
 * @param standardErrors  Gauss–Newton standard errors of the fitted ones, NaN where undefined
 *                        (fixed, too few observations, or a singular JᵀJ)
 * @param loss            the final loss
 * @param iterations      optimizer iterations
 * @param simulations     model simulations run (with or without sensitivities)
 * @param converged       whether a convergence test was met
 * @param reason          which test, or which limit stopped the optimizer
 * @param gradientNorm    ‖∂L/∂θ‖ over the fitted parameters at the end (model coordinates)
 * @param lossHistory     the loss at the start and after each iteration
 * @param observations    number of observed cells used
 * @param optimizer       the optimizer's name
 * @param sensitivity     the sensitivity method used for derivatives
 * @param lossName        the loss's name
 */
public record FitResult(List<String> parameterNames, double[] values, boolean[] fitted, double[] standardErrors,
                        double loss, int iterations, int simulations, boolean converged, String reason,
                        double gradientNorm, double[] lossHistory, int observations, String optimizer,
                        SensitivityMethod sensitivity, String lossName) {

    /** The value of one parameter by name. */
    public double value(String name) {
        return values[index(name)];
    }

    /** The standard error of one parameter by name (NaN where undefined). */
    public double standardError(String name) {
        return standardErrors[index(name)];
    }

    private int index(String name) {
        int i = parameterNames.indexOf(name);
        if (i < 0) {
            throw new dev.leibniz.core.LeibnizException("no parameter '" + name + "'; the model has " + parameterNames);
        }
        return i;
    }

    /** A table: one parameter a line with its standard error, then loss, iterations and convergence. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format(Locale.ROOT, "  %-12s %14.6g", parameterNames.get(i), values[i]));
            if (!fitted[i]) {
                sb.append("   (fixed)");
            } else if (!Double.isNaN(standardErrors[i])) {
                sb.append(String.format(Locale.ROOT, "  ± %.3g", standardErrors[i]));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  %s = %.8g over %d observations; %d iterations, %d simulations;%n",
                lossName, loss, observations, iterations, simulations));
        sb.append(String.format(Locale.ROOT, "  %s (%s), |gradient| = %.3g, optimizer %s, %s sensitivities%n",
                converged ? "converged" : "NOT converged", reason, gradientNorm, optimizer,
                sensitivity.name().toLowerCase(Locale.ROOT)));
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
