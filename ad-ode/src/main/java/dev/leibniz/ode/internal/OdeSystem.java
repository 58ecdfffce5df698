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

        /** ∂F/∂t at (t, u). */
        void timeDerivative(double t, double[] u, double[] out);
    }
}
