package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.SensitivitySystem;
import dev.leibniz.ode.internal.Stepper;

/**
 * Forward sensitivities: integrates u = [y, S], S = ∂y/∂(p, y₀) (n × (p + n)), with the chosen
 * method; S(t₀) = [∂y₀/∂p, I]. See {@link SensitivityMethod#FORWARD}.
 */
final class ForwardSensitivity {
    private ForwardSensitivity() {
    }

    static Sensitivities solve(Setup s) {
        int n = s.n;
        int p = s.p;
        int lanes = p + n;
        double[] y0 = s.initialState();
        double[][] dy0dp = s.initialJacobian();
        double[] u0 = new double[n * (1 + lanes)];
        System.arraycopy(y0, 0, u0, 0, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(dy0dp[i], 0, u0, n + i * lanes, p);
            u0[n + i * lanes + p + i] = 1.0;
        }
        SensitivitySystem sys = new SensitivitySystem(s.f, s.states, s.paramNames, lanes, p);
        Stepper stepper = s.stepper(sys);
        Integrator integ = s.integrator(sys, stepper, u0, s.options.sensitivitiesInErrorNorm() ? sys.dimension() : n);
        double[][] out = integ.run();
        int k = out.length;
        double[][] states = new double[k][n];
        double[][][] dp = new double[k][n][p];
        double[][][] dy = new double[k][n][n];
        for (int m = 0; m < k; m++) {
            System.arraycopy(out[m], 0, states[m], 0, n);
            for (int i = 0; i < n; i++) {
                System.arraycopy(out[m], n + i * lanes, dp[m][i], 0, p);
                System.arraycopy(out[m], n + i * lanes + p, dy[m][i], 0, n);
            }
        }
        return new Sensitivities(s.solution(states), s.problem.parameterNames(), dp, dy);
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        Sensitivities sens = solve(s);
        double[][] states = sens.solution().raw();
        int n = s.n;
        int p = s.p;
        double[][] dStates = new double[states.length][n];
        double[] dp = new double[p];
        double value = s.loss(loss, states, dStates, dp);
        double[] dy0 = new double[n];
        for (int k = 0; k < states.length; k++) {
            double[][] sp = sens.withRespectToParameters(k);
            double[][] sy = sens.withRespectToInitialState(k);
            for (int i = 0; i < n; i++) {
                double w = dStates[k][i];
                if (w == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    dp[j] += w * sp[i][j];
                }
                for (int m = 0; m < n; m++) {
                    dy0[m] += w * sy[i][m];
                }
            }
        }
        return new LossGradient(value, dp, dy0, sens.solution(), SensitivityMethod.FORWARD, s.problem.parameterNames());
    }
}
