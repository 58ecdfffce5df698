package dev.leibniz.ode;

/**
 * The integration method of {@link Ode#solve}. The explicit Runge–Kutta methods are data
 * ({@link ButcherTableau}) run by one engine; the implicit one is for stiff problems.
 */
public enum Method {
    /** Explicit Euler, order 1, fixed step {@link SolverOptions#step()}. For teaching and tests. */
    EULER,
    /** The classic Runge–Kutta method, order 4, fixed step {@link SolverOptions#step()}. */
    RK4,
    /**
     * Dormand–Prince 5(4) with adaptive steps (PI control) and 4th-order dense output; the default
     * for non-stiff problems. Cost per step: 6 evaluations of f (7 stages, first same as last).
     */
    DOPRI5,
    /**
     * Rosenbrock method of Shampine &amp; Reichelt (MATLAB's ode23s), order 2 with an order-3 error
     * estimate, L-stable, adaptive. Each step solves three linear systems with one LU factorization
     * of {@code I − hγJ}, J = ∂f/∂y; no Newton iteration is needed because the method is linearly
     * implicit. Choose it for stiff problems (widely separated time scales), where an explicit method
     * needs a step of the size of the fastest scale for stability alone.
     */
    ROSENBROCK;

    /** True for the explicit Runge–Kutta methods. */
    public boolean isExplicit() {
        return this != ROSENBROCK;
    }

    /** True when the step size is chosen by error control rather than fixed. */
    public boolean isAdaptive() {
        return this == DOPRI5 || this == ROSENBROCK;
    }
}
