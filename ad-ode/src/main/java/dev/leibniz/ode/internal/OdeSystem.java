package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * A first-order system u' = F(t, u) on flat arrays, as the steppers see it: the state equation,
 * the state augmented with its sensitivities, or an adjoint equation.
 */
public interface OdeSystem {
    int dimension();

    /** du = F(t, u); both arrays have length {@link #dimension()}. */
    void derivative(double t, double[] u, double[] du);

    /** A readable name of component i, for error messages. */
    String componentName(int i);

    /** Which failure a non-finite component i is. */
    default OdeException.Reason nonFiniteReason(int i) {
        return OdeException.Reason.NON_FINITE_STATE;
    }

    /** The linearization the implicit method needs; {@code null} when the system has none. */
    default Linearization linearization() {
        return null;
    }

    /**
     * The state Jacobian J = ∂f/∂y in dense form, for a method that builds and factors its own
     * matrices (RADAU5, whose complex system {@code (α + iβ)/h·I − J} no {@link Linearization}
     * offers); {@code null} when the system has none.
     */
    default StateJacobian stateJacobian() {
        return null;
    }

    /**
     * ∂F/∂u approximated block-diagonally as I ⊗ J: the system's components form {@link #blocks()}
     * blocks of the n states each (the state itself, then one block per sensitivity lane), and
     * every block is driven by the state Jacobian J. Exact for the state equation; for the
     * variational equations it leaves out the coupling ∂(J s)/∂y, which a simplified Newton
     * iteration does not need (it changes the rate of convergence, not the converged solution).
     */
    interface StateJacobian {
        /** n, the number of states. */
        int states();

        /** Number of blocks of n components. */
        int blocks();

        /** Where component i of block b lives in the system's vector. */
        int index(int block, int i);

        /** Writes J = ∂f/∂y (row-major n×n) at (t, u). */
        void evaluate(double t, double[] u, double[] jac);

        /** The work counters, to count the method's factorizations. */
        Counters counters();

        /** The compiled f behind J, for a sparse J and LU; null when there is none. */
        default RhsFunction function() {
            return null;
        }
    }

    /**
     * The Jacobian of F (or, for a W-method, an approximation of it) in factored form:
     * {@code M = I − hγ·J}.
     */
    interface Linearization {
        /** Evaluates J at (t, u). */
        void update(double t, double[] u);

        /** Factorizes M = I − hγ J with the last J; throws {@link OdeException} when singular. */
        void factorize(double hGamma, double t);

        /** Overwrites r with M⁻¹ r. */
        void solve(double[] r);

        /**
         * Overwrites r with M⁻¹ r, refined once against a compensated residual (see
         * {@link ShiftedSolver#solveRefined}) where the linearization offers it; a plain
         * {@link #solve} otherwise.
         */
        default void solveRefined(double[] r) {
            solve(r);
        }

        /** ∂F/∂t at (t, u). */
        void timeDerivative(double t, double[] u, double[] out);
    }
}
