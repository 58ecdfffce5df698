package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;

/**
 * Steepest descent with a backtracking (Armijo) line search:
 * {@code u ← u − s·∇L(u)}, starting each iteration from the last accepted step length times 2
 * and halving until {@code L(u − s∇L) ≤ L(u) − c·s·‖∇L‖²} (c = 1e-4). The simplest gradient
 * method: robust and deterministic, but slow on ill-conditioned losses, where
 * {@link ConjugateGradient} or {@link LevenbergMarquardt} do far better. Stops when
 * {@code ‖∇L‖ ≤ gradientTolerance} or the relative loss change falls below
 * {@code relativeTolerance}.
 */
public final class GradientDescent implements Optimizer {
    private final int maxIterations;
    private final double initialStep;
    private final double gradientTolerance;
    private final double relativeTolerance;

    public GradientDescent(int maxIterations, double initialStep, double gradientTolerance, double relativeTolerance) {
        if (maxIterations < 1 || !(initialStep > 0)) {
            throw new LeibnizException("gradient descent needs maxIterations >= 1 and a positive step, got "
                    + maxIterations + ", " + initialStep);
        }
        this.maxIterations = maxIterations;
        this.initialStep = initialStep;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    @Override
    public String name() {
        return "gradient descent (backtracking)";
    }

    @Override
    public Optimization minimize(Objective objective, double[] start) {
        int p = start.length;
        double[] u = start.clone();
        double[] g = new double[p];
        double f = objective.valueAndGradient(u, g);
        if (!Double.isFinite(f)) {
            throw new LeibnizException("the model cannot be simulated at the starting parameters");
        }
        List<Double> history = new ArrayList<>();
        history.add(f);
        double step = initialStep;
        double[] trial = new double[p];
        double[] gTrial = new double[p];
        for (int it = 1; it <= maxIterations; it++) {
            double g2 = dot(g, g);
            if (Math.sqrt(g2) <= gradientTolerance) {
                return new Optimization(u, it - 1, true, "gradient norm below " + gradientTolerance, toArray(history));
            }
            step *= 2;
            double fTrial;
            while (true) {
                for (int i = 0; i < p; i++) {
                    trial[i] = u[i] - step * g[i];
                }
                fTrial = objective.valueAndGradient(trial, gTrial);
                if (fTrial <= f - 1e-4 * step * g2) {
                    break;
                }
                step *= 0.5;
                if (step < 1e-300) {
                    return new Optimization(u, it - 1, true, "no descent step found (a local minimum at "
                            + "machine precision)", toArray(history));
                }
            }
            double change = Math.abs(f - fTrial);
            System.arraycopy(trial, 0, u, 0, p);
            System.arraycopy(gTrial, 0, g, 0, p);
            f = fTrial;
            history.add(f);
            if (change <= relativeTolerance * Math.abs(f)) {
                return new Optimization(u, it, true, "relative change of the loss below " + relativeTolerance,
                        toArray(history));
            }
        }
        return new Optimization(u, maxIterations, false, "maximum of " + maxIterations + " iterations reached",
                toArray(history));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
