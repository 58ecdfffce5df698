package dev.leibniz.benchmarks.report;

/**
 * A ratio of two times measured in the same run, with its propagated error
 * (δr/r = √((δa/a)² + (δb/b)²); NaN when a time had no error estimate).
 */
public record Ratio(double value, double error) {
    /** "3.12 ± 0.08" (or "3.12"). */
    @Override
    public String toString() {
        return Fmt.number(value, error);
    }
}
