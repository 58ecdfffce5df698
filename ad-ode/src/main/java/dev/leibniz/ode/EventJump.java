package dev.leibniz.ode;

import dev.leibniz.ode.internal.RhsFunction;

/**
 * The linearisation of one event: how the variations of the state just before it (δy⁻, at the
 * event's nominal time) and of the parameters (δp) carry over to the state just after it,
 * <pre>  δy⁺ = M δy⁻ + N δp,   δτ = −(g_y δy⁻ + g_p δp)/ġ,   ġ = g_t + g_y f⁻,
 *   M = h_y − v g_y/ġ,   N = h_p − v g_p/ġ,   v = h_y f⁻ + h_t − f⁺,</pre>
 * with f⁻ = f(τ, y⁻), f⁺ = f(τ, y⁺), the reset y⁺ = h(τ, y⁻, p) and the condition g(τ, y, p) = 0
 * (Hiskens &amp; Pai 2000; Rozenvasser 1967): the reset's own derivative, plus the correction for a
 * crossing time that moves — the state reaches the event earlier or later, and between the two
 * times it follows f⁻ before and f⁺ after. For a time event (no condition) the τ terms vanish:
 * M = h_y, N = h_p; without a reset h is the identity. The Jacobians of g and h come from their
 * graphs, so no derivative is written here.
 *
 * @param m      M, n × n
 * @param nn     N, n × p
 * @param dtauDy ∂τ/∂y⁻ (zero for a time event)
 * @param dtauDp ∂τ/∂p, the direct part (zero for a time event)
 */
record EventJump(double[][] m, double[][] nn, double[] dtauDy, double[] dtauDp) {

    static EventJump of(PointGraph condition, PointGraph reset, RhsFunction f, OdeProblem problem, double[] params,
                        double t, double[] yMinus, double[] yPlus, String label) {
        int n = problem.stateCount();
        int p = problem.parameterCount();
        double[][] m = new double[n][n];
        double[][] nn = new double[n][p];
        double[] hT = new double[n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        if (reset != null) {
            double[][] jac = reset.jacobian(t, yMinus, params);
            for (int r = 0; r < jac.length; r++) {
                int i = problem.stateNames().indexOf(reset.outputName(r));
                hT[i] = jac[r][0];
                System.arraycopy(jac[r], 1, m[i], 0, n);
                System.arraycopy(jac[r], 1 + n, nn[i], 0, p);
            }
        }
        double[] dtauDy = new double[n];
        double[] dtauDp = new double[p];
        if (condition == null) {
            return new EventJump(m, nn, dtauDy, dtauDp);
        }
        double[] fMinus = new double[n];
        double[] fPlus = new double[n];
        f.eval(t, yMinus, 0, fMinus, 0);
        f.eval(t, yPlus, 0, fPlus, 0);
        double[] dg = condition.jacobian(t, yMinus, params)[0];
        double gdot = dg[0];
        for (int i = 0; i < n; i++) {
            gdot += dg[1 + i] * fMinus[i];
        }
        if (gdot == 0 || !Double.isFinite(gdot)) {
            throw new EventException(label + " at t = " + t + " is tangential (dg/dt = " + gdot
                    + "): its time has no derivative", OdeException.Reason.NON_FINITE_SENSITIVITY, t, null);
        }
        for (int i = 0; i < n; i++) {
            dtauDy[i] = -dg[1 + i] / gdot;
        }
        for (int l = 0; l < p; l++) {
            dtauDp[l] = -dg[1 + n + l] / gdot;
        }
        // v = h_y f⁻ + h_t − f⁺; M += v dτ/dy, N += v dτ/dp
        for (int i = 0; i < n; i++) {
            double v = hT[i] - fPlus[i];
            for (int q = 0; q < n; q++) {
                v += m[i][q] * fMinus[q];
            }
            for (int q = 0; q < n; q++) {
                m[i][q] += v * dtauDy[q];
            }
            for (int l = 0; l < p; l++) {
                nn[i][l] += v * dtauDp[l];
            }
        }
        return new EventJump(m, nn, dtauDy, dtauDp);
    }
}
