package dev.leibniz.models.calibration;

/**
 * How far a simulated value μ is from an observation y, summed over all observed cells with a
 * per-column weight w: {@code L = Σ w·ℓ(μ, y)}. A least-squares loss also has a residual form
 * {@code ℓ = ρ(μ, y)²}, which Levenberg–Marquardt needs; the others are minimized with their
 * gradient. The three standard choices are in {@link Losses}.
 */
public interface Loss {
    /** Short name for messages and results ("sum of squares"). */
    String name();

    /** ℓ(μ, y) of one observation. */
    double value(double model, double observed);

    /** ∂ℓ/∂μ. */
    double derivative(double model, double observed);

    /** True when ℓ = ρ², so the loss is a sum of squared residuals. */
    boolean isLeastSquares();

    /** ρ(μ, y) with ℓ = ρ²; only for least-squares losses. */
    double residual(double model, double observed);

    /** ∂ρ/∂μ; only for least-squares losses. */
    double residualDerivative(double model, double observed);

    /**
     * Null if {@code observed} is admissible for this loss, else why not (a log needs positive
     * data, a Poisson count must be ≥ 0).
     */
    String checkObservation(double observed);
}
