package dev.leibniz.core.contract;

/**
 * What a back end produced for a {@link Case}; every part is optional (null when the back end
 * has no such thing). Start from {@link #NOTHING} and add parts with the {@code with…} methods.
 *
 * @param value           the output, row-major
 * @param vjp             vᵀJ for the case's cotangent v, one array per input
 * @param jvp             J·u for the case's tangent u, of the output's shape
 * @param presence        per input: has a gradient (a path to the output) — absent is not zero
 * @param jacobianRow     ∂f/∂x_j of a scalar output by a reverse sweep seeded with 1 (gradient APIs)
 * @param jacobianColumns ∂f/∂x_j of a scalar output by forward sweeps seeded with unit tangents
 * @param pattern         per input: may ∂f/∂x_j be nonzero (a sparsity pattern of a scalar output)
 * @param anomaly         the message of the anomaly exception the back end raised instead of numbers
 */
public record Outcome(double[] value, double[][] vjp, double[] jvp, boolean[] presence, double[] jacobianRow,
                      double[] jacobianColumns, boolean[] pattern, String anomaly) {
    public static final Outcome NOTHING = new Outcome(null, null, null, null, null, null, null, null);

    public Outcome withValue(double... v) {
        return new Outcome(v, vjp, jvp, presence, jacobianRow, jacobianColumns, pattern, anomaly);
    }

    public Outcome withVjp(double[][] g) {
        return new Outcome(value, g, jvp, presence, jacobianRow, jacobianColumns, pattern, anomaly);
    }

    /** A VJP of a scalar graph: one value per input. */
    public Outcome withScalarVjp(double[] g) {
        double[][] w = new double[g.length][];
        for (int k = 0; k < g.length; k++) {
            w[k] = new double[] {g[k]};
        }
        return withVjp(w);
    }

    public Outcome withJvp(double... t) {
        return new Outcome(value, vjp, t, presence, jacobianRow, jacobianColumns, pattern, anomaly);
    }

    public Outcome withPresence(boolean[] p) {
        return new Outcome(value, vjp, jvp, p, jacobianRow, jacobianColumns, pattern, anomaly);
    }

    public Outcome withJacobianRow(double[] j) {
        return new Outcome(value, vjp, jvp, presence, j, jacobianColumns, pattern, anomaly);
    }

    public Outcome withJacobianColumns(double[] j) {
        return new Outcome(value, vjp, jvp, presence, jacobianRow, j, pattern, anomaly);
    }

    public Outcome withPattern(boolean[] p) {
        return new Outcome(value, vjp, jvp, presence, jacobianRow, jacobianColumns, p, anomaly);
    }

    public static Outcome anomaly(String message) {
        return new Outcome(null, null, null, null, null, null, null, message);
    }
}
