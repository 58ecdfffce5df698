package dev.leibniz.ode;

/** Discrete adjoint (reverse mode through the solver's steps); see {@link SensitivityMethod#DISCRETE_ADJOINT}. */
final class DiscreteAdjoint {
    private DiscreteAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        throw new OdeException("the discrete adjoint is not implemented yet; use SensitivityMethod.FORWARD");
    }
}
