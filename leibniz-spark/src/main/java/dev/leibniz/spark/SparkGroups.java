package dev.leibniz.spark;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.batch.GroupTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * A long table in Spark (one row per group and time) as one {@link GroupTask} per group, built on
 * the executors: rows are grouped by the group column (one shuffle of the table), each group's rows
 * sorted by time, and groups numbered by the rank of their name — the numbering of
 * {@code GroupTable} on one machine, so both engines give the same rows. Numbering needs the
 * distinct group names on the driver (a broadcast of 10⁶ short names is a few tens of MB).
 *
 * <p>The time column is the first of {@code t}, {@code time}, {@code year}; every other column
 * but the group is observed, read as a double (null, a missing cell: NaN; a cell that is not a
 * number is an error of the table).
 */
final class SparkGroups {
    private SparkGroups() {
    }

    /**
     * A cell of {@code column} that is not a number is an error of the table, as on the local
     * engine (Spark's ANSI cast would fail the job with its own exception instead): one pass
     * over the column, naming the first such cell and its group.
     */
    private static void checkNumbers(Dataset<Row> table, String groupColumn, String column) {
        List<Row> bad = table.filter("`" + column + "` IS NOT NULL AND try_cast(`" + column + "` AS DOUBLE) IS NULL")
                .selectExpr("CAST(`" + groupColumn + "` AS STRING)", "CAST(`" + column + "` AS STRING)").limit(1)
                .collectAsList();
        if (!bad.isEmpty()) {
            throw new LeibnizException("column '" + column + "', group '" + bad.get(0).getString(0) + "': '"
                    + bad.get(0).getString(1) + "' is not a number");
        }
    }

    static JavaRDD<GroupTask> tasks(Dataset<Row> table, String groupColumn, int partitions) {
        List<String> header = Arrays.asList(table.columns());
        if (!header.contains(groupColumn)) {
            throw new LeibnizException("--group-by: no column '" + groupColumn + "'; the columns are " + header);
        }
        String time = timeColumn(header, groupColumn);
        List<String> observed = new ArrayList<>();
        for (String c : header) {
            if (!c.equals(groupColumn) && !c.equals(time)) {
                observed.add(c);
            }
        }
        List<String> cols = new ArrayList<>(List.of(groupColumn, time));
        cols.addAll(observed);
        for (String c : cols.subList(1, cols.size())) {
            checkNumbers(table, groupColumn, c);
        }
        Dataset<Row> t = table.selectExpr(cols.stream().map(c -> c.equals(groupColumn) ? "CAST(`" + c + "` AS STRING)"
                : "try_cast(`" + c + "` AS DOUBLE)").toArray(String[]::new));
        List<String> names = new ArrayList<>();
        for (Row r : t.select(t.columns()[0]).distinct().collectAsList()) {
            names.add(r.getString(0));
        }
        names.sort(null);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            rank.put(names.get(i), i);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(table.sparkSession().sparkContext());
        Broadcast<Map<String, Integer>> index = jsc.broadcast(rank);
        return t.javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0), r))
                .groupByKey(partitions)
                .map(g -> task(index.value().get(g._1()), g._1(), g._2(), observed));
    }

    /** The first column named t, time or year (any case) other than the group column. */
    private static String timeColumn(List<String> header, String groupColumn) {
        String time = null;
        for (String c : header) {
            if (!c.equals(groupColumn) && List.of("t", "time", "year").contains(c.toLowerCase(Locale.ROOT)) && time == null) {
                time = c;
            }
        }
        if (time == null) {
            throw new LeibnizException("the table has no time column (t, time or year); its columns are " + header);
        }
        return time;
    }

    /**
     * One group's rows (group, time, observed columns…; a missing cell NaN), sorted by time, as
     * the task of fitting that group; runs on the executors.
     */
    private static GroupTask task(int rank, String group, Iterable<Row> groupRows, List<String> observed) {
        int m = observed.size();
        List<double[]> rows = new ArrayList<>();
        for (Row r : groupRows) {
            double[] row = new double[1 + m];
            for (int c = 0; c <= m; c++) {
                row[c] = r.isNullAt(1 + c) ? Double.NaN : r.getDouble(1 + c);
            }
            rows.add(row);
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] times = new double[rows.size()];
        double[][] values = new double[rows.size()][];
        for (int k = 0; k < rows.size(); k++) {
            times[k] = rows.get(k)[0];
            values[k] = Arrays.copyOfRange(rows.get(k), 1, 1 + m);
        }
        return new GroupTask(rank, group, times, observed, values);
    }
}
