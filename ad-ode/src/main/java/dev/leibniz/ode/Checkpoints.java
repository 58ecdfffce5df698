package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass of the adjoint methods, with checkpointing under a fixed budget C
 * ({@link SolverOptions#maxCheckpoints()}). A checkpoint is the driver's whole state
 * ({@link Integrator.Snapshot}: t, y, proposed step, controller memory, cached first stage), taken
 * every K accepted steps. When more than C are held, every other one is dropped and K doubles, so
 * at most C are ever kept and a segment between two holds at most 2N/C steps (N steps in all) —
 * without knowing N in advance. On the backward pass each segment is replayed from its
 * checkpoint; the replay is the same deterministic computation, so it retraces the forward
 * steps bit for bit.
 *
 * <p>Memory: C + 2N/C state vectors (least for C ≈ √(2N)) instead of N; work: every step once more.
 * When the caller can afford the N step records themselves ({@link #run(StepRecord, int)}), it
 * keeps them during the forward pass and skips the replay.
 */
final class Checkpoints {
    private final Integrator integ;
    private final List<Integrator.Snapshot> snaps = new ArrayList<>();
    private final int budget;
    private int interval = 1;
    private int steps;
    private int replayed;
    private StepRecord kept;

    Checkpoints(Integrator integ, int budget) {
        this.integ = integ;
        this.budget = budget;
    }

    /** Runs the forward pass to the last output time, keeping checkpoints; returns the outputs. */
    double[][] run() {
        return run(null, 0);
    }

    /**
     * Runs the forward pass like {@link #run()}, and also keeps every accepted step's record in
     * {@code record} (its start time, size, end time, start state and outputs, in order) as long
     * as at most {@code maxRecords} steps have been taken. If the whole pass fits,
     * {@link #keptAllSteps()} is true and the backward pass reads the steps from {@code record}
     * with no replay; once a step more is taken the record is cleared and no longer fed, and the
     * checkpoints, taken all along, serve the replay as before. The kept steps are the very
     * values a replay would recompute (the replay retraces the forward pass bit for bit), so the
     * gradient does not depend on which way it went.
     *
     * <p>Memory: while every step is kept, a checkpoint is taken at every step (the interval
     * only grows past C checkpoints, and {@code maxRecords} should be at most C), so a kept
     * step's start state is its checkpoint's state, shared, not copied: keeping adds five
     * scalars per step (t, h, t_new and the outputs covered), no state vector.
     */
    double[][] run(StepRecord record, int maxRecords) {
        return run(record, maxRecords, record);
    }

    /**
     * {@link #run(StepRecord, int)} with {@code observer} installed on the integrator instead of
     * the record itself: an observer that notes something more about each step (which method made
     * it) and then feeds {@code record}.
     */
    double[][] run(StepRecord record, int maxRecords, Integrator.StepObserver observer) {
        StepRecord keeping = record;
        if (keeping != null) {
            keeping.clear();
            keeping.copyStart = false;
            integ.setObserver(observer);
        }
        try {
            snaps.add(integ.snapshot());
            while (!integ.finished()) {
                integ.advance();
                int j = integ.step();
                if (keeping != null && (keeping.count > maxRecords || interval > 1)) {
                    // too many steps to keep: back to checkpoints and replay (which copies states)
                    integ.setObserver(null);
                    keeping.clear();
                    keeping.copyStart = true;
                    keeping = null;
                }
                if (!integ.finished() && j % interval == 0) {
                    snaps.add(integ.snapshot());
                    if (snaps.size() > budget) {
                        thin();
                    }
                }
            }
        } finally {
            integ.setObserver(null);
        }
        steps = integ.step();
        kept = keeping;
        if (kept != null) {
            // checkpoint m was taken at the start of step m (one per step: the interval never grew)
            for (int m = 0; m < kept.count; m++) {
                Integrator.Snapshot at = snaps.get(m);
                if (at.step() != m) {
                    throw new IllegalStateException("checkpoint " + m + " is at step " + at.step());
                }
                kept.share(m, at.y());
            }
            kept.copyStart = true;
        }
        return integ.outputs();
    }

    /** Whether {@link #run(StepRecord, int)} kept every step, so that no segment needs a replay. */
    boolean keptAllSteps() {
        return kept != null;
    }

    private void thin() {
        interval *= 2;
        List<Integrator.Snapshot> kept = new ArrayList<>();
        for (Integrator.Snapshot s : snaps) {
            if (s.step() % interval == 0) {
                kept.add(s);
            }
        }
        snaps.clear();
        snaps.addAll(kept);
    }

    int segments() {
        return snaps.size();
    }

    int totalSteps() {
        return steps;
    }

    int held() {
        return snaps.size();
    }

    /** First step index of segment i. */
    int segmentStart(int i) {
        return snaps.get(i).step();
    }

    /** One past the last step index of segment i. */
    int segmentEnd(int i) {
        return i + 1 < snaps.size() ? snaps.get(i + 1).step() : steps;
    }

    /** Replays segment i through the observer. */
    void replay(int i, Integrator.StepObserver observer) {
        integ.restore(snaps.get(i));
        integ.setObserver(observer);
        int end = segmentEnd(i);
        try {
            while (integ.step() < end) {
                integ.advance();
                replayed++;
            }
        } finally {
            integ.setObserver(null);
        }
    }

    int replayedSteps() {
        return replayed;
    }
}
