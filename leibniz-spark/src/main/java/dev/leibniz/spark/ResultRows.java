package dev.leibniz.spark;

import dev.leibniz.models.batch.TaskResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table of batch results as Spark rows: one row per task with the columns
 * {@code task, kind, label, status, error, loss, observations, iterations, converged}, then each
 * parameter's value (named after it) and standard error ({@code se_<name>}), then
 * {@code seconds, host}. A failed task has NaN numbers and its message in {@code error}.
 */
final class ResultRows {
    private ResultRows() {
    }

    /** The schema for a model with the given parameters. */
    static StructType schema(List<String> parameters) {
        List<StructField> f = new ArrayList<>();
        f.add(field("task", DataTypes.IntegerType));
        f.add(field("kind", DataTypes.StringType));
        f.add(field("label", DataTypes.StringType));
        f.add(field("status", DataTypes.StringType));
        f.add(field("error", DataTypes.StringType));
        f.add(field("loss", DataTypes.DoubleType));
        f.add(field("observations", DataTypes.IntegerType));
        f.add(field("iterations", DataTypes.IntegerType));
        f.add(field("converged", DataTypes.BooleanType));
        for (String p : parameters) {
            f.add(field(p, DataTypes.DoubleType));
        }
        for (String p : parameters) {
            f.add(field("se_" + p, DataTypes.DoubleType));
        }
        f.add(field("seconds", DataTypes.DoubleType));
        f.add(field("host", DataTypes.StringType));
        return DataTypes.createStructType(f);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** A result as a row of {@link #schema}; a failed row made before the model was parsed gets NaN parameters. */
    static Row toRow(TaskResult r, int parameters) {
        double[] v = pad(r.values(), parameters);
        double[] se = pad(r.standardErrors(), parameters);
        Object[] cells = new Object[11 + 2 * parameters];
        int i = 0;
        cells[i++] = r.index();
        cells[i++] = r.kind();
        cells[i++] = r.label();
        cells[i++] = r.status();
        cells[i++] = r.error();
        cells[i++] = r.loss();
        cells[i++] = r.observations();
        cells[i++] = r.iterations();
        cells[i++] = r.converged();
        for (double x : v) {
            cells[i++] = x;
        }
        for (double x : se) {
            cells[i++] = x;
        }
        cells[i++] = r.seconds();
        cells[i] = r.host();
        return RowFactory.create(cells);
    }

    /** A row of {@link #schema} back as a result. */
    static TaskResult fromRow(Row row, List<String> parameters) {
        int p = parameters.size();
        double[] v = new double[p];
        double[] se = new double[p];
        for (int j = 0; j < p; j++) {
            v[j] = row.getDouble(9 + j);
            se[j] = row.getDouble(9 + p + j);
        }
        return TaskResult.builder().task(row.getInt(0), row.getString(1), row.getString(2))
                .status(row.getString(3), row.getString(4)).parameters(parameters, v, se).loss(row.getDouble(5))
                .observations(row.getInt(6)).iterations(row.getInt(7)).converged(row.getBoolean(8))
                .ranFor(row.getDouble(9 + 2 * p), row.getString(10 + 2 * p)).build();
    }

    private static double[] pad(double[] x, int n) {
        if (x.length == n) {
            return x;
        }
        double[] y = new double[n];
        Arrays.fill(y, Double.NaN);
        return y;
    }
}
