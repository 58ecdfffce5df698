package dev.leibniz.models.calibration;

/**
 * Told about every iteration of a calibration, for progress output. Called on the thread that
 * runs {@link Calibrator#fit()}, once for the starting point (iteration 0) and once after each
 * iteration, before the stop request is checked. What one iteration is depends on the
 * optimizer: an accepted line-search step (L-BFGS, gradient descent), one update (Adam), one
 * accepted trust-region step (Levenberg–Marquardt). A listener that throws aborts the fit with
 * its exception.
 */
@FunctionalInterface
public interface ProgressListener {
    void onIteration(Progress progress);
}
