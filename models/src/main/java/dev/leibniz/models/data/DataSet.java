package dev.leibniz.models.data;

import java.util.Arrays;
import java.util.List;

/**
 * Observations of a model over time: one row per observation time, one column per observed
 * state or output, {@code NaN} where a cell was empty (a missing observation). Times are
 * strictly increasing and already shifted to the model's clock (a {@code year} column is taken
 * relative to its origin, see {@link DataReader}). Immutable.
 */
public final class DataSet {
    private final String name;
    private final String timeColumn;
    private final double timeOrigin;
    private final double[] times;
    private final List<String> columns;
    private final double[][] values;
    private final int[] lines;

    /**
     * @param name       where the data came from (a file name), used in messages
     * @param timeColumn the time column's header ({@code t}, {@code time} or {@code year})
     * @param timeOrigin what was subtracted from the file's time values
     * @param times      observation times on the model's clock, strictly increasing
     * @param columns    names of the observed columns
     * @param values     {@code values[row][column]}, NaN for missing
     * @param lines      the file line of each row (for messages), or null
     */
    DataSet(String name, String timeColumn, double timeOrigin, double[] times, List<String> columns, double[][] values,
            int[] lines) {
        this.name = name;
        this.timeColumn = timeColumn;
        this.timeOrigin = timeOrigin;
        this.times = times;
        this.columns = List.copyOf(columns);
        this.values = values;
        this.lines = lines;
    }

    /**
     * Data made in code (e.g. simulated): checked like a file — finite increasing times, at least
     * one observation, NaN for missing, no infinities.
     */
    public static DataSet of(String name, double[] times, List<String> columns, double[][] values) {
        if (values.length != times.length) {
            throw new DataFileException(name, 0, null, times.length + " times but " + values.length + " rows");
        }
        double[][] copy = new double[values.length][];
        int[] lines = new int[values.length];
        int observed = 0;
        for (int r = 0; r < values.length; r++) {
            if (!Double.isFinite(times[r]) || (r > 0 && !(times[r] > times[r - 1]))) {
                throw new DataFileException(name, 0, "t", "row " + (r + 1) + ": time " + times[r]
                        + " is not finite or not greater than the previous time");
            }
            if (values[r].length != columns.size()) {
                throw new DataFileException(name, 0, null, "row " + (r + 1) + " has " + values[r].length
                        + " values, expected " + columns.size() + " " + columns);
            }
            for (int c = 0; c < columns.size(); c++) {
                if (Double.isInfinite(values[r][c])) {
                    throw new DataFileException(name, 0, columns.get(c), "row " + (r + 1) + ": value is infinite");
                }
                observed += Double.isNaN(values[r][c]) ? 0 : 1;
            }
            copy[r] = values[r].clone();
            lines[r] = r + 1;
        }
        if (observed == 0) {
            throw new DataFileException(name, 0, null, "no usable rows: there is no observation");
        }
        return new DataSet(name, "t", 0.0, times.clone(), columns, copy, null);
    }

    public String name() {
        return name;
    }

    /** The header of the time column as written ({@code t}, {@code time} or {@code year}). */
    public String timeColumn() {
        return timeColumn;
    }

    /** The value subtracted from the file's time column (the first year, or 0). */
    public double timeOrigin() {
        return timeOrigin;
    }

    public int rowCount() {
        return times.length;
    }

    public double time(int row) {
        return times[row];
    }

    public double[] times() {
        return times.clone();
    }

    /** Names of the observed columns (without the time column), in file order. */
    public List<String> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    /** Index of a column, or -1. */
    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    /** The observation, or NaN when missing. */
    public double value(int row, int column) {
        return values[row][column];
    }

    public boolean isObserved(int row, int column) {
        return !Double.isNaN(values[row][column]);
    }

    /** All values of one column, NaN where missing. */
    public double[] column(int column) {
        double[] out = new double[times.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = values[r][column];
        }
        return out;
    }

    /** Number of non-missing cells. */
    public int observationCount() {
        int n = 0;
        for (double[] row : values) {
            for (double v : row) {
                n += Double.isNaN(v) ? 0 : 1;
            }
        }
        return n;
    }

    /** The file line a row came from (its row number, for data made in code). */
    public int line(int row) {
        return lines == null ? row + 1 : lines[row];
    }

    /** Only the named columns, in the given order; rows left without observations are kept. */
    public DataSet select(List<String> keep) {
        int[] idx = new int[keep.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = columnIndex(keep.get(i));
            if (idx[i] < 0) {
                throw new DataFileException(name, 0, keep.get(i), "no such column; the data has " + columns);
            }
        }
        double[][] v = new double[times.length][idx.length];
        for (int r = 0; r < times.length; r++) {
            for (int i = 0; i < idx.length; i++) {
                v[r][i] = values[r][idx[i]];
            }
        }
        return new DataSet(name, timeColumn, timeOrigin, times, keep, v, lines);
    }

    @Override
    public String toString() {
        return "DataSet " + name + " (" + times.length + " rows, " + timeColumn + " " + Arrays.toString(new double[] {
            times[0], times[times.length - 1]}) + ", columns " + columns + ")";
    }
}
