package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.StateSystem;

/**
 * The entry point: solve an {@link OdeProblem}, get the sensitivities of its solution, or the
 * gradient of a loss on it. Strategies are arguments with defaults: the method and its
 * tolerances in {@link SolverOptions}, the differentiation mode in {@link SensitivityMethod}.
 * <pre>{@code
 * Solution s = Ode.solve(problem, params, new double[] {0, 1, 2});
 * LossGradient g = Ode.gradient(problem, params, times, TrajectoryLoss.sumOfSquares(data),
 *                               SensitivityMethod.AUTO, SolverOptions.DEFAULT);
 * }</pre>
 * Output times must be non-decreasing and not before t₀; the first may equal t₀. Every failure
 * is an {@link OdeException}.
 */
public final class Ode {
    private Ode() {
    }

    /** Solves with {@link SolverOptions#DEFAULT} (Dormand–Prince 5(4), rtol 1e-6, atol 1e-9). */
    public static Solution solve(OdeProblem problem, double[] params, double[] outputTimes) {
        return solve(problem, params, outputTimes, SolverOptions.DEFAULT);
    }

    /** The states at the output times. */
    public static Solution solve(OdeProblem problem, double[] params, double[] outputTimes, SolverOptions options) {
        Setup s = new Setup(problem, params, outputTimes, options);
        StateSystem sys = new StateSystem(s.f, s.states);
        Integrator integ = s.integrator(sys, s.stepper(sys), s.initialState(), s.n);
        return s.solution(integ.run());
    }

    /**
     * The solution and its sensitivities ∂y(t_k)/∂p (total, through y₀(p) too) and ∂y(t_k)/∂y₀, by
     * forward sensitivities (see {@link SensitivityMethod#FORWARD} for cost and accuracy).
     */
    public static Sensitivities forwardSensitivities(OdeProblem problem, double[] params, double[] outputTimes,
                                                     SolverOptions options) {
        return ForwardSensitivity.solve(new Setup(problem, params, outputTimes, options));
    }

    /** The gradient of a loss on the solution, by {@link SensitivityMethod#AUTO} with default options. */
    public static LossGradient gradient(OdeProblem problem, double[] params, double[] outputTimes, TrajectoryLoss loss) {
        return gradient(problem, params, outputTimes, loss, SensitivityMethod.AUTO, SolverOptions.DEFAULT);
    }

    /**
     * The loss L(y(t₁), …, y(t_K), p) and its gradient with respect to p (total) and y₀.
     *
     * @param method how to differentiate; see {@link SensitivityMethod} for the costs
     */
    public static LossGradient gradient(OdeProblem problem, double[] params, double[] outputTimes, TrajectoryLoss loss,
                                        SensitivityMethod method, SolverOptions options) {
        if (loss == null) {
            throw new OdeException("the loss is null");
        }
        if (method == null) {
            throw new OdeException("the sensitivity method is null");
        }
        Setup s = new Setup(problem, params, outputTimes, options);
        SensitivityMethod m = method == SensitivityMethod.AUTO ? choose(s) : method;
        return switch (m) {
            case FORWARD -> ForwardSensitivity.gradient(s, loss);
            case DISCRETE_ADJOINT -> DiscreteAdjoint.gradient(s, loss);
            case CONTINUOUS_ADJOINT -> ContinuousAdjoint.gradient(s, loss);
            case AUTO -> throw new IllegalStateException();
        };
    }

    /**
     * The rule of {@link SensitivityMethod#AUTO}: the discrete adjoint, measured the cheapest exact
     * gradient with every method at 6 lanes as at 20 (see {@link SensitivityMethod#AUTO}) — except
     * the order-2 Rosenbrock method up to 8 lanes p + n, where forward sensitivities are cheaper.
     */
    static SensitivityMethod choose(Setup s) {
        Method m = s.options.method();
        return m == Method.ROSENBROCK && s.p + s.n <= 8 ? SensitivityMethod.FORWARD : SensitivityMethod.DISCRETE_ADJOINT;
    }
}
