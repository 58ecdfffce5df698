package dev.leibniz.core.optim;

/** Validation of hyperparameters, with messages that name the optimizer and the quantity. */
final class Checks {
    private Checks() {
    }

    static double positive(String owner, String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new OptimizationException(owner + ": " + what + " must be positive and finite, got " + v);
        }
        return v;
    }

    static double nonNegative(String owner, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new OptimizationException(owner + ": " + what + " must be non-negative and finite, got " + v);
        }
        return v;
    }

    /** A decay rate β ∈ [0, 1): β = 1 would never forget (and divide by 1 − βᵗ = 0 in Adam). */
    static double decay(String owner, String what, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new OptimizationException(owner + ": " + what + " must lie in [0, 1), got " + v);
        }
        return v;
    }

    static int atLeast(String owner, String what, int v, int min) {
        if (v < min) {
            throw new OptimizationException(owner + ": " + what + " must be at least " + min + ", got " + v);
        }
        return v;
    }
}
