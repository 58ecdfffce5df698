package dev.leibniz.core;

/**
 * Options of one evaluation: the subgradient policy at kinks, and whether anomaly detection
 * checks every value of the forward and backward passes for NaN and infinity (slower; use it
 * to find where a non-finite value first appears).
 */
public record EvalOptions(Subgradients policy, boolean detectAnomalies) {
    public static final EvalOptions DEFAULT = new EvalOptions(Subgradients.DEFAULT, false);

    public EvalOptions {
        if (policy == null) {
            throw new LeibnizException("subgradient policy must not be null");
        }
    }

    public EvalOptions withPolicy(Subgradients p) {
        return new EvalOptions(p, detectAnomalies);
    }

    public EvalOptions withAnomalyDetection(boolean on) {
        return new EvalOptions(policy, on);
    }
}
