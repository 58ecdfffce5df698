package dev.leibniz.ode;

import java.util.List;

/**
 * The solution and its first derivatives at every output time t_k:
 * <ul>
 *   <li>{@link #withRespectToParameters(int)}: {@code S_k[i][j] = dy_i(t_k)/dp_j}, the total
 *       derivative — when y₀ depends on p, through y₀ too. These are the rows of the residual
 *       Jacobian that Gauss–Newton and Levenberg–Marquardt need.</li>
 *   <li>{@link #withRespectToInitialState(int)}: {@code ∂y_i(t_k)/∂y₀_m}, with y₀ treated as
 *       independent numbers.</li>
 * </ul>
 */
public final class Sensitivities {
    private final Solution solution;
    private final List<String> parameterNames;
    private final double[][][] dp;
    private final double[][][] dy0;

    Sensitivities(Solution solution, List<String> parameterNames, double[][][] dp, double[][][] dy0) {
        this.solution = solution;
        this.parameterNames = parameterNames;
        this.dp = dp;
        this.dy0 = dy0;
    }

    public Solution solution() {
        return solution;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    /** n × p matrix dy(t_k)/dp (a copy). */
    public double[][] withRespectToParameters(int k) {
        return copy(dp[k]);
    }

    /** n × n matrix ∂y(t_k)/∂y₀ (a copy). */
    public double[][] withRespectToInitialState(int k) {
        return copy(dy0[k]);
    }

    /** dy_i(t_k)/dp_j. */
    public double parameter(int k, int i, int j) {
        return dp[k][i][j];
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
