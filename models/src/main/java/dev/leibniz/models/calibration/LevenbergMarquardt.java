package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Levenberg–Marquardt (Moré's trust-region variant) through Hipparchus'
 * {@link LevenbergMarquardtOptimizer}, fed with exact Jacobians of the residuals (forward
 * sensitivities of the ODE solution, chained through loss, outputs and bound transforms).
 * Each iteration solves the damped Gauss–Newton system {@code (JᵀJ + λD)δ = −Jᵀr}; with an
 * exact J it converges quadratically near a zero-residual optimum and fast near a small one.
 *
 * <p>An infeasible trial point (the model cannot be simulated there) is given a residual
 * vector of huge norm, so the trust region shrinks and the step is retried shorter.
 */
public final class LevenbergMarquardt implements Optimizer {
    private static final double INFEASIBLE_RESIDUAL = 1e100;

    private final int maxIterations;
    private final double tolerance;

    /** 200 iterations, relative tolerances 1e-12 on cost, parameters and orthogonality. */
    public LevenbergMarquardt() {
        this(200, 1e-12);
    }

    /**
     * @param maxIterations iteration limit
     * @param tolerance     relative tolerance on the cost reduction, the parameter change and the
     *                      cosine between residuals and Jacobian columns (Hipparchus' three tests)
     */
    public LevenbergMarquardt(int maxIterations, double tolerance) {
        if (!(tolerance > 0)) {
            throw new LeibnizException("Levenberg-Marquardt needs a tolerance > 0, got " + tolerance);
        }
        this.maxIterations = Optimizers.checkIterations("Levenberg-Marquardt", maxIterations);
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "Levenberg-Marquardt (Hipparchus)";
    }

    @Override
    public boolean needsLeastSquares() {
        return true;
    }

    @Override
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public LevenbergMarquardt withMaxIterations(int n) {
        return new LevenbergMarquardt(n, tolerance);
    }

    /**
     * Runs Hipparchus' optimizer. An iteration, as reported to the monitor and counted in the
     * result, is one <em>accepted</em> trust-region step: Hipparchus calls its convergence
     * checker exactly then, with the new point. Rejected trial steps (the trust region shrinks
     * and the step is retried) cost simulations but are not iterations; a stop request is
     * honoured at every model evaluation, so also between rejected trials.
     */
    @Override
    public Optimization minimize(Objective objective, double[] start, Monitor monitor) {
        int n = objective.residualCount();
        int p = objective.dimension();
        if (n < p) {
            throw new LeibnizException("least squares with " + n + " observations cannot determine " + p + " parameters");
        }
        int[] accepted = {0};
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(new double[n])
                .model(u -> {
                    monitor.checkStop();
                    double[] point = u.toArray();
                    Objective.Residuals r = objective.residuals(point);
                    if (monitor.iterations() < 0) {
                        if (!r.feasible()) {
                            throw new LeibnizException(objective.startFailure(point));
                        }
                        monitor.iteration(0, r.loss(), point);
                    }
                    double[] res = r.residuals();
                    if (!r.feasible()) {
                        res = new double[n];
                        java.util.Arrays.fill(res, INFEASIBLE_RESIDUAL);
                    }
                    // model r against target 0: Hipparchus minimizes ‖0 − r‖², the same sum of squares
                    RealVector value = new ArrayRealVector(res, false);
                    return new Pair<>(value, new Array2DRowRealMatrix(r.jacobian(), false));
                })
                .checker((iteration, previous, current) -> {
                    accepted[0]++;
                    monitor.iteration(accepted[0], current.getCost() * current.getCost(), current.getPoint().toArray());
                    return false; // Hipparchus' own three tolerance tests decide
                })
                .maxIterations(maxIterations)
                .maxEvaluations(Integer.MAX_VALUE)
                .build();
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(tolerance)
                .withParameterRelativeTolerance(tolerance)
                .withOrthoTolerance(tolerance);
        try {
            LeastSquaresOptimizer.Optimum opt = lm.optimize(problem);
            return new Optimization(opt.getPoint().toArray(), accepted[0], true,
                    "relative reduction of the loss, parameter change or gradient orthogonality below " + tolerance,
                    monitor.history());
        } catch (MathIllegalStateException e) {
            boolean limit = e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED;
            boolean stalled = e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_COST_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_PARAMETERS_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_ORTHOGONALITY_TOLERANCE;
            String reason = limit ? "maximum of " + maxIterations + " iterations reached"
                    : stalled ? "no further reduction possible at machine precision"
                    : "Levenberg-Marquardt stopped: " + e.getMessage();
            // accepted steps only lower the loss, so the last accepted point is the best one
            return new Optimization(monitor.bestPoint(), accepted[0], stalled, reason, monitor.history());
        }
    }
}
