package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015): per-coordinate steps scaled by running moments of the gradient,
 *
 * <pre>
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,   u ← u − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * with bias-corrected m̂, v̂. Insensitive to the scale of each coordinate, which suits the
 * badly scaled losses of neural networks inside ODEs (a universal differential equation), where
 * line-search methods stall. No convergence guarantee at a fixed rate: it stops after
 * {@code maxIterations} or when the gradient norm falls below {@code gradientTolerance}, and
 * returns the best point it visited. Deterministic.
 *
 * <p>A stand-in until ad-core's optimizers can be plugged in through {@link Optimizer}.
 */
public final class Adam implements Optimizer {
    private final int maxIterations;
    private final double learningRate;
    private final double gradientTolerance;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    public Adam(int maxIterations, double learningRate, double gradientTolerance) {
        if (maxIterations < 1 || !(learningRate > 0)) {
            throw new LeibnizException("Adam needs maxIterations >= 1 and a positive learning rate, got "
                    + maxIterations + ", " + learningRate);
        }
        this.maxIterations = maxIterations;
        this.learningRate = learningRate;
        this.gradientTolerance = gradientTolerance;
    }

    @Override
    public String name() {
        return "Adam (lr " + learningRate + ")";
    }

    @Override
    public Optimization minimize(Objective objective, double[] start) {
        int p = start.length;
        double[] u = start.clone();
        double[] g = new double[p];
        double[] m = new double[p];
        double[] v = new double[p];
        double f = objective.valueAndGradient(u, g);
        if (!Double.isFinite(f)) {
            throw new LeibnizException("the model cannot be simulated at the starting parameters");
        }
        double[] best = u.clone();
        double bestF = f;
        List<Double> history = new ArrayList<>();
        history.add(f);
        for (int it = 1; it <= maxIterations; it++) {
            if (norm(g) <= gradientTolerance) {
                return new Optimization(best, it - 1, true, "gradient norm below " + gradientTolerance, toArray(history));
            }
            double c1 = 1 - Math.pow(BETA1, it);
            double c2 = 1 - Math.pow(BETA2, it);
            double[] previous = u.clone();
            for (int i = 0; i < p; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                u[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            }
            double fNew = objective.valueAndGradient(u, g);
            if (!Double.isFinite(fNew)) {
                // an infeasible step: go back and damp the momentum rather than fail
                System.arraycopy(previous, 0, u, 0, p);
                java.util.Arrays.fill(m, 0.0);
                f = objective.valueAndGradient(u, g);
                history.add(f);
                continue;
            }
            f = fNew;
            history.add(f);
            if (f < bestF) {
                bestF = f;
                System.arraycopy(u, 0, best, 0, p);
            }
        }
        return new Optimization(best, maxIterations, false, "maximum of " + maxIterations + " iterations reached",
                toArray(history));
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
