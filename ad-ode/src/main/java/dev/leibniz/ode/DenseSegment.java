package dev.leibniz.ode;

import dev.leibniz.ode.internal.AdjointSystem;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.Stepper;

/**
 * One replayed segment of the forward solution with each step's interpolant kept (the stepper's
 * own dense output: the tableau's continuous extension for the adaptive Runge–Kutta methods, the
 * Rosenbrock interpolant, or cubic Hermite for the fixed-step tableaux), so the continuous adjoint can ask for y(t) at any time in
 * the segment. Memory: (1 + stages) n per step of the segment. Lookup is a binary search with
 * the last hit cached (the backward solve moves monotonically).
 */
final class DenseSegment implements Integrator.StepObserver, AdjointSystem.Trajectory {
    private final Stepper stepper;
    private final int dim;
    private final int denseSize;
    int count;
    private double[] t = new double[16];
    private double[] h = new double[16];
    private double[] tNew = new double[16];
    private double[][] y = new double[16][];
    private double[][] dense = new double[16][];
    private int last;

    DenseSegment(Stepper stepper, int dim) {
        this.stepper = stepper;
        this.dim = dim;
        this.denseSize = stepper.denseSize();
    }

    void clear() {
        count = 0;
        last = 0;
    }

    double start() {
        return t[0];
    }

    double end() {
        return tNew[count - 1];
    }

    /** State vectors held: start states plus interpolation data, in units of n. */
    int storedStates() {
        return count * (1 + denseSize / dim);
    }

    @Override
    public void onStep(double t0, double hh, double t1, double[] y0, double[] y1, int from, int to) {
        if (count == t.length) {
            int c = 2 * count;
            t = java.util.Arrays.copyOf(t, c);
            h = java.util.Arrays.copyOf(h, c);
            tNew = java.util.Arrays.copyOf(tNew, c);
            y = java.util.Arrays.copyOf(y, c);
            dense = java.util.Arrays.copyOf(dense, c);
        }
        t[count] = t0;
        h[count] = hh;
        tNew[count] = t1;
        if (y[count] == null) {
            y[count] = new double[dim];
            dense[count] = new double[denseSize];
        }
        System.arraycopy(y0, 0, y[count], 0, dim);
        stepper.saveDense(t0, hh, t1, y1, dense[count]);
        count++;
    }

    @Override
    public void at(double time, double[] out) {
        int m = last;
        if (!(time >= t[m] && time <= tNew[m])) {
            int lo = 0;
            int hi = count - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tNew[mid] < time) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            m = lo;
            last = m;
        }
        stepper.interpolateSaved(dense[m], (time - t[m]) / h[m], y[m], h[m], out);
    }
}
