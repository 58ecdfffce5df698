package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.optim.Lbfgs;
import dev.leibniz.core.optim.OptimizationResult;
import java.util.Arrays;

/**
 * Limited-memory BFGS from ad-core ({@link Lbfgs}: two-loop recursion, strong Wolfe line
 * search) on the calibration loss L(u) and its exact gradient (forward sensitivities or an
 * adjoint). It needs only ∇L — one simulation with sensitivities per evaluation whatever the
 * loss — and builds curvature from successive gradients, so it converges superlinearly on a
 * smooth loss. It is the default for losses that are not sums of squares (a Poisson deviance)
 * and for problems with too many parameters for {@link LevenbergMarquardt}'s full Jacobian.
 * On a small least-squares problem Levenberg–Marquardt, which uses the Gauss–Newton curvature
 * JᵀJ from the first iteration, usually needs fewer simulations.
 *
 * <p><b>Infeasible points.</b> Where the model cannot be simulated the objective is +∞ (with a
 * zero gradient). ad-core's line search treats a non-finite trial value as a step that went too
 * far and bisects back towards the last finite point, so iterates stay feasible; only the start
 * must be feasible.
 *
 * <p><b>Stopping.</b> Converged when ‖∇L(u)‖₂ ≤ {@code gradientTolerance}·max(1, |L(u₀)|)
 * (the gradient test scaled by the size of the loss, so that it means the same for a loss of 2
 * and of 2·10⁶), or when one iteration changes L by at most {@code functionTolerance} relatively
 * (progress has stalled at rounding level). Not converged when the iteration limit is reached or
 * the line search finds no acceptable step; the reason says which. An iteration is one accepted
 * line-search step, which may have cost several simulations.
 */
public final class LbfgsOptimizer implements Optimizer {
    private final int maxIterations;
    private final double gradientTolerance;
    private final double functionTolerance;
    private final int memory;

    /**
     * ad-core's defaults: 1000 iterations, gradient tolerance 1e-8 (here scaled by the starting
     * loss), function tolerance 1e-15, memory 10.
     */
    public LbfgsOptimizer() {
        this(1000, 1e-8, 1e-15, 10);
    }

    /**
     * @param maxIterations     iteration limit (≥ 1)
     * @param gradientTolerance converged when ‖∇L‖ ≤ this · max(1, |L(u₀)|) (≥ 0)
     * @param functionTolerance converged when one iteration changes L by at most this relatively (≥ 0)
     * @param memory            correction pairs kept (≥ 1)
     */
    public LbfgsOptimizer(int maxIterations, double gradientTolerance, double functionTolerance, int memory) {
        this.maxIterations = Optimizers.checkIterations("L-BFGS", maxIterations);
        if (!(gradientTolerance >= 0) || !(functionTolerance >= 0) || memory < 1) {
            throw new LeibnizException("L-BFGS needs tolerances >= 0 and memory >= 1, got gradient tolerance "
                    + gradientTolerance + ", function tolerance " + functionTolerance + ", memory " + memory);
        }
        this.gradientTolerance = gradientTolerance;
        this.functionTolerance = functionTolerance;
        this.memory = memory;
    }

    @Override
    public String name() {
        return "L-BFGS";
    }

    @Override
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public LbfgsOptimizer withMaxIterations(int n) {
        return new LbfgsOptimizer(n, gradientTolerance, functionTolerance, memory);
    }

    @Override
    public Optimization minimize(Objective objective, double[] start, Monitor monitor) {
        int p = start.length;
        double[] g0 = new double[p];
        double f0 = objective.valueAndGradient(start, g0);
        if (!Double.isFinite(f0)) {
            throw new LeibnizException(objective.startFailure(start));
        }
        double gtol = gradientTolerance * Math.max(1.0, Math.abs(f0));
        Lbfgs lbfgs = new Lbfgs().withMemory(memory).withMaxIterations(maxIterations).withGradientTolerance(gtol)
                .withFunctionTolerance(functionTolerance);
        OptimizationResult r = lbfgs.minimize(new Evaluations(objective, monitor, start, f0, g0), start,
                (k, x, value, gradient) -> monitor.iteration(k, value, x));
        return new Optimization(r.x(), r.iterations(), r.converged(), r.reason(), r.lossHistory());
    }

    /**
     * The calibration loss as ad-core's objective. The first call (at the start, already
     * evaluated to check feasibility) is answered from that evaluation; every later one checks
     * for a stop request first, so a stop takes effect within a line search.
     */
    private static final class Evaluations implements dev.leibniz.core.optim.Objective {
        private final Objective objective;
        private final Monitor monitor;
        private double[] start;
        private final double f0;
        private final double[] g0;

        Evaluations(Objective objective, Monitor monitor, double[] start, double f0, double[] g0) {
            this.objective = objective;
            this.monitor = monitor;
            this.start = start;
            this.f0 = f0;
            this.g0 = g0;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradOut) {
            if (start != null) {
                boolean same = Arrays.equals(x, start);
                start = null;
                if (same) {
                    System.arraycopy(g0, 0, gradOut, 0, g0.length);
                    return f0;
                }
            }
            monitor.checkStop();
            return objective.valueAndGradient(x, gradOut);
        }
    }
}
