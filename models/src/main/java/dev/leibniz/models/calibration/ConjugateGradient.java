package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Nonlinear conjugate gradients (Polak–Ribière, with restarts) through Hipparchus'
 * {@link NonLinearConjugateGradientOptimizer}: the gradient-based path for losses that are
 * not sums of squares (Poisson deviance). The gradient is exact (forward sensitivities or an
 * adjoint); the line search uses values only. Slower per iteration than Levenberg–Marquardt
 * and without its quadratic convergence, but needs only ∇L, never the full Jacobian.
 */
public final class ConjugateGradient implements Optimizer {
    private final int maxIterations;
    private final double tolerance;

    /** 2000 iterations, relative tolerance 1e-14 on the loss change between iterations. */
    public ConjugateGradient() {
        this(2000, 1e-14);
    }

    public ConjugateGradient(int maxIterations, double tolerance) {
        if (maxIterations < 1 || !(tolerance > 0)) {
            throw new LeibnizException("conjugate gradients need maxIterations >= 1 and tolerance > 0, got "
                    + maxIterations + ", " + tolerance);
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "nonlinear conjugate gradients (Hipparchus, Polak-Ribiere)";
    }

    @Override
    public Optimization minimize(Objective objective, double[] start) {
        List<Double> history = new ArrayList<>();
        double[] bestPoint = start.clone();
        double[] bestValue = {objective.value(start)};
        if (!Double.isFinite(bestValue[0])) {
            throw new LeibnizException("the model cannot be simulated at the starting parameters");
        }
        history.add(bestValue[0]);
        SimpleValueChecker checker = new SimpleValueChecker(tolerance, 0.0) {
            @Override
            public boolean converged(int iteration, PointValuePair previous, PointValuePair current) {
                history.add(current.getValue());
                return super.converged(iteration, previous, current);
            }
        };
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker, 1e-10, 1e-14, 1e-3);
        ObjectiveFunction f = new ObjectiveFunction(u -> {
            double v = objective.value(u);
            if (v < bestValue[0]) {
                bestValue[0] = v;
                System.arraycopy(u, 0, bestPoint, 0, u.length);
            }
            return v;
        });
        ObjectiveFunctionGradient g = new ObjectiveFunctionGradient(u -> {
            double[] grad = new double[u.length];
            objective.valueAndGradient(u, grad);
            return grad;
        });
        try {
            PointValuePair opt = cg.optimize(f, g, GoalType.MINIMIZE, new InitialGuess(start),
                    new MaxIter(maxIterations), new MaxEval(Integer.MAX_VALUE));
            return new Optimization(opt.getPoint(), cg.getIterations(), true,
                    "relative change of the loss below " + tolerance, toArray(history));
        } catch (MathIllegalStateException e) {
            return new Optimization(bestPoint, cg.getIterations(), false, "maximum of " + maxIterations
                    + " iterations reached", toArray(history));
        }
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
