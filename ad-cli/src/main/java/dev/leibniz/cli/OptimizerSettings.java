package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.AdamOptimizer;
import dev.leibniz.models.calibration.GradientDescent;
import dev.leibniz.models.calibration.LbfgsOptimizer;
import dev.leibniz.models.calibration.LevenbergMarquardt;
import dev.leibniz.models.calibration.Optimizer;
import dev.leibniz.models.calibration.Optimizers;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The optimizer of {@code fit} and its settings, none silently ignored or fixed. The defaults
 * (docs/cli.md, "Optimizer settings"):
 *
 * <pre>
 *   optimizer  --max-iter  --learning-rate   --gradient-tolerance  --tolerance
 *   lbfgs      1000        (none)            1e-8 (× |L(start)|)   1e-15 (relative change of L)
 *   lm         1000 (200 when chosen by default)  (none)  (none)   1e-12 (Hipparchus' three tests)
 *   adam       1000        0.01              1e-8                  (none)
 *   gd         1000        0.01 (first step) 1e-8                  1e-12 (relative change of L)
 * </pre>
 *
 * A setting the chosen optimizer does not have is an error naming the ones that have it, and a
 * setting needs {@code --optimizer} (the default optimizer depends on the loss, so which settings
 * apply would otherwise be a guess).
 */
final class OptimizerSettings {
    /** Adam's and gradient descent's default learning rate (first step). */
    static final double LEARNING_RATE = Optimizers.ADAM_LEARNING_RATE;
    static final double GRADIENT_TOLERANCE = 1e-8;
    static final double LBFGS_TOLERANCE = 1e-15;
    static final double LM_TOLERANCE = 1e-12;
    static final double GD_TOLERANCE = 1e-12;
    static final int LBFGS_MEMORY = 10;

    @Option(names = "--learning-rate", paramLabel = "R",
            description = "adam: the step size per coordinate (default 0.01); gd: the first trial step (default 0.01).")
    Double learningRate;

    @Option(names = "--gradient-tolerance", paramLabel = "G",
            description = "lbfgs, adam, gd: converged when the gradient norm is at most G (default 1e-8; lbfgs"
                    + " scales it by the starting loss).")
    Double gradientTolerance;

    @Option(names = "--tolerance", paramLabel = "T",
            description = "lbfgs, gd: converged when an iteration changes the loss by at most T relatively (defaults"
                    + " 1e-15, 1e-12); lm: relative tolerance of its three tests (default 1e-12).")
    Double tolerance;

    /** Whether any setting was given. */
    boolean any() {
        return learningRate != null || gradientTolerance != null || tolerance != null;
    }

    /**
     * The optimizer called {@code name} with these settings and the iteration limit.
     *
     * @throws LeibnizException for an unknown name, a setting it does not have, or a value out of range
     */
    Optimizer build(String name, int maxIterations) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        Optimizer probe = Optimizers.byName(name, maxIterations); // checks the name and the limit
        return switch (key) {
            case "lbfgs", "l-bfgs" -> {
                refuse(learningRate, "--learning-rate", "L-BFGS", "adam, gd");
                yield new LbfgsOptimizer(maxIterations, positive("--gradient-tolerance", gradientTolerance, GRADIENT_TOLERANCE),
                        positive("--tolerance", tolerance, LBFGS_TOLERANCE), LBFGS_MEMORY);
            }
            case "lm", "levenberg-marquardt" -> {
                refuse(learningRate, "--learning-rate", "Levenberg-Marquardt", "adam, gd");
                refuse(gradientTolerance, "--gradient-tolerance", "Levenberg-Marquardt", "lbfgs, adam, gd");
                yield new LevenbergMarquardt(maxIterations, positive("--tolerance", tolerance, LM_TOLERANCE));
            }
            case "adam" -> {
                refuse(tolerance, "--tolerance", "Adam", "lbfgs, lm, gd");
                yield new AdamOptimizer(maxIterations, positive("--learning-rate", learningRate, LEARNING_RATE),
                        positive("--gradient-tolerance", gradientTolerance, GRADIENT_TOLERANCE));
            }
            case "gd", "gradient-descent" -> new GradientDescent(maxIterations,
                    positive("--learning-rate", learningRate, LEARNING_RATE),
                    positive("--gradient-tolerance", gradientTolerance, GRADIENT_TOLERANCE),
                    positive("--tolerance", tolerance, GD_TOLERANCE));
            default -> probe;
        };
    }

    private static void refuse(Double value, String option, String optimizer, String which) {
        if (value != null) {
            throw new LeibnizException(option + " does not apply to " + optimizer + "; it is a setting of " + which);
        }
    }

    /** The value given (positive and finite), or the default. */
    private static double positive(String option, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new LeibnizException(option + " must be a positive number, got " + value);
        }
        return value;
    }
}
