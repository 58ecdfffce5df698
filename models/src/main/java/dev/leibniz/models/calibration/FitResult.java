package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.ode.SensitivityMethod;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a calibration: immutable, built by {@link #builder()} with one named setter per
 * field (fifteen positional arguments of mixed types were easy to swap unnoticed), every field
 * required and checked once in {@link Builder#build()}. Arrays are copied in and out.
 *
 * <ul>
 *   <li>{@link #parameterNames()}: names of all parameters (fitted and fixed), in model order;
 *       {@link #values()} their values at the end; {@link #fitted()} which of them were fitted;
 *       {@link #standardErrors()} the Gauss–Newton standard errors of the fitted ones, NaN where
 *       undefined (fixed, at a bound, too few observations, or a singular JᵀJ); {@link #atBound()}
 *       which fitted parameters ended at a bound (no standard error: the bound holds them, not
 *       the data); {@link #covariance()} the covariance σ²(JᵀJ)⁻¹ those standard errors come from and
 *       {@link #correlation()} its correlation matrix; {@link #conditionNumber()} the condition number κ of the column-scaled
 *       Jacobian at the end and {@link #reliableDigits()} ≈ −log₁₀(ε·κ), the significant digits of
 *       the parameters that double-precision rounding leaves intact.</li>
 *   <li>{@link #loss()}: the final loss; {@link #lossName()} the loss's name;
 *       {@link #observations()} the number of observed cells used; {@link #lossHistory()} the loss
 *       at the start and after each iteration; {@link #gradientNorm()} ‖∂L/∂θ‖ over the fitted
 *       parameters at the end (model coordinates).</li>
 *   <li>{@link #optimizer()}: the optimizer's name; {@link #iterations()} its iterations;
 *       {@link #simulations()} the model simulations run (with or without sensitivities);
 *       {@link #converged()} whether a convergence test was met and {@link #reason()} which test,
 *       or which limit stopped the optimizer; {@link #sensitivity()} the sensitivity method used
 *       for derivatives.</li>
 * </ul>
 */
public final class FitResult {
    private final List<String> parameterNames;
    private final double[] values;
    private final boolean[] fitted;
    private final double[] standardErrors;
    private final double loss;
    private final String lossName;
    private final int observations;
    private final double[] lossHistory;
    private final double gradientNorm;
    private final String optimizer;
    private final int iterations;
    private final int simulations;
    private final boolean converged;
    private final String reason;
    private final SensitivityMethod sensitivity;
    private final boolean[] atBound;
    private final double conditionNumber;
    private final double[][] covariance;

    private FitResult(Builder b) {
        this.parameterNames = List.copyOf(b.parameterNames);
        this.values = b.values.clone();
        this.fitted = b.fitted.clone();
        this.standardErrors = b.standardErrors.clone();
        this.loss = b.loss;
        this.lossName = b.lossName;
        this.observations = b.observations;
        this.lossHistory = b.lossHistory.clone();
        this.gradientNorm = b.gradientNorm;
        this.optimizer = b.optimizer;
        this.iterations = b.iterations;
        this.simulations = b.simulations;
        this.converged = b.converged;
        this.reason = b.reason;
        this.sensitivity = b.sensitivity;
        this.atBound = b.atBound != null ? b.atBound.clone() : new boolean[b.values.length];
        this.conditionNumber = b.conditionNumber;
        int p = b.values.length;
        this.covariance = new double[p][p];
        for (int i = 0; i < p; i++) {
            if (b.covariance != null) {
                System.arraycopy(b.covariance[i], 0, covariance[i], 0, p);
            } else {
                java.util.Arrays.fill(covariance[i], Double.NaN);
            }
        }
    }

    /**
     * The Gauss–Newton covariance σ²(JᵀJ)⁻¹ of the estimated parameters (P × P over all
     * parameters, model order), from the same singular value decomposition as
     * {@link #standardErrors()}: √covariance()[i][i] is the standard error. Rows and columns of a
     * fixed parameter, of one at a bound, or of every parameter when the covariance is undefined
     * are NaN.
     */
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /**
     * The correlation matrix Cov_ij / √(Cov_ii Cov_jj) (P × P, model order): symmetric, 1 on the
     * diagonal of the parameters with a standard error, NaN rows and columns for the others.
     */
    public double[][] correlation() {
        return StandardErrors.correlation(covariance);
    }

    /** Which parameters ended at one of their bounds (their standard error is NaN). */
    public boolean[] atBound() {
        return atBound.clone();
    }

    /** κ of the Jacobian with unit-norm columns at the end (NaN when not computed, ∞ when singular). */
    public double conditionNumber() {
        return conditionNumber;
    }

    /**
     * −log₁₀(ε·κ) with ε = 2.2e-16, clipped to [0, 15.6]: how many significant digits of the
     * parameters survive the rounding of the residuals (a rule of thumb for a small-residual
     * problem: more when the residuals are small, fewer when they are large); NaN without κ.
     */
    public double reliableDigits() {
        if (Double.isNaN(conditionNumber)) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(15.6, -Math.log10(Math.ulp(1.0) * conditionNumber)));
    }

    /** A builder with nothing set; {@link Builder#build()} says which field is missing. */
    public static Builder builder() {
        return new Builder();
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    public double[] values() {
        return values.clone();
    }

    public boolean[] fitted() {
        return fitted.clone();
    }

    public double[] standardErrors() {
        return standardErrors.clone();
    }

    public double loss() {
        return loss;
    }

    public String lossName() {
        return lossName;
    }

    public int observations() {
        return observations;
    }

    public double[] lossHistory() {
        return lossHistory.clone();
    }

    public double gradientNorm() {
        return gradientNorm;
    }

    public String optimizer() {
        return optimizer;
    }

    public int iterations() {
        return iterations;
    }

    public int simulations() {
        return simulations;
    }

    public boolean converged() {
        return converged;
    }

    public String reason() {
        return reason;
    }

    public SensitivityMethod sensitivity() {
        return sensitivity;
    }

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
            throw new LeibnizException("no parameter '" + name + "'; the model has " + parameterNames);
        }
        return i;
    }

    /**
     * One line on the conditioning: {@code condition number of the scaled Jacobian 33: about 14
     * reliable digits in the parameters}; empty when κ was not computed.
     */
    public String conditioning() {
        if (Double.isNaN(conditionNumber)) {
            return "";
        }
        return String.format(Locale.ROOT, "condition number of the scaled Jacobian %.2g: about %.0f reliable digits in"
                + " the parameters", conditionNumber, Math.floor(reliableDigits()));
    }

    /** A table: one parameter a line with its standard error, then loss, iterations and convergence. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format(Locale.ROOT, "  %-12s %14.6g", parameterNames.get(i), values[i]));
            if (!fitted[i]) {
                sb.append("   (fixed)");
            } else if (atBound[i]) {
                sb.append("   (at a bound: no standard error)");
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

    /** Collects the fields of a {@link FitResult} by name; every one must be set before {@link #build()}. */
    public static final class Builder {
        private List<String> parameterNames;
        private double[] values;
        private boolean[] fitted;
        private double[] standardErrors;
        private double loss = Double.NaN;
        private boolean lossSet;
        private String lossName;
        private int observations = -1;
        private double[] lossHistory;
        private double gradientNorm = Double.NaN;
        private boolean gradientNormSet;
        private String optimizer;
        private int iterations = -1;
        private int simulations = -1;
        private Boolean converged;
        private String reason;
        private SensitivityMethod sensitivity;
        private boolean[] atBound;
        private double conditionNumber = Double.NaN;
        private double[][] covariance;

        private Builder() {
        }

        /** Optional: the P × P covariance of the parameters, NaN where undefined (default: all NaN). */
        public Builder covariance(double[][] c) {
            this.covariance = c;
            return this;
        }

        /** Optional: which parameters ended at a bound (default: none). */
        public Builder atBound(boolean[] b) {
            this.atBound = b;
            return this;
        }

        /** Optional: κ of the column-scaled Jacobian at the end (default NaN: not computed). */
        public Builder conditionNumber(double kappa) {
            this.conditionNumber = kappa;
            return this;
        }

        /** Names of all parameters (fitted and fixed), in model order. */
        public Builder parameterNames(List<String> names) {
            this.parameterNames = names;
            return this;
        }

        /** The parameters' values at the end, in model order. */
        public Builder values(double[] v) {
            this.values = v;
            return this;
        }

        /** Which parameters were fitted (the others were held fixed). */
        public Builder fitted(boolean[] f) {
            this.fitted = f;
            return this;
        }

        /** Standard errors, NaN where undefined. */
        public Builder standardErrors(double[] se) {
            this.standardErrors = se;
            return this;
        }

        /** The final loss. */
        public Builder loss(double value) {
            this.loss = value;
            this.lossSet = true;
            return this;
        }

        /** The loss's name, e.g. "sum of squares". */
        public Builder lossName(String name) {
            this.lossName = name;
            return this;
        }

        /** Number of observed cells used. */
        public Builder observations(int n) {
            this.observations = n;
            return this;
        }

        /** The loss at the start and after each iteration. */
        public Builder lossHistory(double[] history) {
            this.lossHistory = history;
            return this;
        }

        /** ‖∂L/∂θ‖ over the fitted parameters at the end. */
        public Builder gradientNorm(double norm) {
            this.gradientNorm = norm;
            this.gradientNormSet = true;
            return this;
        }

        /** The optimizer's name. */
        public Builder optimizer(String name) {
            this.optimizer = name;
            return this;
        }

        public Builder iterations(int n) {
            this.iterations = n;
            return this;
        }

        /** Model simulations run (with or without sensitivities). */
        public Builder simulations(int n) {
            this.simulations = n;
            return this;
        }

        /** Whether a convergence test was met, and which test (or which limit stopped the optimizer). */
        public Builder convergence(boolean met, String why) {
            this.converged = met;
            this.reason = why;
            return this;
        }

        /** The sensitivity method used for derivatives. */
        public Builder sensitivity(SensitivityMethod m) {
            this.sensitivity = m;
            return this;
        }

        /**
         * The result.
         *
         * @throws LeibnizException naming the first field not set, or the array whose length differs
         *                          from the number of parameter names
         */
        public FitResult build() {
            require(parameterNames, "parameterNames");
            require(values, "values");
            require(fitted, "fitted");
            require(standardErrors, "standardErrors");
            require(lossSet ? "" : null, "loss");
            require(lossName, "lossName");
            require(observations >= 0 ? "" : null, "observations");
            require(lossHistory, "lossHistory");
            require(gradientNormSet ? "" : null, "gradientNorm");
            require(optimizer, "optimizer");
            require(iterations >= 0 ? "" : null, "iterations");
            require(simulations >= 0 ? "" : null, "simulations");
            require(converged, "convergence");
            require(reason, "convergence reason");
            require(sensitivity, "sensitivity");
            int p = parameterNames.size();
            if (values.length != p || fitted.length != p || standardErrors.length != p
                    || (atBound != null && atBound.length != p) || !square(covariance, p)) {
                throw new LeibnizException("fit result: " + p + " parameter names but " + values.length + " values, "
                        + fitted.length + " fitted flags and " + standardErrors.length + " standard errors");
            }
            return new FitResult(this);
        }

        private static boolean square(double[][] m, int p) {
            if (m == null) {
                return true;
            }
            if (m.length != p) {
                return false;
            }
            for (double[] row : m) {
                if (row == null || row.length != p) {
                    return false;
                }
            }
            return true;
        }

        private static void require(Object field, String name) {
            if (field == null) {
                throw new LeibnizException("fit result: " + name + " is not set");
            }
        }
    }
}
