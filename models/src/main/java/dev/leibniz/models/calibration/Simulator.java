package dev.leibniz.models.calibration;

import dev.leibniz.models.spec.Parameter;
import dev.leibniz.ode.SensitivityMethod;
import java.util.List;

/**
 * What calibration needs from a model: the observable quantities at given times for given
 * parameters, and their derivatives with respect to the parameters. The usual implementation
 * solves an ODE model with ad-ode ({@link OdeSimulator}); a closed-form model or a test double
 * can implement it directly.
 */
public interface Simulator {
    /** The tunable parameters with their initial guesses and bounds. */
    List<Parameter> parameters();

    /** Names of the quantities that can be observed (states, then outputs). */
    List<String> observableNames();

    /** The earliest time that may be observed (the model's t₀). */
    double startTime();

    /**
     * Simulates and samples.
     *
     * @param theta    parameter values, in {@link #parameters()} order
     * @param times    observation times, increasing, ≥ {@link #startTime()}
     * @param columns  which observables, as indices into {@link #observableNames()}
     * @param values   out: {@code values[k][c]} = observable {@code columns[c]} at {@code times[k]}
     * @param jacobian out, or null: {@code jacobian[k][c][p]} = ∂values[k][c]/∂θ_p
     * @throws dev.leibniz.core.LeibnizException when the model cannot be simulated at θ (the
     *         calibration then treats θ as infeasible)
     */
    void simulate(double[] theta, double[] times, int[] columns, double[][] values, double[][][] jacobian);

    /**
     * Value and gradient of a scalar function of the sampled observables,
     * {@code L(θ) = Φ(values(θ))}: {@code phi} receives the values and returns Φ, filling its
     * cotangent array with ∂Φ/∂values. This default takes the full Jacobian (forward
     * sensitivities); a simulator with an adjoint method overrides it to cost one backward solve
     * however many parameters there are.
     *
     * @param gradient out: ∂L/∂θ
     * @return L(θ)
     */
    default double valueAndGradient(double[] theta, double[] times, int[] columns, CotangentFunction phi,
                                    double[] gradient) {
        int n = times.length;
        int m = columns.length;
        int p = theta.length;
        double[][] values = new double[n][m];
        double[][][] jac = new double[n][m][p];
        simulate(theta, times, columns, values, jac);
        double[][] ct = new double[n][m];
        double value = phi.apply(values, ct);
        java.util.Arrays.fill(gradient, 0.0);
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < m; c++) {
                if (ct[k][c] != 0.0) {
                    for (int j = 0; j < p; j++) {
                        gradient[j] += ct[k][c] * jac[k][c][j];
                    }
                }
            }
        }
        return value;
    }

    /**
     * This simulator set to compute loss gradients by {@code method} (never
     * {@link SensitivityMethod#AUTO}); simulators with a single method return themselves.
     */
    default Simulator withSensitivity(SensitivityMethod method) {
        return this;
    }

    /** Number of ODE states (for choosing the sensitivity method); 0 when not an ODE. */
    default int stateCount() {
        return 0;
    }

    /** Φ(values) with its cotangent ∂Φ/∂values (see {@link #valueAndGradient}). */
    @FunctionalInterface
    interface CotangentFunction {
        double apply(double[][] values, double[][] cotangent);
    }
}
