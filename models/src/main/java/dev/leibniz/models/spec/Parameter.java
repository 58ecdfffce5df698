package dev.leibniz.models.spec;

/**
 * A tunable parameter of a model file: {@code param NAME = NUMBER [in [LO, HI]]}.
 *
 * @param name     its name
 * @param initial  the initial guess (strictly inside the bounds)
 * @param lower    lower bound, {@code -∞} when none
 * @param upper    upper bound, {@code +∞} when none
 * @param position where the name was written
 */
public record Parameter(String name, double initial, double lower, double upper, Position position) {
    public Parameter {
        if (!(lower < upper)) {
            throw new dev.leibniz.core.LeibnizException("bounds [" + lower + ", " + upper + "] of '" + name + "' are empty");
        }
    }

    /** An unbounded parameter. */
    public static Parameter free(String name, double initial) {
        return new Parameter(name, initial, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, new Position(0, 0));
    }

    public boolean hasLower() {
        return lower != Double.NEGATIVE_INFINITY;
    }

    public boolean hasUpper() {
        return upper != Double.POSITIVE_INFINITY;
    }
}
