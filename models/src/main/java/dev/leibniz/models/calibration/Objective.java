package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.spec.Parameter;

/**
 * The calibration loss as a function of the free coordinates u that an optimizer moves:
 *
 * <pre>
 *   L(u) = Σ_k Σ_c w_c · ℓ(μ_kc(θ(u)), y_kc)      over observed cells only
 * </pre>
 *
 * with θ(u) the bound-honouring {@link ParameterTransform}s of the fitted parameters (the
 * others held fixed). For a least-squares loss the residuals r_i = √w_c · ρ(μ, y) and their
 * exact Jacobian ∂r/∂u = √w_c · ρ'(μ, y) · ∂μ/∂θ · dθ/du come from the simulator's
 * sensitivities (chain rule through the loss, the outputs and the transforms); the gradient
 * of any loss is {@code Σ w_c ℓ'(μ, y) ∂μ/∂θ · dθ/du}.
 *
 * <p>A parameter value at which the model cannot be simulated (the solver fails, a log meets
 * a non-positive value) is <em>infeasible</em>: its loss is +∞ and optimizers step back.
 */
public final class Objective {
    private final Simulator simulator;
    /** Why the last infeasible point could not be simulated (for messages); null if unknown. */
    private volatile String lastFailure;
    private final double[] template;
    private final int[] free;
    private final ParameterTransform[] transforms;
    private final double[] times;
    private final int[] columns;
    private final double[][] observed;
    private final double[] weights;
    private final Loss loss;
    private final int residualCount;
    private final boolean adjointGradient;
    private int simulations;

    /**
     * @param simulator       the model
     * @param template        all parameter values; the fitted ones are overwritten by θ(u)
     * @param free            indices of the fitted parameters
     * @param transforms      one per fitted parameter
     * @param times           observation times
     * @param columns         observable index of each data column
     * @param observed        {@code observed[k][c]}, NaN when missing
     * @param weights         one per data column
     * @param loss            the loss
     * @param adjointGradient whether gradients go through {@link Simulator#valueAndGradient} (an
     *                        adjoint, when the simulator has one) rather than full sensitivities
     */
    Objective(Simulator simulator, double[] template, int[] free, ParameterTransform[] transforms, double[] times,
              int[] columns, double[][] observed, double[] weights, Loss loss, boolean adjointGradient) {
        this.simulator = simulator;
        this.template = template.clone();
        this.free = free.clone();
        this.transforms = transforms.clone();
        this.times = times;
        this.columns = columns;
        this.observed = observed;
        this.weights = weights;
        this.loss = loss;
        this.adjointGradient = adjointGradient;
        int n = 0;
        for (double[] row : observed) {
            for (double v : row) {
                n += Double.isNaN(v) ? 0 : 1;
            }
        }
        this.residualCount = n;
    }

    /** Number of free coordinates. */
    public int dimension() {
        return free.length;
    }

    public boolean isLeastSquares() {
        return loss.isLeastSquares();
    }

    public Loss loss() {
        return loss;
    }

    /** Number of observed cells (residuals of a least-squares loss). */
    public int residualCount() {
        return residualCount;
    }

    /** Simulations run so far. */
    public int simulations() {
        return simulations;
    }

    /** All parameter values θ for free coordinates u. */
    public double[] theta(double[] u) {
        double[] theta = template.clone();
        for (int i = 0; i < free.length; i++) {
            theta[free[i]] = transforms[i].toModel(u[i]);
        }
        return theta;
    }

