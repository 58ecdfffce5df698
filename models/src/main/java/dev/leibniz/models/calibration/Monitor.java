package dev.leibniz.models.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The channel between an {@link Optimizer} and whoever watches it: the optimizer reports each
 * iteration ({@link #iteration}), the monitor keeps the loss history and the best point, tells
 * the {@link ProgressListener}, publishes an immutable {@link Progress} snapshot, and stops the
 * run cooperatively when asked to.
 *
 * <p><b>Stopping.</b> When the stop condition holds (the calibrator's {@code stopWhen} supplier
 * returns true, or the running thread has been interrupted) the next {@link #iteration} or
 * {@link #checkStop} call unwinds the optimizer with an internal signal that the calibrator
 * catches; it then reports the best point seen so far with {@code converged = false} and reason
 * {@code "interrupted"}. Optimizers need no code of their own for this, only to call the
 * monitor: after every iteration, and (for prompt response) inside long stretches such as line
 * searches. The interrupt flag is read, not cleared, so the caller can still see it.
 *
 * <p>Not thread-safe itself: it lives on the thread that runs the fit. The snapshots it
 * publishes are immutable and may be read from any thread.
 */
public final class Monitor {
    private final Objective objective;
    private final List<String> names;
    private final ProgressListener listener;
    private final BooleanSupplier stopRequested;
    private final Consumer<Progress> publish;
    private double[] history = new double[16];
    private int reported;
    private double[] bestPoint;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestIteration = -1;

    Monitor(Objective objective, List<String> names, ProgressListener listener, BooleanSupplier stopRequested,
            Consumer<Progress> publish) {
        this.objective = objective;
        this.names = names;
        this.listener = listener;
        this.stopRequested = stopRequested;
        this.publish = publish;
    }

    /** A monitor that only records (no listener, never stops): for calling an optimizer directly. */
    public static Monitor none() {
        return new Monitor(null, List.of(), null, null, null);
    }

    /**
     * Reports that iteration {@code k} is complete (0 for the starting point), with the loss at
     * the optimizer's current free coordinates {@code u}; then stops the run if a stop was
     * requested. Iterations must be reported in order 0, 1, 2, ….
     */
    public void iteration(int k, double loss, double[] u) {
        if (k != reported) {
            throw new dev.leibniz.core.LeibnizException("optimizer protocol: iteration " + k
                    + " reported after iteration " + (reported - 1) + " (iterations must be reported in order from 0)");
        }
        if (reported == history.length) {
            history = Arrays.copyOf(history, 2 * history.length);
        }
        history[reported++] = loss;
        if (loss < bestLoss || bestPoint == null) {
            bestLoss = loss;
            bestPoint = u.clone();
            bestIteration = k;
        }
        if (objective != null && (listener != null || publish != null)) {
            Progress p = new Progress(k, loss, objective.theta(u), bestIteration, bestLoss, objective.theta(bestPoint),
                    names);
            if (publish != null) {
                publish.accept(p);
            }
            if (listener != null) {
                listener.onIteration(p);
            }
        }
        checkStop();
    }

    /**
     * Stops the run if a stop was requested; does nothing before the starting point has been
     * reported (there is no best point to return yet).
     */
    public void checkStop() {
        if (reported > 0 && stopRequested()) {
            throw new Stop();
        }
    }

    private boolean stopRequested() {
        return Thread.currentThread().isInterrupted() || (stopRequested != null && stopRequested.getAsBoolean());
    }

    /** The losses reported so far, iteration 0 first. */
    public double[] history() {
        return Arrays.copyOf(history, reported);
    }

    /** The number of iterations completed (the last reported index), or −1 before the start was reported. */
    public int iterations() {
        return reported - 1;
    }

    /** The free coordinates with the lowest reported loss (null before the start was reported). */
    public double[] bestPoint() {
        return bestPoint == null ? null : bestPoint.clone();
    }

    public double bestLoss() {
        return bestLoss;
    }

    /** What an interrupted run found: the best point so far, not converged, reason "interrupted". */
    Optimizer.Optimization interrupted() {
        return new Optimizer.Optimization(bestPoint(), iterations(), false, "interrupted", history());
    }

    /**
     * The signal that unwinds an optimizer when a stop was requested. Not an error and never seen
     * by users: the calibrator catches it. No stack trace (it is control flow).
     */
    static final class Stop extends RuntimeException {
        Stop() {
            super("calibration stopped on request", null, false, false);
        }
    }
}
