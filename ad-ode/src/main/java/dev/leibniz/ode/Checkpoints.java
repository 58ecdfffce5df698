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
 */
final class Checkpoints {
    private final Integrator integ;
    private final List<Integrator.Snapshot> snaps = new ArrayList<>();
    private final int budget;
    private int interval = 1;
    private int steps;
    private int replayed;

    Checkpoints(Integrator integ, int budget) {
        this.integ = integ;
        this.budget = budget;
    }

    /** Runs the forward pass to the last output time, keeping checkpoints; returns the outputs. */
    double[][] run() {
        snaps.add(integ.snapshot());
        while (!integ.finished()) {
            integ.advance();
            int j = integ.step();
            if (!integ.finished() && j % interval == 0) {
                snaps.add(integ.snapshot());
                if (snaps.size() > budget) {
                    thin();
                }
            }
        }
        steps = integ.step();
        return integ.outputs();
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
