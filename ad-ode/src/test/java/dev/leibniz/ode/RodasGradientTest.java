package dev.leibniz.ode;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * Gradients through Rodas5P: the loss on Robertson's problem with respect to its three log rate
 * constants, by forward sensitivities and by the continuous adjoint, agree to 1e-6 relative, and
 * both match central finite differences of the solver itself.
 */
class RodasGradientTest {
    /** Robertson with rates k_j = exp(θ_j). */
    static OdeProblem logRobertson() {
        return OdeProblem.builder().states("y1", "y2", "y3").parameters("logk1", "logk2", "logk3")
                .rhs((t, y, p) -> {
                    Var r1 = p[0].exp().mul(y[0]);
                    Var r2 = p[1].exp().mul(y[1].square());
                    Var r3 = p[2].exp().mul(y[1]).mul(y[2]);
                    return new Var[] {r3.sub(r1), r1.sub(r3).sub(r2), r2};
                }).initial(1, 0, 0).build();
    }

    static final double[] THETA = {Math.log(0.04), Math.log(3e7), Math.log(1e4)};
    static final double[] TIMES = {0.4, 4, 40, 400};

    /** L = Σ_k (y1(t_k) + 1e4 y2(t_k) + y3(t_k)²)… a smooth loss that weighs the tiny y2 as much as the others. */
    static final TrajectoryLoss LOSS = (times, states, params, dStates, dParams) -> {
        double l = 0;
        for (int k = 0; k < times.length; k++) {
            l += states[k][0] + 1e4 * states[k][1] + states[k][2] * states[k][2];
            dStates[k][0] = 1;
            dStates[k][1] = 1e4;
            dStates[k][2] = 2 * states[k][2];
        }
        return l;
    };

    @Test
    void forwardAndAdjointAgreeToOneInAMillion() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RODAS5P).withTolerances(1e-10, 1e-14);
        LossGradient fwd = Ode.gradient(logRobertson(), THETA, TIMES, LOSS, SensitivityMethod.FORWARD, o);
        LossGradient adj = Ode.gradient(logRobertson(), THETA, TIMES, LOSS, SensitivityMethod.CONTINUOUS_ADJOINT, o);
        System.out.println("Robertson d L / d log k by Rodas5P: forward " + java.util.Arrays.toString(fwd.gradient())
                + " (" + fwd.statistics() + "); adjoint " + java.util.Arrays.toString(adj.gradient()) + " ("
                + adj.statistics() + ")");
        Problems.assertClose(fwd.gradient(), adj.gradient(), 1e-6, "forward vs adjoint");
        // The backward solve linearizes the whole adjoint system, μ row included (AdjointSystem):
        // without it the Rodas error estimate misjudges μ and the backward solve takes many
        // times the forward steps.
        org.junit.jupiter.api.Assertions.assertTrue(adj.statistics().backwardSteps() <= 4 * adj.statistics().steps(),
                "backward steps " + adj.statistics().backwardSteps() + " for " + adj.statistics().steps() + " forward");
        double[] fd = Problems.centralDifference(th -> {
            double[][] y = Ode.solve(logRobertson(), th, TIMES, o.withTolerances(1e-12, 1e-16)).states();
            double[][] d = new double[y.length][3];
            return LOSS.evaluate(TIMES, y, th, d, new double[3]);
        }, THETA, 1e-5);
        Problems.assertClose(fd, fwd.gradient(), 1e-5, "forward vs central differences");
    }
}
