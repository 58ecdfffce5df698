package dev.leibniz.benchmarks.report;

import java.util.Locale;

/** Number formatting for the report: three significant figures, the error to the same decimals. */
public final class Fmt {
    private Fmt() {
    }

    /** A time given in nanoseconds, in the unit that keeps it between 1 and 1000. */
    public static String time(double nanos, double error) {
        double unit;
        String name;
        if (Math.abs(nanos) < 1e3) {
            unit = 1;
            name = "ns";
        } else if (Math.abs(nanos) < 1e6) {
            unit = 1e3;
            name = "µs";
        } else if (Math.abs(nanos) < 1e9) {
            unit = 1e6;
            name = "ms";
        } else {
            unit = 1e9;
            name = "s";
        }
        return number(nanos / unit, error / unit) + " " + name;
    }

    /** A time without an error. */
    public static String time(double nanos) {
        return time(nanos, Double.NaN);
    }

    /** "3.12 ± 0.08": three significant figures, the error (when known) to the same decimals. */
    public static String number(double value, double error) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        int d = decimals(value);
        String v = String.format(Locale.ROOT, "%." + d + "f", value);
        if (!Double.isFinite(error)) {
            return v;
        }
        return v + " ± " + String.format(Locale.ROOT, "%." + d + "f", error);
    }

    /** A number with three significant figures. */
    public static String number(double value) {
        return number(value, Double.NaN);
    }

    /** A target bound as written in an issue: 4, 1.5, 0.15 (no trailing zeros). */
    public static String bound(double b) {
        return java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
    }

    /** An integer with thousands separators: 12,288. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An exponent of a fitted power law, two decimals: "n^0.98"; "—" when it could not be fitted. */
    public static String exponent(double e) {
        if (!Double.isFinite(e)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", Math.abs(e) < 0.005 ? 0.0 : e); // no "-0.00"
    }

    private static int decimals(double v) {
        double a = Math.abs(v);
        if (a == 0 || a >= 100) {
            return 0;
        }
        int d = 2 - (int) Math.floor(Math.log10(a));
        return Math.min(Math.max(d, 0), 12);
    }
}
