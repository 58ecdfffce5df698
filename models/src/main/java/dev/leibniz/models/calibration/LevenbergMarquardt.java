package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;
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
        if (maxIterations < 1 || !(tolerance > 0)) {
            throw new LeibnizException("Levenberg-Marquardt needs maxIterations >= 1 and tolerance > 0, got "
                    + maxIterations + ", " + tolerance);
        }
        this.maxIterations = maxIterations;
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
    public Optimization minimize(Objective objective, double[] start) {
        int n = objective.residualCount();
        int p = objective.dimension();
        if (n < p) {
            throw new LeibnizException("least squares with " + n + " observations cannot determine " + p + " parameters");
        }
        Best best = new Best();
        List<Double> history = new ArrayList<>();
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(new double[n])
                .model(u -> {
                    Objective.Residuals r = objective.residuals(u.toArray());
                    best.offer(u.toArray(), r.loss());
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
                    if (history.isEmpty()) {
                        history.add(previous.getCost() * previous.getCost());
                    }
                    history.add(current.getCost() * current.getCost());
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
            double[] point = opt.getPoint().toArray();
            double cost = opt.getCost() * opt.getCost();
            if (history.isEmpty() || history.get(history.size() - 1) != cost) {
                history.add(cost);
            }
            return new Optimization(point, opt.getIterations(), true,
                    "relative reduction of the loss, parameter change or gradient orthogonality below " + tolerance,
                    toArray(history));
        } catch (MathIllegalStateException e) {
            boolean limit = e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED;
            boolean stalled = e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_COST_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_PARAMETERS_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_ORTHOGONALITY_TOLERANCE;
            if (best.point == null) {
                throw new LeibnizException("Levenberg-Marquardt found no point where the model can be simulated");
            }
            if (history.isEmpty() || history.get(history.size() - 1) != best.loss) {
                history.add(best.loss);
            }
            String reason = limit ? "maximum of " + maxIterations + " iterations reached"
                    : stalled ? "no further reduction possible at machine precision"
                    : "Levenberg-Marquardt stopped: " + e.getMessage();
            return new Optimization(best.point, Math.max(history.size() - 1, 0), stalled, reason, toArray(history));
        }
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The lowest-loss feasible point evaluated, for when Hipparchus stops by exception. */
    private static final class Best {
        double[] point;
        double loss = Double.POSITIVE_INFINITY;

        void offer(double[] u, double l) {
            if (l < loss) {
                loss = l;
                point = u.clone();
            }
        }
    }
}
