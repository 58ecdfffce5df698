/**
 * ODE solvers whose solutions are differentiable.
 *
 * <p>An {@link dev.leibniz.ode.OdeProblem} is y' = f(t, y, p), y(t₀) = y₀(p) with f an ad-core
 * graph. {@link dev.leibniz.ode.Ode} is the one entry point:
 * <ul>
 *   <li>{@link dev.leibniz.ode.Ode#solve} — the states at the output times
 *       ({@link dev.leibniz.ode.Solution});</li>
 *   <li>{@link dev.leibniz.ode.Ode#forwardSensitivities} — the states and ∂y(t_k)/∂p, ∂y(t_k)/∂y₀
 *       ({@link dev.leibniz.ode.Sensitivities}), e.g. for Gauss–Newton residual Jacobians;</li>
 *   <li>{@link dev.leibniz.ode.Ode#gradient} — a {@link dev.leibniz.ode.TrajectoryLoss} and its
 *       gradient ({@link dev.leibniz.ode.LossGradient}) by forward sensitivities, the discrete
 *       adjoint or the continuous adjoint ({@link dev.leibniz.ode.SensitivityMethod}).</li>
 * </ul>
 * Strategies are arguments with defaults ({@link dev.leibniz.ode.SolverOptions}). The methods are
 * a registry ({@link dev.leibniz.ode.Method}) whose constants say their order, adaptivity and
 * stiffness: explicit Runge–Kutta methods as data ({@link dev.leibniz.ode.ButcherTableau}: Euler,
 * RK4, Bogacki–Shampine 3(2), Dormand–Prince 5(4), Tsitouras 5(4), the adaptive ones with PI step
 * control and dense output) over one engine, and a Rosenbrock method for stiff problems whose linear systems use ∂f/∂y from a
 * {@link dev.leibniz.ode.JacobianStrategy}: dense, or — for large systems with sparse Jacobians,
 * chosen automatically — compressed by column coloring (ad-sparse) and solved by sparse LU. Failures are {@link dev.leibniz.ode.OdeException}s
 * naming the time, the step and the first non-finite component.
 *
 * <p>Forward-mode derivatives (sensitivity right-hand sides, dense Jacobians, ∂f/∂t) are
 * ad-forward's k-lane tangent sweeps ({@code dev.leibniz.forward.ForwardProgram}).
 */
package dev.leibniz.ode;
