package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The gradient of a loss across a zero crossing with a reset and a dose, two ways that share no
 * code beyond the jump's linearisation: forward sensitivities (S⁺ = M S⁻ + N) and the discrete
 * adjoint (segment adjoints chained by λ⁻ = Mᵀλ⁺); each against central differences of the loss.
 *
 * <p>The problem: a ball dropped from h₀, bouncing with restitution e (v ← −e·v when h falls
 * through 0), kicked upward by an amount k at t = 2.2 (a dose into v), and a second state q' = −c·q
 * dosed with k at t = 0.7; the loss a weighted sum of squares of h and q at ten times.
 */
class EventAdjointTest {
    static final double[] P = {0.8, 9.81, 10, 3, 0.4}; // e, g, h0, k, c
    static final double[] TIMES = {0.5, 1.0, 1.5, 2.0, 2.2, 2.5, 3.0, 3.5, 4.0, 4.5};
    static final SolverOptions O = SolverOptions.DEFAULT.withTolerances(1e-12, 1e-12).withMethod(Method.DOPRI5);

    static HybridProblem kickedBall() {
        OdeProblem problem = OdeProblem.builder().states("h", "v", "q").parameters("e", "g", "h0", "k", "c")
                .rhs((t, y, p) -> new Var[] {y[1], p[1].neg(), p[4].mul(y[2]).neg()})
                .initial(p -> new Var[] {p[2], p[2].mul(0), p[2].mul(0).add(1)}).build();
        return HybridProblem.of(problem)
                .with(Event.when((t, y, p) -> y[0], -1)
                        .thenReset((t, y, p) -> new Var[] {y[0], y[1].mul(p[0]).neg(), y[2]}))
                .with(Event.dose("v", "k", 2.2))
                .with(Event.dose("q", "k", 0.7));
    }

    static final TrajectoryLoss LOSS = (ts, states, ps, dS, dP) -> {
        double v = 0;
        for (int k = 0; k < states.length; k++) {
            double r = states[k][0] - 1.0;
            double s = states[k][2] - 0.5;
            v += r * r + 3 * s * s;
            dS[k][0] = 2 * r;
            dS[k][2] = 6 * s;
        }
        return v;
    };

    @Test
    void forwardAndDiscreteAdjointAgreeAcrossABounceAndTwoDoses() {
        LossGradient f = kickedBall().gradient(P, TIMES, LOSS, SensitivityMethod.FORWARD, O);
        LossGradient a = kickedBall().gradient(P, TIMES, LOSS, SensitivityMethod.DISCRETE_ADJOINT, O);
        double[] fd = Problems.centralDifference(
                q -> kickedBall().gradient(q, TIMES, LOSS, SensitivityMethod.FORWARD, O).value(), P, 1e-6);
        assertEquals(f.value(), a.value(), 1e-12 * Math.abs(f.value()));
        for (int j = 0; j < P.length; j++) {
            double scale = Math.max(1, Math.abs(f.gradient(j)));
            assertEquals(f.gradient(j), a.gradient(j), 1e-6 * scale, "forward vs adjoint, dL/dp" + j);
            assertEquals(fd[j], f.gradient(j), 1e-5 * scale, "forward vs central differences, dL/dp" + j);
        }
    }
}
