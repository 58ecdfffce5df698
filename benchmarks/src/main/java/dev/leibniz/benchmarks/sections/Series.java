package dev.leibniz.benchmarks.sections;

import dev.leibniz.benchmarks.report.Ratio;
import dev.leibniz.benchmarks.report.Results;
import dev.leibniz.benchmarks.report.Score;
import java.util.List;

/**
 * Columns of numbers pulled from the results along one parameter, for fits and plots; missing
 * results are NaN (the fits and plots skip them).
 */
final class Series {
    private Series() {
    }

    /** The parameter values as numbers. */
    static double[] numbers(List<String> values) {
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            Double d = Results.parse(values.get(i));
            x[i] = d == null ? Double.NaN : d;
        }
        return x;
    }

    /** Times (ns) of one method along parameter {@code param}. */
    static double[] times(Results r, String benchmark, String method, String param, List<String> values) {
        double[] y = new double[values.size()];
        for (int i = 0; i < y.length; i++) {
            Score s = r.get(benchmark, method, param, values.get(i));
            y[i] = s == null ? Double.NaN : s.nanos();
        }
        return y;
    }

    /** Ratios method / base along parameter {@code param}. */
    static double[] ratios(Results r, String benchmark, String method, String base, String param, List<String> values) {
        double[] y = new double[values.size()];
        for (int i = 0; i < y.length; i++) {
            Ratio q = r.ratio(benchmark, method, base, param, values.get(i));
            y[i] = q == null ? Double.NaN : q.value();
        }
        return y;
    }

    /** Squares of the values (N → N², the number of grid cells). */
    static double[] squares(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * x[i];
        }
        return y;
    }

    /** The largest finite value, NaN when there is none. */
    static double max(double[] y) {
        double m = Double.NaN;
        for (double v : y) {
            if (Double.isFinite(v) && !(v <= m)) {
                m = v;
            }
        }
        return m;
    }

    /** The first index with a finite value, or −1. */
    static int firstFinite(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                return i;
            }
        }
        return -1;
    }
}
