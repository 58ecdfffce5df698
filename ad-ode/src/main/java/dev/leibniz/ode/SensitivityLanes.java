package dev.leibniz.ode;

/**
 * The forward sensitivities carried through a {@link HybridProblem}'s events, in the layout of
 * the augmented state u = [y, S] (see {@code internal.SensitivitySystem}): y has n components,
 * then S = ∂y/∂(p, y₀) row-major n × L with L = p + n lanes, lane l &lt; p for parameter l and
 * lane p + k for y₀ component k, so S_il sits at u[n + i·L + l]. {@link EventRun} keeps the
 * lanes' arithmetic here, apart from its segment bookkeeping.
 *
 * @param n the number of states
 * @param p the number of parameters
 */
record SensitivityLanes(int n, int p) {
    /** L = p + n, the lanes per state. */
    int lanes() {
        return p + n;
    }

    /** u₀ = [y₀, S₀] with S₀ = [∂y₀/∂p | I]: the initial values' own gradients, and the identity for y₀. */
    double[] initial(double[] y0, double[][] dy0dp) {
        int lanes = lanes();
        double[] u0 = new double[n * (1 + lanes)];
        System.arraycopy(y0, 0, u0, 0, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(dy0dp[i], 0, u0, n + i * lanes, p);
            u0[n + i * lanes + p + i] = 1.0;
        }
        return u0;
    }

    /**
     * The lanes across an event, S⁺ = M S⁻ + [N | 0] ({@link EventJump}): reads S⁻ from
     * {@code u}, writes S⁺ into {@code next}. Zero entries of M are skipped (most of a reset's
     * map is the identity's zeros).
     */
    void jump(EventJump lin, double[] u, double[] next) {
        int lanes = lanes();
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < lanes; l++) {
                double v = l < p ? lin.nn()[i][l] : 0;
                for (int q = 0; q < n; q++) {
                    double mq = lin.m()[i][q];
                    if (mq != 0) {
                        v += mq * u[n + q * lanes + l];
                    }
                }
                next[n + i * lanes + l] = v;
            }
        }
    }

    /** The gradient of an event's time, dτ/dp = ∂τ/∂p + (∂τ/∂y⁻) S⁻ over the parameter lanes. */
    double[] timeGradient(EventJump lin, double[] u) {
        int lanes = lanes();
        double[] dtau = new double[p];
        for (int l = 0; l < p; l++) {
            double v = lin.dtauDp()[l];
            for (int q = 0; q < n; q++) {
                v += lin.dtauDy()[q] * u[n + q * lanes + l];
            }
            dtau[l] = v;
        }
        return dtau;
    }

    /** Splits S into ∂y/∂p ({@code dp}, n × p) and ∂y/∂y₀ ({@code dy}, n × n). */
    void unpack(double[] u, double[][] dp, double[][] dy) {
        int lanes = lanes();
        for (int i = 0; i < n; i++) {
            System.arraycopy(u, n + i * lanes, dp[i], 0, p);
            System.arraycopy(u, n + i * lanes + p, dy[i], 0, n);
        }
    }

    /**
     * The sensitivity of the state where a terminal event stops the solve, at the moving time τ:
     * d y(τ)/dp = S⁻ + f(τ, y⁻) dτ/dp.
     */
    double[][] atStop(double[] u, double[] f, double[] dtau) {
        int lanes = lanes();
        double[][] stopSens = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < p; l++) {
                stopSens[i][l] = u[n + i * lanes + l] + f[i] * dtau[l];
            }
        }
        return stopSens;
    }
}
