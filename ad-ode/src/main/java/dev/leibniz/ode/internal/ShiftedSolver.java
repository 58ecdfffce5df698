package dev.leibniz.ode.internal;

/**
 * The implicit method's linear algebra for one system: J = ∂f/∂y evaluated at a point, the
 * matrix M = I − hγJ (or I − hγJᵀ for the adjoint) factorized, and solves with it. Dense
 * ({@link DenseShiftedSolver}) or sparse ({@link SparseShiftedSolver}), as the
 * {@link dev.leibniz.ode.JacobianStrategy} decides; {@link RhsFunction#shiftedSolver} makes one.
 */
public interface ShiftedSolver {
    /** Evaluates J at (t, y[yOff..]). */
    void update(double t, double[] y, int yOff);

    /** Factorizes M with the last J; throws {@link dev.leibniz.ode.OdeException} when singular or non-finite. */
    void factor(double hGamma, double t);

    /** Overwrites {@code b[off..off+n)} with M⁻¹ b. */
    void solve(double[] b, int off);

    /**
     * Overwrites {@code b[off..off+n)} with M⁻¹ b improved by one step of iterative refinement,
     * {@code x ← x + M⁻¹(b − M x)}, the residual summed by {@link CompensatedResidual}: the solve's
     * rounding, of order u·hγ‖J‖·|x| when hγ‖J‖ is large, drops to order u·|x|. Costs one product
     * with J and a second solve.
     */
    void solveRefined(double[] b, int off);
}
