package dev.leibniz.benchmarks.report;

/**
 * One measured time per operation, in nanoseconds, with JMH's error (the half-width of the
 * 99.9% confidence interval; NaN when there was a single measurement iteration).
 */
public record Score(double nanos, double error) {
    /** This time divided by {@code base}'s, with the relative errors added in quadrature. */
    public Ratio over(Score base) {
        double r = nanos / base.nanos;
        double rel = Math.hypot(error / nanos, base.error / base.nanos);
        return new Ratio(r, r * rel);
    }

    /** Time in another unit, e.g. {@code in(1e3)} for microseconds. */
    public double in(double nanosPerUnit) {
        return nanos / nanosPerUnit;
    }

    /** "12.3 ± 0.4 µs" (or "12.3 µs" without an error). */
    @Override
    public String toString() {
        return Fmt.time(nanos, error);
    }
}
