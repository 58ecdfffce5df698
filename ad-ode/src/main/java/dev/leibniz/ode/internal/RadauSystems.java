package dev.leibniz.ode.internal;

/**
 * RADAU5's two linear systems, E₁ = γ/h·I − J and E₂ = (α + iβ)/h·I − J (as the real 2n×2n
 * matrix [[α/h·I − J, −β/h·I], [β/h·I, α/h·I − J]]), with the J they are built from: dense
 * ({@link RadauDenseSystems}) or sparse ({@link RadauSparseSystems}). {@link Radau5} evaluates J,
 * factors both systems once per step size and solves with them every Newton iteration, without
 * knowing which storage holds them.
 */
abstract class RadauSystems {
    /** J at (t, u), kept until the next evaluation. */
    abstract void evaluate(double t, double[] u);

    /**
     * Builds and factors E₁ and E₂ from the current J.
     *
     * @param fac1  γ/h
     * @param alphn α/h
     * @param betan β/h
     * @param t     the time, for a singular matrix's error message
     * @param h     the step size, likewise
     */
    abstract void factor(double fac1, double alphn, double betan, double t, double h);

    /** b ← E₁⁻¹ b (n values). */
    abstract void solveReal(double[] b);

    /** b ← E₂⁻¹ b, b = (re, im) as 2n values. */
    abstract void solveComplex(double[] b);

    /** J's stored values (all n² dense, or the nonzeros), which a checkpoint keeps and restores in place. */
    abstract double[] jacobianValues();

    /** The number of {@link #jacobianValues()}. */
    abstract int jacobianSize();
}
