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
 *
 * <p>Build one with {@link #builder()}: fourteen positional components, four of them adjacent
 * strings, were easy to swap unnoticed, so the library's own code names every field.
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

    /** A builder with nothing set; {@link Builder#build()} says which required field is missing. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Named setters for a {@link TaskResult}. Required: index, kind, label, status and the
     * parameters (names, values, standard errors); the others default to a fit that did not run
     * (no error, NaN loss, no observations or iterations, not converged, 0 s, no host).
     */
    public static final class Builder {
        private Integer index;
        private String kind;
        private String label;
        private String status;
        private String error;
        private List<String> parameterNames;
        private double[] values;
        private double[] standardErrors;
        private double loss = Double.NaN;
        private int observations;
        private int iterations;
        private boolean converged;
        private double seconds;
        private String host;

        private Builder() {
        }

        /** The task's position in its batch, its kind and its label (see {@link FitTask}). */
        public Builder task(int index, String kind, String label) {
            this.index = index;
            this.kind = kind;
            this.label = label;
            return this;
        }

        /** {@link #OK} or {@link #FAILED}, with the error message of a failure (null for none). */
        public Builder status(String status, String error) {
            this.status = status;
            this.error = error;
            return this;
        }

        /** Every parameter in model order, with its value and standard error. */
        public Builder parameters(List<String> names, double[] values, double[] standardErrors) {
            this.parameterNames = names;
            this.values = values;
            this.standardErrors = standardErrors;
            return this;
        }

        public Builder loss(double loss) {
            this.loss = loss;
            return this;
        }

        public Builder observations(int observations) {
            this.observations = observations;
            return this;
        }

        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        public Builder converged(boolean converged) {
            this.converged = converged;
            return this;
        }

        /** Wall time of the fit and where it ran (host name/process id). */
        public Builder ranFor(double seconds, String host) {
            this.seconds = seconds;
            this.host = host;
            return this;
        }

        /** The result; throws {@link IllegalStateException} naming the first required field not set. */
        public TaskResult build() {
            String missing = index == null ? "task" : status == null ? "status" : parameterNames == null ? "parameters" : null;
            if (missing != null) {
                throw new IllegalStateException("TaskResult." + missing + "(...) was not set");
            }
            if (values == null || standardErrors == null || values.length != parameterNames.size()
                    || standardErrors.length != parameterNames.size()) {
                throw new IllegalStateException("TaskResult.parameters needs one value and one standard error per name ("
                        + parameterNames.size() + "), got " + (values == null ? "null" : values.length) + " and "
                        + (standardErrors == null ? "null" : standardErrors.length));
            }
            return new TaskResult(index, kind, label, status, error, parameterNames, values, standardErrors, loss,
                    observations, iterations, converged, seconds, host);
        }
    }
}
