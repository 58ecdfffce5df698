package dev.leibniz.ode;

/**
 * How to solve: the method and its settings, all with defaults ({@link #DEFAULT}). Change one
 * setting with a wither: {@code SolverOptions.DEFAULT.withTolerances(1e-8, 1e-10)}.
 *
 * <ul>
 *   <li>{@code method}: {@link Method#AUTO} by default (DOPRI5, switching to Rodas5P when the
 *       problem turns stiff; on a non-stiff problem it takes exactly DOPRI5's steps).</li>
 *   <li>{@code relativeTolerance}, {@code absoluteTolerance}: the local error of each component
 *       is kept below {@code atol + rtol·|y_i|} in the chosen {@code norm} (adaptive methods).
 *       Defaults 1e-6 and 1e-9; both must be positive and finite.</li>
 *   <li>{@code absoluteTolerances}: per-state absolute tolerances (one per state, in the order of
 *       the problem's states), overriding {@code absoluteTolerance} for the states; {@code null}
 *       (the default) for the scalar one everywhere. Sensitivities and adjoints use the scalar.</li>
 *   <li>{@code norm}: how the components' scaled errors are combined: {@link Norm#BOUNDED_RMS} by
 *       default (the RMS norm, but no component may exceed its tolerance 4 times, so one failing
 *       component cannot hide among many), {@link Norm#RMS} as in RADAU5 and DOPRI5, or
 *       {@link Norm#MAX}.</li>
 *   <li>{@code step}: the step of the fixed-step methods ({@link Method#EULER}, {@link Method#RK4});
 *       0 (the default) means (last output time − t₀)/1000. Fixed steps are shortened to land
 *       exactly on every output time.</li>
 *   <li>{@code initialStep}: first step of an adaptive method; 0 (default) picks it automatically
 *       (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4).</li>
 *   <li>{@code maxStep}: largest step, default unbounded. Steps never fall below 16 ulps of the
 *       current time (the resolution of t there), else the solve stops with a step size underflow.</li>
 *   <li>{@code maxSteps}: budget of step attempts (accepted + rejected) per solve, default 100 000;
 *       exceeding it throws {@link OdeException} ({@link OdeException.Reason#TOO_MANY_STEPS}).</li>
 *   <li>{@code sensitivitiesInErrorNorm}: with forward sensitivities, whether the sensitivities
 *       take part in the step-size control (default true). Without them the steps resolve only the
 *       state, and the sensitivities — often less smooth — can be wrong by far more than the
 *       tolerance.</li>
 *   <li>{@code maxCheckpoints}: how many states the adjoint methods keep from the forward pass
 *       (default 64). Memory is O(maxCheckpoints + steps/maxCheckpoints) states, at the price of
 *       recomputing every step once more on the backward pass. A discrete adjoint whose forward
 *       pass takes at most this many steps keeps them all (five scalars per step beside the
 *       checkpoints) and recomputes nothing.</li>
 *   <li>{@code jacobian}: how ∂f/∂y is computed and the implicit method's linear systems are
 *       solved, for the state, its sensitivities and the continuous adjoint;
 *       {@link JacobianStrategy#auto()} by default (sparse for large systems with sparse
 *       Jacobians, dense otherwise).</li>
 * </ul>
 */
public record SolverOptions(Method method, double relativeTolerance, double absoluteTolerance, double step,
                            double initialStep, double maxStep, int maxSteps, boolean sensitivitiesInErrorNorm,
                            int maxCheckpoints, JacobianStrategy jacobian, double[] absoluteTolerances, Norm norm) {

    public static final SolverOptions DEFAULT = new SolverOptions(Method.AUTO, 1e-6, 1e-9, 0.0, 0.0,
            Double.POSITIVE_INFINITY, 100_000, true, 64, JacobianStrategy.auto(), null, Norm.BOUNDED_RMS);

    /**
     * Checks every option; a bad one is an {@link OdeException} naming it (as the Java component
     * and as the command line's option) and the value given.
     */
    public SolverOptions {
        if (method == null) {
            throw new OdeException("the method must not be null");
        }
        if (!(relativeTolerance > 0) || Double.isInfinite(relativeTolerance)) {
            throw new OdeException("the relative tolerance (rtol, --rtol) must be positive and finite, got "
                    + relativeTolerance);
        }
        if (!(absoluteTolerance > 0) || Double.isInfinite(absoluteTolerance)) {
            throw new OdeException("the absolute tolerance (atol, --atol) must be positive and finite, got "
                    + absoluteTolerance);
        }
        if (absoluteTolerances != null) {
            absoluteTolerances = absoluteTolerances.clone();
            for (int i = 0; i < absoluteTolerances.length; i++) {
                if (!(absoluteTolerances[i] > 0) || Double.isInfinite(absoluteTolerances[i])) {
                    throw new OdeException("the absolute tolerance of state " + i + " (absoluteTolerances[" + i
                            + "]) must be positive and finite, got " + absoluteTolerances[i]);
                }
            }
        }
        if (norm == null) {
            throw new OdeException("the error norm must not be null (Norm.BOUNDED_RMS, Norm.RMS or Norm.MAX)");
        }
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new OdeException("the fixed step (step) must be finite and positive (or 0 for automatic), got " + step);
        }
        if (!(initialStep >= 0) || Double.isInfinite(initialStep)) {
            throw new OdeException("the initial step (initialStep) must be finite and positive (or 0 for automatic), got "
                    + initialStep);
        }
        if (!(maxStep > 0)) {
            throw new OdeException("the maximum step (maxStep, --max-step) must be positive, got " + maxStep);
        }
        if (maxSteps < 1) {
            throw new OdeException("the step budget (maxSteps, --max-steps) must be at least 1, got " + maxSteps);
        }
        if (maxCheckpoints < 2) {
            throw new OdeException("the adjoint needs at least 2 checkpoints (maxCheckpoints), got " + maxCheckpoints);
        }
        if (jacobian == null) {
            throw new OdeException("the Jacobian strategy must not be null");
        }
    }

    /** The per-state absolute tolerances (a copy), or {@code null} when the scalar one applies. */
    @Override
    public double[] absoluteTolerances() {
        return absoluteTolerances == null ? null : absoluteTolerances.clone();
    }

    public SolverOptions withMethod(Method m) {
        return new SolverOptions(m, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withTolerances(double rtol, double atol) {
        return new SolverOptions(method, rtol, atol, step, initialStep, maxStep, maxSteps, sensitivitiesInErrorNorm,
                maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    /** Per-state absolute tolerances (one per state); {@code null} goes back to the scalar one. */
    public SolverOptions withAbsoluteTolerances(double... atols) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, atols, norm);
    }

    public SolverOptions withNorm(Norm n) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, absoluteTolerances, n);
    }

    public SolverOptions withStep(double h) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, h, initialStep, maxStep, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withInitialStep(double h) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, h, maxStep, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withMaxStep(double h) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, h, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withMaxSteps(int n) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, n,
                sensitivitiesInErrorNorm, maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withSensitivitiesInErrorNorm(boolean on) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, maxSteps,
                on, maxCheckpoints, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withMaxCheckpoints(int c) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, maxSteps,
                sensitivitiesInErrorNorm, c, jacobian, absoluteTolerances, norm);
    }

    public SolverOptions withJacobian(JacobianStrategy j) {
        return new SolverOptions(method, relativeTolerance, absoluteTolerance, step, initialStep, maxStep, maxSteps,
                sensitivitiesInErrorNorm, maxCheckpoints, j, absoluteTolerances, norm);
    }
}
