package dev.leibniz.ode;

/**
 * A scalar loss on the solution at the output times, L(y(t₁), …, y(t_K), p), with its partial
 * derivatives. {@link Ode#gradient} chains them with the sensitivities of the solution.
 */
@FunctionalInterface
public interface TrajectoryLoss {
    /**
     * Returns L and fills its partials.
     *
     * @param times   the output times t_k
     * @param states  {@code states[k][i]} = y_i(t_k)
     * @param params  the parameters
     * @param dStates receives ∂L/∂y_i(t_k) (zero on entry, same shape as {@code states})
     * @param dParams receives ∂L/∂p_j where L depends on p directly (zero on entry)
     */
    double evaluate(double[] times, double[][] states, double[] params, double[][] dStates, double[] dParams);

    /**
     * Σ_k Σ_i (y_i(t_k) − data[k][i])², skipping entries of {@code data} that are NaN (missing
     * observations).
     */
    static TrajectoryLoss sumOfSquares(double[][] data) {
        double[][] d = new double[data.length][];
        for (int k = 0; k < d.length; k++) {
            d[k] = data[k].clone();
        }
        return (times, states, params, dStates, dParams) -> {
            if (states.length != d.length) {
                throw new OdeException("the data have " + d.length + " rows but there are " + states.length
                        + " output times");
            }
            double s = 0;
            for (int k = 0; k < d.length; k++) {
                if (d[k].length != states[k].length) {
                    throw new OdeException("data row " + k + " has " + d[k].length + " values but there are "
                            + states[k].length + " states");
                }
                for (int i = 0; i < d[k].length; i++) {
                    if (Double.isNaN(d[k][i])) {
                        continue;
                    }
                    double r = states[k][i] - d[k][i];
                    s += r * r;
                    dStates[k][i] = 2 * r;
                }
            }
            return s;
        };
    }
}
