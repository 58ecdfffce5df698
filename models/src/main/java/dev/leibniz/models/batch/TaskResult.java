package dev.leibniz.models.batch;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of a batch's results: the outcome of one {@link FitTask}. A failed fit is a row too,
 * with status {@code failed}, its error message, and NaN numbers — a bad start or a bad group
 * never fails the batch.
 *
 * <p>{@code values} and {@code standardErrors} hold every parameter in model order
 * ({@code parameterNames}); {@code seconds} and {@code host} (host name/process id) say where and how long it ran, and are
 * the only fields that may differ between two runs of the same task ({@link #outcome()} leaves
 * them out).
 */
public record TaskResult(int index, String kind, String label, String status, String error,
                         List<String> parameterNames, double[] values, double[] standardErrors, double loss,
                         int observations, int iterations, boolean converged, double seconds, String host)
        implements Serializable {
    /** The status of a fit that ended with a finite loss. */
    public static final String OK = "ok";
    /** The status of a fit that threw or ended with a non-finite loss. */
    public static final String FAILED = "failed";

    public TaskResult {
        parameterNames = List.copyOf(parameterNames);
        values = values.clone();
        standardErrors = standardErrors.clone();
    }

    public boolean ok() {
        return OK.equals(status);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    /** The value of the named parameter. */
    public double value(String parameter) {
        return values[indexOf(parameter)];
    }

    /** The standard error of the named parameter (NaN where none). */
    public double standardError(String parameter) {
        return standardErrors[indexOf(parameter)];
    }

    private int indexOf(String parameter) {
        int i = parameterNames.indexOf(parameter);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + parameter + "' in " + parameterNames);
        }
        return i;
    }

    /**
     * Everything but the time and the host, with doubles as their exact bits (hex): two runs of a
     * task agree bit for bit exactly when their outcomes are equal strings.
     */
    public String outcome() {
        StringBuilder s = new StringBuilder();
        s.append(index).append('|').append(kind).append('|').append(label).append('|').append(status).append('|')
                .append(error).append('|').append(parameterNames).append('|');
        for (double v : values) {
            s.append(Double.toHexString(v)).append(',');
        }
        s.append('|');
        for (double v : standardErrors) {
            s.append(Double.toHexString(v)).append(',');
        }
        return s.append('|').append(Double.toHexString(loss)).append('|').append(observations).append('|')
                .append(iterations).append('|').append(converged).toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d %s %s %s loss=%.8g %s%s", index, kind, label, status, loss,
                Arrays.toString(values), error == null ? "" : " error: " + error);
    }
}
