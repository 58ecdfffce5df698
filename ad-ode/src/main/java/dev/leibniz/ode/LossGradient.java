package dev.leibniz.ode;

import java.util.List;

/**
 * A loss on the solution and its gradient: {@link #gradient()} is dL/dp, total — through the
 * solution, through y₀ when y₀ depends on p, and through any direct dependence of L on p;
 * {@link #initialStateGradient()} is ∂L/∂y₀ with y₀ treated as independent numbers.
 */
public final class LossGradient {
    private final double value;
    private final double[] dp;
    private final double[] dy0;
    private final Solution solution;
    private final SensitivityMethod method;
    private final List<String> parameterNames;

    LossGradient(double value, double[] dp, double[] dy0, Solution solution, SensitivityMethod method,
                 List<String> parameterNames) {
        this.value = value;
        this.dp = dp;
        this.dy0 = dy0;
        this.solution = solution;
        this.method = method;
        this.parameterNames = parameterNames;
    }

    public double value() {
        return value;
    }

    /** dL/dp (a copy). */
    public double[] gradient() {
        return dp.clone();
    }

    /** dL/dp_j. */
    public double gradient(int j) {
        return dp[j];
    }

    /** dL/d(named parameter). */
    public double gradient(String parameter) {
        int j = parameterNames.indexOf(parameter);
        if (j < 0) {
            throw new OdeException("unknown parameter '" + parameter + "'; the parameters are " + parameterNames);
        }
        return dp[j];
    }

    /** ∂L/∂y₀ (a copy). */
    public double[] initialStateGradient() {
        return dy0.clone();
    }

    public Solution solution() {
        return solution;
    }

    /** The method used (never {@link SensitivityMethod#AUTO}). */
    public SensitivityMethod method() {
        return method;
    }

    public Statistics statistics() {
        return solution.statistics();
    }

    @Override
    public String toString() {
        return "LossGradient(L = " + value + ", dL/dp = " + java.util.Arrays.toString(dp) + ", by " + method + ")";
    }
}
