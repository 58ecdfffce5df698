package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;

/**
 * The accepted steps of one replayed segment: per step its start time, size, end time, the
 * state at its start and the outputs it covers. Arrays grow to the longest segment and are then
 * reused, so the backward pass allocates per segment length, not per step.
 */
final class StepRecord implements Integrator.StepObserver {
    private final int dim;
    int count;
    double[] t = new double[16];
    double[] h = new double[16];
    double[] tNew = new double[16];
    int[] outFrom = new int[16];
    int[] outTo = new int[16];
    double[][] y = new double[16][];
    double[][] yEnd;
    private final boolean keepEnd;
    int peak;
    /**
     * Whether {@link #onStep} copies the start state; off while {@link Checkpoints} keeps the
     * forward pass's steps, whose start states are its checkpoints' (filled in by {@link #share}).
     */
    boolean copyStart = true;

    StepRecord(int dim, boolean keepEnd) {
        this.dim = dim;
        this.keepEnd = keepEnd;
        this.yEnd = keepEnd ? new double[16][] : null;
    }

    void clear() {
        count = 0;
    }

    /** Step m starts from {@code start}, an array held elsewhere (a checkpoint's state), not copied. */
    void share(int m, double[] start) {
        y[m] = start;
    }

    @Override
    public void onStep(double t0, double hh, double t1, double[] y0, double[] y1, int from, int to) {
        if (count == t.length) {
            int c = 2 * count;
            t = java.util.Arrays.copyOf(t, c);
            h = java.util.Arrays.copyOf(h, c);
            tNew = java.util.Arrays.copyOf(tNew, c);
            outFrom = java.util.Arrays.copyOf(outFrom, c);
            outTo = java.util.Arrays.copyOf(outTo, c);
            y = java.util.Arrays.copyOf(y, c);
            if (keepEnd) {
                yEnd = java.util.Arrays.copyOf(yEnd, c);
            }
        }
        t[count] = t0;
        h[count] = hh;
        tNew[count] = t1;
        outFrom[count] = from;
        outTo[count] = to;
        if (copyStart) {
            if (y[count] == null || y[count].length != dim) {
                y[count] = new double[dim];
            }
            System.arraycopy(y0, 0, y[count], 0, dim);
        }
        if (keepEnd) {
            if (yEnd[count] == null) {
                yEnd[count] = new double[dim];
            }
            System.arraycopy(y1, 0, yEnd[count], 0, dim);
        }
        count++;
        peak = Math.max(peak, count);
    }
}
