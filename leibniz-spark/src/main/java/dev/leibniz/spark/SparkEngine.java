package dev.leibniz.spark;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.FitTask;
import dev.leibniz.models.batch.JobCache;
import dev.leibniz.models.batch.StartDesign;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.TaskRunner;
import dev.leibniz.models.batch.Tasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The batch operations on Apache Spark, each returning a {@code Dataset<Row>} with one row per
 * task ({@link ResultRows}): {@link #multiStart}, {@link #perGroup}, {@link #profiles},
 * {@link #bootstrap}. The tasks are made on the driver exactly as for the local engine
 * ({@link Tasks}), shipped to the executors as serialised {@link FitTask}s with the
 * {@link FitJob} (model text, data, options: a few kilobytes), and run there by the same
 * {@link TaskRunner}; each executor JVM compiles the job once ({@link JobCache}). So the rows
 * equal the local engine's bit for bit, whatever the partitioning.
 *
 * <p>Tasks are split into {@code partitions} slices (default: twice the default parallelism, so
 * a slow slice of hard starts does not leave cores idle at the end). A fit that fails is a row,
 * never a failed Spark task.
 */
public final class SparkEngine implements BatchEngine {
    private final SparkSession spark;
    private final int partitions;
    private final boolean owned;

    private SparkEngine(SparkSession spark, int partitions, boolean owned) {
        this.spark = spark;
        this.partitions = partitions;
        this.owned = owned;
    }

    /** An engine on an existing session (which {@link #close} leaves running). */
    public static SparkEngine on(SparkSession spark) {
        return new SparkEngine(spark, 2 * spark.sparkContext().defaultParallelism(), false);
    }

    /**
     * Starts (or joins) a session at {@code master} ({@code local[4]}, {@code spark://host:7077};
     * null: whatever spark-submit configured) with the web UI off; {@link #close} stops it.
     */
    public static SparkEngine start(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("leibniz").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8");
        if (master != null) {
            b.master(master);
        }
        SparkSession s = b.getOrCreate();
        return new SparkEngine(s, 2 * s.sparkContext().defaultParallelism(), true);
    }

    /** The same engine splitting tasks into {@code n} ≥ 1 partitions. */
    public SparkEngine withPartitions(int n) {
        if (n < 1) {
            throw new LeibnizException("partitions must be at least 1, got " + n);
        }
        return new SparkEngine(spark, n, owned);
    }

    public SparkSession session() {
        return spark;
    }

    @Override
    public String name() {
        return "spark " + spark.sparkContext().master();
    }

    /** {@link Tasks#multiStart} on the cluster. */
    public Dataset<Row> multiStart(FitJob job, int starts, StartDesign design, long seed) {
        return dataset(job, Tasks.multiStart(job, starts, design, seed));
    }

    /** {@link Tasks#profiles} on the cluster. */
    public Dataset<Row> profiles(FitJob job, double[] optimum, double[] standardErrors, int gridPoints, double width) {
        return dataset(job, Tasks.profiles(job, optimum, standardErrors, gridPoints, width));
    }

    /** {@link Tasks#bootstrap} on the cluster. */
    public Dataset<Row> bootstrap(FitJob job, double[] optimum, int replicates, long seed) {
        return dataset(job, Tasks.bootstrap(job, optimum, replicates, seed));
    }

    /**
     * One fit per group of {@code table} (read by Spark: CSV, Parquet, anything), grouped by
     * {@code groupColumn}; see {@link SparkGroups}. The job carries no data.
     */
    public Dataset<Row> perGroup(FitJob job, Dataset<Row> table, String groupColumn) {
        List<String> names = JobCache.compiled(job).model().parameterNames();
        JavaRDD<TaskResult> results = SparkGroups.tasks(table, groupColumn, partitions)
                .map(t -> TaskRunner.run(job, t));
        return frame(results, names);
    }

    /** Reads a CSV ({@code .csv}, comments with #) or Parquet (anything else) table with Spark and fits each group. */
    @Override
    public List<TaskResult> perGroup(FitJob job, Path file, String groupColumn, Consumer<TaskResult> onDone) {
        String f = file.toString();
        Dataset<Row> table = f.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                // every cell as text, cast by SparkGroups: a group named 007 stays "007", as on the local engine
                ? spark.read().option("header", "true").option("comment", "#").option("ignoreLeadingWhiteSpace", "true")
                        .option("ignoreTrailingWhiteSpace", "true").csv(f)
                : spark.read().parquet(f);
        List<TaskResult> rows = collect(perGroup(job, table, groupColumn), JobCache.compiled(job).model().parameterNames());
        if (onDone != null) {
            rows.forEach(onDone);
        }
        return rows;
    }

    @Override
    public boolean writeParquet(List<TaskResult> rows, Path dir) {
        List<String> names = rows.isEmpty() ? List.of() : rows.get(0).parameterNames();
        List<Row> out = new ArrayList<>();
        for (TaskResult r : rows) {
            out.add(ResultRows.toRow(r, names.size()));
        }
        spark.createDataFrame(out, ResultRows.schema(names)).coalesce(1).write().mode("overwrite").parquet(dir.toString());
        return true;
    }

    /**
     * Runs any tasks of {@code job} as a dataset of result rows. Lazy: nothing runs until an
     * action, and every action runs the fits again — {@code cache()} or write the dataset when
     * more than one action reads it.
     */
    public Dataset<Row> dataset(FitJob job, List<? extends FitTask> tasks) {
        List<String> names = JobCache.compiled(job).model().parameterNames();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<FitTask> list = new ArrayList<>(tasks);
        JavaRDD<TaskResult> results = jsc.parallelize(list, Math.max(1, Math.min(partitions, list.size())))
                .map(t -> TaskRunner.run(job, t));
        return frame(results, names);
    }

    private Dataset<Row> frame(JavaRDD<TaskResult> results, List<String> names) {
        int p = names.size();
        return spark.createDataFrame(results.map(r -> ResultRows.toRow(r, p)), ResultRows.schema(names));
    }

    /**
     * {@link BatchEngine}: runs the tasks, collects the rows in task order and reports each to
     * {@code onDone} after the job (Spark gives no per-task callback to the driver's caller).
     */
    @Override
    public List<TaskResult> run(FitJob job, List<? extends FitTask> tasks, Consumer<TaskResult> onDone) {
        List<String> names = JobCache.compiled(job).model().parameterNames();
        List<TaskResult> rows = collect(dataset(job, tasks), names);
        if (onDone != null) {
            rows.forEach(onDone);
        }
        return rows;
    }

    /**
     * The rows of a result dataset as {@link TaskResult}s, in task order. Sorted here, on the
     * driver: {@code orderBy} in Spark would sample its input first, running every fit twice.
     */
    public static List<TaskResult> collect(Dataset<Row> results, List<String> parameters) {
        List<TaskResult> out = new ArrayList<>();
        for (Row r : results.collectAsList()) {
            out.add(ResultRows.fromRow(r, parameters));
        }
        out.sort(java.util.Comparator.comparingInt(TaskResult::index));
        return out;
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
