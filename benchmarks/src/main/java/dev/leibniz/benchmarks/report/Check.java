package dev.leibniz.benchmarks.report;

/**
 * One target of an issue, the figure measured for it, and whether it is met ({@code null}: not
 * measured in this run). The report's summary lists every check of every section.
 */
public record Check(String issue, String target, String measured, Boolean met) {
    /** A check against an upper bound: met when {@code value ≤ bound}; null value: not measured. */
    public static Check atMost(String issue, String target, Double value, double bound, String measured) {
        return new Check(issue, target, measured == null ? "—" : measured, value == null ? null : value <= bound);
    }

    /** "**met**", "**not met**", "reported" (a figure with no target), or "not measured". */
    public String verdict() {
        if (met == null) {
            return "—".equals(measured) ? "not measured" : "reported";
        }
        return met ? "**met**" : "**not met**";
    }

    /** A check against a lower bound: met when {@code value ≥ bound}. */
    public static Check atLeast(String issue, String target, Double value, double bound, String measured) {
        return new Check(issue, target, measured == null ? "—" : measured, value == null ? null : value >= bound);
    }
}
