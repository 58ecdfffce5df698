package dev.leibniz.models.batch;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.data.DataSet;
import java.util.List;

/**
 * The fit of one group of a table (a patient, a site, a sensor) from the model's initial
 * guesses: the group's rows as {@code times} and {@code values[row][column]} (NaN: missing).
 * Data that cannot be used (non-increasing times, no observation) fail this task only.
 */
public record GroupTask(int index, String group, double[] times, List<String> columns, double[][] values)
        implements FitTask {
    public GroupTask {
        times = times.clone();
        columns = List.copyOf(columns);
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        values = copy;
    }

    @Override
    public String kind() {
        return "group";
    }

    @Override
    public String label() {
        return group;
    }

    @Override
    public DataSet data(JobCache.Compiled job) {
        return DataSet.of(group, times, columns, values);
    }

    @Override
    public void configure(Calibrator c) {
        // every group starts from the model file's initial guesses
    }
}