    /** Free coordinates u of the fitted parameters in {@code theta}. */
    public double[] free(double[] theta) {
        double[] u = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            u[i] = transforms[i].toFree(theta[free[i]]);
        }
        return u;
    }

    /** Residuals and their Jacobian at u; the loss is Σr². */
    public Residuals residuals(double[] u) {
        if (!loss.isLeastSquares()) {
            throw new LeibnizException("the " + loss.name() + " is not a sum of squares; use a gradient-based optimizer");
        }
        double[][] jacTheta = new double[residualCount][template.length];
        double[] r = residualsInTheta(theta(u), jacTheta);
        if (r == null) {
            return Residuals.infeasible(residualCount, free.length);
        }
        double[][] j = new double[residualCount][free.length];
        for (int i = 0; i < free.length; i++) {
            double d = transforms[i].derivative(u[i]);
            for (int q = 0; q < residualCount; q++) {
                j[q][i] = jacTheta[q][free[i]] * d;
            }
        }
        return new Residuals(r, j, true);
    }

    /** Residuals at u without their Jacobian (a trial point, a difference quotient); null when infeasible. */
    public double[] residualVector(double[] u) {
        if (!loss.isLeastSquares()) {
            throw new LeibnizException("the " + loss.name() + " is not a sum of squares; use a gradient-based optimizer");
        }
        return residualsInTheta(theta(u), null);
    }

    /**
     * ‖√w·y‖ over the observed cells: the size of the data, against which a residual is at the
     * rounding level of double precision when it is below about 1e-13 of it.
     */
    public double dataNorm() {
        double s = 0;
        for (double[] row : observed) {
            for (int c = 0; c < row.length; c++) {
                if (!Double.isNaN(row[c])) {
                    double y = loss == Losses.SUM_OF_SQUARES_OF_LOGS ? Math.log(row[c]) : row[c];
                    s += weights[c] * y * y;
                }
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Weighted residuals at θ and (if {@code jacobian} is not null) ∂r/∂θ for every parameter,
     * fitted or not; null when θ is infeasible.
     */
    double[] residualsInTheta(double[] theta, double[][] jacobian) {
        int n = times.length;
        int m = columns.length;
        double[][] values = new double[n][m];
        double[][][] jac = jacobian == null ? null : new double[n][m][theta.length];
        if (!simulate(theta, values, jac)) {
            return null;
        }
        double[] r = new double[residualCount];
        int q = 0;
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < m; c++) {
                double y = observed[k][c];
                if (Double.isNaN(y)) {
                    continue;
                }
                double sw = Math.sqrt(weights[c]);
                r[q] = sw * loss.residual(values[k][c], y);
                if (!Double.isFinite(r[q])) {
                    return null;
                }
                if (jacobian != null) {
                    double d = sw * loss.residualDerivative(values[k][c], y);
                    for (int p = 0; p < theta.length; p++) {
                        jacobian[q][p] = d * jac[k][c][p];
                    }
                }
                q++;
            }
        }
        return r;
    }

    /** L(u), or +∞ when infeasible. */
    public double value(double[] u) {
        double[][] values = new double[times.length][columns.length];
        if (!simulate(theta(u), values, null)) {
            return Double.POSITIVE_INFINITY;
        }
        return lossOf(values, null);
    }

    /** L(u) and ∂L/∂u; +∞ (gradient zero) when infeasible. */
    public double valueAndGradient(double[] u, double[] gradient) {
        double[] theta = theta(u);
        double[] gTheta = new double[theta.length];
        double value = valueAndGradientInTheta(theta, gTheta);
        java.util.Arrays.fill(gradient, 0.0);
        if (value == Double.POSITIVE_INFINITY) {
            return value;
        }
        for (int i = 0; i < free.length; i++) {
            gradient[i] = gTheta[free[i]] * transforms[i].derivative(u[i]);
        }
        return value;
    }

    /** L(θ) and ∂L/∂θ for every parameter. */
    double valueAndGradientInTheta(double[] theta, double[] gradient) {
        simulations++;
        double v;
        try {
            if (adjointGradient) {
                v = simulator.valueAndGradient(theta, times, columns, this::lossOf, gradient);
            } else {
                double[][] values = new double[times.length][columns.length];
                double[][][] jac = new double[times.length][columns.length][theta.length];
                simulator.simulate(theta, times, columns, values, jac);
                double[][] ct = new double[times.length][columns.length];
                v = lossOf(values, ct);
                java.util.Arrays.fill(gradient, 0.0);
                for (int k = 0; k < times.length; k++) {
                    for (int c = 0; c < columns.length; c++) {
                        if (ct[k][c] != 0.0) {
                            for (int p = 0; p < theta.length; p++) {
                                gradient[p] += ct[k][c] * jac[k][c][p];
                            }
                        }
                    }
                }
            }
        } catch (LeibnizException e) {
            lastFailure = e.getMessage();
            return Double.POSITIVE_INFINITY;
        }
        if (!Double.isFinite(v)) {
            return Double.POSITIVE_INFINITY;
        }
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return v;
    }

    /**
     * Rows √(w/μ)·∂μ/∂θ per observed cell: for a Poisson likelihood, JᵀJ is the Fisher
     * information, the Gauss–Newton approximation of half the deviance's Hessian. Null when θ
     * is infeasible.
     */
    double[][] fisherJacobian(double[] theta) {
        int n = times.length;
        int m = columns.length;
        double[][] values = new double[n][m];
        double[][][] jac = new double[n][m][theta.length];
        if (!simulate(theta, values, jac)) {
            return null;
        }
        double[][] rows = new double[residualCount][theta.length];
        int q = 0;
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < m; c++) {
                if (Double.isNaN(observed[k][c])) {
                    continue;
                }
                double s = Math.sqrt(weights[c] / values[k][c]);
                for (int p = 0; p < theta.length; p++) {
                    rows[q][p] = s * jac[k][c][p];
                }
                q++;
            }
        }
        return rows;
    }

    /** Σ w ℓ over observed cells; fills ∂/∂values when {@code cotangent} is given; NaN when undefined. */
    private double lossOf(double[][] values, double[][] cotangent) {
        double sum = 0;
        for (int k = 0; k < values.length; k++) {
            for (int c = 0; c < columns.length; c++) {
                double y = observed[k][c];
                if (Double.isNaN(y)) {
                    continue;
                }
                double mu = values[k][c];
                double l = loss.value(mu, y);
                if (!Double.isFinite(l)) {
                    return Double.NaN;
                }
                sum += weights[c] * l;
                if (cotangent != null) {
                    cotangent[k][c] = weights[c] * loss.derivative(mu, y);
                }
            }
        }
        return sum;
    }

    private boolean simulate(double[] theta, double[][] values, double[][][] jac) {
        simulations++;
        try {
            simulator.simulate(theta, times, columns, values, jac);
        } catch (LeibnizException e) {
            lastFailure = e.getMessage();
            return false;
        }
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A message for a scientist when the model cannot be simulated at the start: the parameter
     * values (the first few, by name) and the solver's reason.
     */
    public String startFailure(double[] u) {
        double[] theta = theta(u);
        java.util.List<Parameter> ps = simulator.parameters();
        StringBuilder sb = new StringBuilder(lastFailure != null
                ? "the model cannot be simulated at the starting parameters ("
                : "the " + loss.name() + " is not finite at the starting parameters (");
        int shown = Math.min(theta.length, 8);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(ps.get(i).name()).append(" = ")
                    .append(String.format(java.util.Locale.ROOT, "%.6g", theta[i]));
        }
        if (theta.length > shown) {
            sb.append(", and ").append(theta.length - shown).append(" more");
        }
        sb.append(')');
        if (lastFailure != null) {
            sb.append(": ").append(lastFailure);
        } else {
            sb.append(": a model value is out of the loss's domain where there are data (the Poisson deviance needs"
                    + " positive model values where counts are positive; the log loss needs positive values)");
        }
        return sb.append("; check the initial guesses in the model file").toString();
    }

    /**
     * Residuals r and Jacobian ∂r/∂u at one point; {@code feasible} is false when the model could
     * not be simulated there.
     */
    public record Residuals(double[] residuals, double[][] jacobian, boolean feasible) {
        static Residuals infeasible(int n, int p) {
            return new Residuals(new double[n], new double[n][p], false);
        }

        /** Σ r², or +∞ when infeasible. */
        public double loss() {
            if (!feasible) {
                return Double.POSITIVE_INFINITY;
            }
            double s = 0;
            for (double r : residuals) {
                s += r * r;
            }
            return s;
        }
    }
}
