package dev.leibniz.ode;

/**
 * How {@link Ode#gradient} differentiates a loss on the solution. With n states, p parameters
 * and N steps:
 *
 * <table>
 * <caption>cost and memory</caption>
 * <tr><th>method</th><th>work</th><th>memory</th><th>gradient of</th></tr>
 * <tr><td>{@link #FORWARD}</td><td>N steps of a system of n(1 + p + n) equations: ≈ (1 + p + n)
 *   evaluations of f per stage</td><td>O(n(p + n))</td><td>the computed solution of the augmented
 *   system (equal to the state's gradient to the tolerance)</td></tr>
 * <tr><td>{@link #DISCRETE_ADJOINT}</td><td>forward solve, every step replayed from its
 *   checkpoint, its stages recomputed, one VJP per stage: ≈ 3 forward solves plus N·s VJPs
 *   (about 5–6 forward solves in all), independent of p</td><td>O(n · (C + 2N/C)) for C
 *   checkpoints</td><td>exactly the computed solution</td></tr>
 * <tr><td>{@link #CONTINUOUS_ADJOINT}</td><td>forward solve + replay + a backward solve of n + p
 *   equations with its own steps, one VJP per stage; independent of p</td><td>O(n · (C + (1 + s)·2N/C))
 *   (each replayed step keeps its interpolant)</td><td>the exact solution, to the tolerance</td></tr>
 * </table>
 */
public enum SensitivityMethod {
    /**
     * Picks the cheapest exact method: {@link #DISCRETE_ADJOINT} (every method has one), except
     * {@link #FORWARD} for the order-2 {@link Method#ROSENBROCK} when the number of sensitivity
     * lanes p + n is at most 8. Measured (minimum of 7–8 wall times, side by side, rtol 1e-6):
     * Robertson with its 3 log rates (6 lanes), Rodas5P forward 0.86 ms, discrete adjoint 0.67 ms,
     * continuous adjoint 1.16 ms, ROSENBROCK 8.3 / 10.4 / 24.2 ms; POLLU's 20 initial states,
     * Rodas5P 59 / 5.2 / 7.7 ms, ROSENBROCK 245 / 25.8 / 30.1 ms; Lotka–Volterra (6 lanes, DOPRI5)
     * discrete 143 µs against forward 269 µs (docs/benchmarks.md).
     */
    AUTO,
    /**
     * Forward sensitivities: S = ∂y/∂(p, y₀) solved alongside the state, S' = (∂f/∂y)S + ∂f/∂p,
     * by JVPs of f. Cost grows linearly with p + n, memory does not grow with the steps. Choose it
     * for few parameters, when you also need the full sensitivity matrices (Gauss–Newton), or for
     * stiff problems with few parameters. With {@link SolverOptions#sensitivitiesInErrorNorm()}
     * (the default) the step control sees S too, so the gradient is as accurate as the state.
     */
    FORWARD,
    /**
     * Discrete adjoint: reverse mode through the solver's own accepted steps — the adjoint of
     * each Runge–Kutta step, stage by stage, with VJPs of f; step sizes are treated as constants.
     * The result is the exact gradient of the numbers the solver computed, which makes it the
     * right choice for optimization against the computed solution and for checking. Cost is
     * independent of p; memory is bounded by checkpointing ({@link SolverOptions#maxCheckpoints()}),
     * at the price of recomputing each step once. For every method: the explicit ones, Rodas5P,
     * Rodas4, the order-2 Rosenbrock method, RADAU5 and {@link Method#AUTO} (the explicit steps' and
     * the stiff steps' adjoints chained at the switch).
     */
    DISCRETE_ADJOINT,
    /**
     * Continuous adjoint: the adjoint equation λ' = −(∂f/∂y)ᵀλ, μ' = −(∂f/∂p)ᵀλ solved backward
     * from the last output time, with jumps λ += ∂L/∂y(t_k) at the output times, and the forward
     * solution recomputed segment by segment from checkpoints with dense output (not by the
     * unstable backward integration of the state). Cost is independent of p and the backward
     * solve has its own error control; its gradient matches the exact one to the tolerance,
     * not the computed solution's — optimizers may see a slight inconsistency between loss and
     * gradient at loose tolerances. Choose it for many parameters with the implicit method, or
     * when the backward problem needs fewer steps than the forward.
     */
    CONTINUOUS_ADJOINT
}
