package dev.leibniz.models.calibration;

/**
 * How derivatives of the simulated observables with respect to the parameters are obtained.
 *
 * <ul>
 *   <li>{@link #FORWARD}: integrate the P sensitivity equations S' = f_y S + f_θ beside the
 *       state; gives the full Jacobian (needed by Levenberg–Marquardt) at a cost growing with
 *       the number of parameters P.</li>
 *   <li>{@link #ADJOINT}: one backward solve of the adjoint equation gives the gradient of a
 *       scalar loss, at a cost independent of P — the right method for hundreds of
 *       parameters (a neural network inside the ODE), but no Jacobian.</li>
 *   <li>{@link #AUTO}: forward when a Jacobian is needed or P is small; adjoint otherwise.</li>
 * </ul>
 */
public enum SensitivityMethod {
    AUTO, FORWARD, ADJOINT;

    /** Above this many fitted parameters AUTO picks the adjoint for gradient-based optimizers. */
    public static final int ADJOINT_THRESHOLD = 50;

    /** The concrete method for {@code parameters} fitted parameters and {@code states} states. */
    public SensitivityMethod resolve(int parameters, int states, boolean jacobianNeeded) {
        if (this != AUTO) {
            return this;
        }
        if (jacobianNeeded) {
            return FORWARD;
        }
        // forward costs ~ (1 + P)·n per step; the adjoint ~ 2n per step plus a stored trajectory
        return parameters * Math.max(states, 1) > ADJOINT_THRESHOLD * 2 || parameters > ADJOINT_THRESHOLD ? ADJOINT
                : FORWARD;
    }
}
