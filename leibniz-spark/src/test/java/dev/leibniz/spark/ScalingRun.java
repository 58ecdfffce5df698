package dev.leibniz.spark;

import dev.leibniz.models.batch.BatchEngine;
import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.FitTask;
import dev.leibniz.models.batch.GroupTask;
import dev.leibniz.models.batch.LocalEngine;
import dev.leibniz.models.batch.SyntheticGroups;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scaling figures of docs/benchmarks.md (a measurement, not a test: it asserts nothing about
 * time). Runs in the {@code spark-cluster} profile and writes {@code target/scaling.md}:
 *
 * <ul>
 *   <li>throughput, fits per second, of per-group logistic fits ({@value #GROUPS} groups of 15
 *       points, after a warm-up run of the same batch) on the local engine with 1 and 2 threads and on Spark
 *       local[1] and local[2];</li>
 *   <li>Spark's fixed costs: session start, the first job (class loading, the executor's
 *       compilation of the job), and the cost per Spark task measured with {@value #EMPTY} tasks
 *       that fail at once (bad data), one task per partition.</li>
 * </ul>
 */
@Tag("cluster")
class ScalingRun {
    static final int GROUPS = 240;
    static final int EMPTY = 400;

    @Test
    void measure() throws IOException {
        FitJob job = FitJob.of("logistic.model", Files.readString(Path.of("..", "examples", "logistic.model")));
        List<GroupTask> warm = Tasks.perGroup(new SyntheticGroups(60, 15, 2.0, 1).table());
        List<GroupTask> work = Tasks.perGroup(new SyntheticGroups(GROUPS, 15, 2.0, 2).table());
        List<FitTask> empty = new ArrayList<>();
        for (int i = 0; i < EMPTY; i++) {
            empty.add(new GroupTask(i, "e" + i, new double[] {1, 0}, List.of("N"), new double[][] {{1}, {1}}));
        }
        StringBuilder md = new StringBuilder();
        md.append("| engine | fits/s | efficiency | first job (s) | session start (s) | per task, empty (ms) |\n");
        md.append("|---|---|---|---|---|---|\n");
        double base = 0;
        for (int threads : new int[] {1, 2}) {
            LocalEngine e = new LocalEngine(threads);
            e.run(job, warm, null);
            e.run(job, work, null); // warm-up: the JIT compiles the solver and optimizer
            double rate = GROUPS / seconds(e, job, work);
            base = threads == 1 ? rate : base;
            double perTask = 1e3 * seconds(e, job, empty) / EMPTY;
            md.append(String.format(Locale.ROOT, "| local[%d] | %.1f | %.2f | – | – | %.3f |%n", threads, rate,
                    rate / (threads * base), perTask));
        }
        for (int n : new int[] {1, 2}) {
            long t0 = System.nanoTime();
            SparkSession spark = ClusterTest.session("local[" + n + "]");
            double start = (System.nanoTime() - t0) * 1e-9;
            try {
                SparkEngine e = SparkEngine.on(spark);
                double first = seconds(e, job, warm);
                seconds(e, job, work); // warm-up, as for the local engine
                double rate = GROUPS / seconds(e, job, work);
                double perTask = 1e3 * seconds(e.withPartitions(EMPTY), job, empty) / EMPTY;
                md.append(String.format(Locale.ROOT, "| spark local[%d] | %.1f | %.2f | %.2f | %.2f | %.3f |%n", n, rate,
                        rate / (n * base), first, start, perTask));
            } finally {
                spark.stop();
            }
        }
        md.append(String.format(Locale.ROOT, "%nload average at the end: %s; %d cores%n",
                Files.readString(Path.of("/proc/loadavg")).strip(), Runtime.getRuntime().availableProcessors()));
        System.out.println(md);
        Files.writeString(Path.of("target", "scaling.md"), md.toString());
    }

    private static double seconds(BatchEngine e, FitJob job, List<? extends FitTask> tasks) {
        long t0 = System.nanoTime();
        List<TaskResult> rows = e.run(job, tasks, null);
        double s = (System.nanoTime() - t0) * 1e-9;
        if (rows.size() != tasks.size()) {
            throw new AssertionError("lost rows");
        }
        return s;
    }
}
