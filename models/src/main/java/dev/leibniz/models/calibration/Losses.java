package dev.leibniz.models.calibration;

/**
 * The standard losses.
 *
 * <ul>
 *   <li>{@link #SUM_OF_SQUARES}: ℓ = (μ − y)², additive Gaussian noise of constant variance;</li>
 *   <li>{@link #SUM_OF_SQUARES_OF_LOGS}: ℓ = (ln μ − ln y)², multiplicative (log-normal) noise —
 *       the natural choice for populations spanning decades; needs y &gt; 0 and μ &gt; 0;</li>
 *   <li>{@link #POISSON_DEVIANCE}: ℓ = 2[y ln(y/μ) − (y − μ)] (with y ln y = 0 at y = 0), for
 *       counts whose variance equals their mean; minimized by gradient, not least squares.</li>
 * </ul>
 */
public final class Losses {
    private Losses() {
    }

    public static final Loss SUM_OF_SQUARES = new LeastSquares("sum of squares") {
        @Override
        public double residual(double model, double observed) {
            return model - observed;
        }

        @Override
        public double residualDerivative(double model, double observed) {
            return 1.0;
        }

        @Override
        public String checkObservation(double observed) {
            return null;
        }
    };

    public static final Loss SUM_OF_SQUARES_OF_LOGS = new LeastSquares("sum of squares of logs") {
        @Override
        public double residual(double model, double observed) {
            // a non-positive simulated value has no logarithm: NaN tells the objective to reject the point
            return model > 0 ? Math.log(model) - Math.log(observed) : Double.NaN;
        }

        @Override
        public double residualDerivative(double model, double observed) {
            return 1.0 / model;
        }

        @Override
        public String checkObservation(double observed) {
            return observed > 0 ? null : "the sum of squares of logs needs positive observations, got " + observed;
        }
    };

    public static final Loss POISSON_DEVIANCE = new Loss() {
        @Override
        public String name() {
            return "Poisson deviance";
        }

        @Override
        public double value(double model, double observed) {
            if (observed == 0 && model == 0) {
                return 0.0; // the limit of y·log(y/μ) − (y − μ) as μ → 0 with y = 0
            }
            if (!(model > 0)) {
                return Double.NaN;
            }
            double ylog = observed == 0 ? 0.0 : observed * Math.log(observed / model);
            return 2.0 * (ylog - (observed - model));
        }

        @Override
        public double derivative(double model, double observed) {
            return observed == 0 ? 2.0 : 2.0 * (1.0 - observed / model);
        }

        @Override
        public boolean isLeastSquares() {
            return false;
        }

        @Override
        public double residual(double model, double observed) {
            throw new UnsupportedOperationException("the Poisson deviance is not a sum of squares");
        }

        @Override
        public double residualDerivative(double model, double observed) {
            throw new UnsupportedOperationException("the Poisson deviance is not a sum of squares");
        }

        @Override
        public String checkObservation(double observed) {
            return observed >= 0 ? null : "the Poisson deviance needs counts ≥ 0, got " + observed;
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** A loss ℓ = ρ² given by its residual. */
    private abstract static class LeastSquares implements Loss {
        private final String name;

        LeastSquares(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double value(double model, double observed) {
            double r = residual(model, observed);
            return r * r;
        }

        @Override
        public double derivative(double model, double observed) {
            return 2.0 * residual(model, observed) * residualDerivative(model, observed);
        }

        @Override
        public boolean isLeastSquares() {
            return true;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The names {@link #byName} accepts, in order: sum of squares, of logs, Poisson deviance. */
    public static java.util.List<String> names() {
        return java.util.List.of("sse", "logsse", "poisson");
    }

    /**
     * A standard loss by its short name, for the command line: {@code sse}
     * ({@link #SUM_OF_SQUARES}), {@code logsse} ({@link #SUM_OF_SQUARES_OF_LOGS}), {@code poisson}
     * ({@link #POISSON_DEVIANCE}); case-insensitive.
     *
     * @throws dev.leibniz.core.LeibnizException for another name, listing the valid ones
     */
    public static Loss byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (key) {
            case "sse" -> SUM_OF_SQUARES;
            case "logsse" -> SUM_OF_SQUARES_OF_LOGS;
            case "poisson" -> POISSON_DEVIANCE;
            default -> throw new dev.leibniz.core.LeibnizException("unknown loss '" + name + "'; valid names are "
                    + String.join(", ", names()));
        };
    }
}
