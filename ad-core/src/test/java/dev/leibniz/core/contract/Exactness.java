package dev.leibniz.core.contract;

/**
 * How close a back end's numbers must be to the reference ({@link Oracle}).
 *
 * <ul>
 *   <li>{@link #BITWISE}: the same arithmetic in the same order, so the same double — where NaN
 *       equals NaN (any payload) and +0 equals −0. Every numeric sweep that calls the primitives'
 *       declared rules is held to this.</li>
 *   <li>{@link #close(int, double)}: symbolic derivative graphs build each partial from graph
 *       operations (e.g. {@code 0.5/sqrt(x)} instead of {@code 0.5/y}) and sum contributions in
 *       another order, so they may differ by rounding: within {@code ulps} units in the last
 *       place or {@code relative} relative error. Non-finite values must still agree exactly
 *       (NaN with NaN, +∞ with +∞).</li>
 * </ul>
 */
public record Exactness(int ulps, double relative) {
    public static final Exactness BITWISE = new Exactness(0, 0.0);

    /** Equal within {@code ulps} ulps or {@code relative} relative error. */
    public static Exactness close(int ulps, double relative) {
        return new Exactness(ulps, relative);
    }

    public boolean isBitwise() {
        return ulps == 0 && relative == 0.0;
    }

    /** Whether {@code actual} is acceptable for {@code expected}. */
    public boolean accepts(double expected, double actual) {
        if (expected == actual || (Double.isNaN(expected) && Double.isNaN(actual))) {
            return true; // also +0 == -0, and equal infinities
        }
        if (isBitwise() || !Double.isFinite(expected) || !Double.isFinite(actual)) {
            return false;
        }
        double diff = Math.abs(expected - actual);
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return diff <= ulps * Math.ulp(scale) || diff <= relative * scale;
    }

    @Override
    public String toString() {
        return isBitwise() ? "bitwise" : "within " + ulps + " ulps or " + relative + " relative";
    }
}
