package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The Lotka–Volterra loss gradients of the speed work of 2026-12-05 (straight-line right-hand
 * side, one-block lane inputs, stage cotangents written at once, row forms of the stage sums
 * hoisted for small systems) are the bits of the code before it (commit 88aa64f), recorded here
 * as hex: every one of those changes claims to keep every number. The loss reads one state only
 * (the other's data missing), so its cotangents carry exact zeros; discrete adjoint and forward
 * sensitivities, with the default AUTO, DOPRI5 and Tsit5, interpreted (cold) and compiled (hot).
 */
class GradientBitsRegressionTest {
    private static final String ADJOINT_DP = "40c2b25f8831ded6 40da3aca2206ebcd c11a214fcef8107a 40b05f3f9a0cea61"
            + " c12519f77f88b25a 40435b0ef13b6871 c09e35b5202bad4f";
    private static final String FORWARD_DP = "40c2b2602acf59d6 40da3acc05767879 c11a2154a41816cf 40b05f4dfb803b5b"
            + " c12519fbd983e059 40435aeb15191f4a c09e35bab6726501";
    private static final String ADJOINT_TSIT5 = "40c2b25eeaf5c5cc 40da3ac19f979e8b c11a2150741db922 40b05f4282d2b1b7"
            + " c12519fc1cba3050 40435acaee8304b6 c09e35b5df1a1b25";
    private static final String FORWARD_TSIT5 = "40c2b2602267f41b 40da3accb24ae9fe c11a215442bba934 40b05f501d2b0f9e"
            + " c12519fb8987a6f5 40435aedc54a19e7 c09e35ba45e28a2f";

    private static OdeProblem lotkaVolterra() {
        return OdeProblem.builder().states("hare", "lynx").parameters("alpha", "beta", "gamma", "delta")
                .rhs((t, y, p) -> new Var[] {y[0].mul(p[0]).sub(p[1].mul(y[0]).mul(y[1])),
                    p[3].mul(y[0]).mul(y[1]).sub(p[2].mul(y[1]))})
                .initial(33, 6.2).build();
    }

    /** Loss value, gradient and dL/dy₀ as hex bit patterns. */
    private static String bits(LossGradient g) {
        StringBuilder sb = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(g.value())));
        for (double x : g.gradient()) {
            sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
        }
        for (double x : g.initialStateGradient()) {
            sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
        }
        return sb.toString();
    }

    @Test
    void theGradientsKeepTheirBits() {
        double[] p = {0.55, 0.028, 0.80, 0.024};
        double[] times = new double[21];
        double[][] data = new double[21][2];
        for (int k = 0; k < 21; k++) {
            times[k] = k;
            data[k][0] = 30 + 10 * Math.sin(0.4 * k);
            data[k][1] = Double.NaN;
        }
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(data);
        OdeProblem lv = lotkaVolterra();
        for (boolean hot : new boolean[] {false, true}) {
            if (hot) {
                lv.rhsCode().compile();
            }
            for (Method m : new Method[] {Method.AUTO, Method.DOPRI5, Method.TSIT5}) {
                SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-6, 1e-9).withMethod(m);
                String what = m + (hot ? ", compiled" : ", interpreted");
                boolean tsit = m == Method.TSIT5;
                assertEquals(tsit ? ADJOINT_TSIT5 : ADJOINT_DP,
                        bits(Ode.gradient(lv, p, times, loss, SensitivityMethod.DISCRETE_ADJOINT, o)), "adjoint, " + what);
                assertEquals(tsit ? FORWARD_TSIT5 : FORWARD_DP,
                        bits(Ode.gradient(lv, p, times, loss, SensitivityMethod.FORWARD, o)), "forward, " + what);
            }
        }
    }
}
