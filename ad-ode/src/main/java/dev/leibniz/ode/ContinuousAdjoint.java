package dev.leibniz.ode;

/** Continuous adjoint (backward adjoint ODE); see {@link SensitivityMethod#CONTINUOUS_ADJOINT}. */
final class ContinuousAdjoint {
    private ContinuousAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        throw new OdeException("the continuous adjoint is not implemented yet; use SensitivityMethod.FORWARD");
    }
}
