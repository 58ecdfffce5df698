package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import java.util.List;
import java.util.Locale;

/**
 * Optimizers by name, for the command line and configuration files:
 *
 * <pre>
 *   lbfgs    {@link LbfgsOptimizer}       any differentiable loss (the default for non-least-squares)
 *   adam     {@link AdamOptimizer}        learning rate {@value #ADAM_LEARNING_RATE}, many badly scaled parameters
 *   lm       {@link LevenbergMarquardt}   sum-of-squares losses (the default for them)
 *   gd       {@link GradientDescent}      steepest descent, a baseline
 * </pre>
 *
 * Names are case-insensitive; {@code l-bfgs} and {@code levenberg-marquardt} are accepted too.
 */
public final class Optimizers {
    /** The learning rate of {@code byName("adam", …)}: 1% per step in log coordinates. */
    public static final double ADAM_LEARNING_RATE = 0.01;

    private Optimizers() {
    }

    /** The valid names, in the order of the table above. */
    public static List<String> names() {
        return List.of("lbfgs", "adam", "lm", "geodesic", "gd");
    }

    /**
     * The optimizer called {@code name} with default settings and an iteration limit.
     *
     * @throws LeibnizException for an unknown name (the message lists the valid ones) or a
     *                          limit below 1
     */
    public static Optimizer byName(String name, int maxIterations) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Optimizer o = switch (key) {
            case "lbfgs", "l-bfgs" -> new LbfgsOptimizer();
            case "adam" -> new AdamOptimizer(1, ADAM_LEARNING_RATE, 1e-8);
            case "lm", "levenberg-marquardt" -> new LevenbergMarquardt();
            case "geodesic", "lm-geodesic" -> new GeodesicLevenbergMarquardt();
            case "gd", "gradient-descent" -> new GradientDescent(1, 0.01, 1e-8, 1e-12);
            default -> throw new LeibnizException("unknown optimizer '" + name + "'; valid names are "
                    + String.join(", ", names()));
        };
        return o.withMaxIterations(maxIterations);
    }

    /** Checks an iteration limit: at least 1, or a message naming the optimizer. */
    static int checkIterations(String optimizer, int maxIterations) {
        if (maxIterations < 1) {
            throw new LeibnizException(optimizer + ": the maximum number of iterations must be at least 1, got "
                    + maxIterations);
        }
        return maxIterations;
    }
}
