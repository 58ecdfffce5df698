package dev.leibniz.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.GroupTable;
import dev.leibniz.models.batch.Intervals;
import dev.leibniz.models.batch.LocalEngine;
import dev.leibniz.models.batch.StartDesign;
import dev.leibniz.models.batch.StartTask;
import dev.leibniz.models.batch.SyntheticGroups;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the local engine on Spark {@code local[2]} (one session for the
 * class: starting Spark costs seconds). The oracle is the local engine, itself checked against
 * closed forms and the reference lynx–hare optimum in the models tests: every row must be equal
 * bit for bit ({@link TaskResult#outcome}), whatever the partitioning.
 */
class SparkEngineTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("leibniz-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<String> outcomes(List<TaskResult> rows) {
        return rows.stream().map(TaskResult::outcome).toList();
    }

    static FitJob lynxHare() throws IOException {
        Path ex = Path.of("..", "examples");
        return FitJob.of("lotka-volterra.model", Files.readString(ex.resolve("lotka-volterra.model")))
                .withData("hudson-bay-lynx-hare.csv", Files.readString(ex.resolve("hudson-bay-lynx-hare.csv")))
                .withLoss("logsse");
    }

    @Test
    void multiStartRowsEqualTheLocalEngineForAnyPartitioning() throws IOException {
        FitJob job = lynxHare();
        List<String> names = List.of("alpha", "beta", "gamma", "delta", "hare0", "lynx0");
        SparkEngine engine = SparkEngine.on(spark);
        Dataset<Row> ds = engine.multiStart(job, 8, StartDesign.SOBOL, 0);
        assertEquals(List.of("task", "kind", "label", "status", "error", "loss", "observations", "iterations",
                "converged", "alpha", "beta", "gamma", "delta", "hare0", "lynx0", "se_alpha", "se_beta", "se_gamma",
                "se_delta", "se_hare0", "se_lynx0", "seconds", "host"), Arrays.asList(ds.columns()));
        List<TaskResult> spark2 = SparkEngine.collect(ds, names);
        List<TaskResult> spark5 = SparkEngine.collect(engine.withPartitions(5).multiStart(job, 8, StartDesign.SOBOL, 0),
                names);
        List<TaskResult> local = new LocalEngine(2).run(job, Tasks.multiStart(job, 8, StartDesign.SOBOL, 0), null);
        assertEquals(outcomes(local), outcomes(spark2));
        assertEquals(outcomes(local), outcomes(spark5));
        assertEquals(2.0186612, Intervals.best(spark2).loss(), 5e-8);
    }

    /** Groups read by Spark from CSV and from Parquet, against the local engine reading the same CSV; a bad group is a failed row. */
    @Test
    void perGroupFromCsvAndParquetEqualsTheLocalEngine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("groups.csv");
        new SyntheticGroups(10, 12, 2.0, 5).write(csv);
        Files.writeString(csv, "g0003x,0,5\ng0003x,1,7\ng0003x,1,8\n", java.nio.file.StandardOpenOption.APPEND);
        FitJob job = FitJob.of("logistic.model", Files.readString(Path.of("..", "examples", "logistic.model")));
        List<TaskResult> local = new LocalEngine(2).run(job, Tasks.perGroup(GroupTable.read(csv, "group")), null);
        Dataset<Row> table = spark.read().option("header", "true").option("comment", "#").option("inferSchema", "true")
                .csv(csv.toString());
        SparkEngine engine = SparkEngine.on(spark).withPartitions(3);
        List<String> names = List.of("r", "K", "N0");
        List<TaskResult> fromCsv = SparkEngine.collect(engine.perGroup(job, table, "group"), names);
        assertEquals(outcomes(local), outcomes(fromCsv));
        table.write().parquet(dir.resolve("groups.parquet").toString());
        List<TaskResult> fromParquet = SparkEngine.collect(
                engine.perGroup(job, spark.read().parquet(dir.resolve("groups.parquet").toString()), "group"), names);
        assertEquals(outcomes(local), outcomes(fromParquet));
        assertEquals(11, local.size());
        TaskResult bad = local.get(4);
        assertEquals("g0003x", bad.label());
        assertEquals(TaskResult.FAILED, bad.status());
        assertEquals(10, local.stream().filter(TaskResult::ok).count());
    }

    /** A cell that is not a number is an error of the table naming the column, the group and the cell, not a failed Spark job. */
    @Test
    void aCellThatIsNotANumberIsATableError(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "group,t,N\na,0,5\na,1,7\nb,0,x\n");
        FitJob job = FitJob.of("logistic.model", Files.readString(Path.of("..", "examples", "logistic.model")));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.leibniz.core.LeibnizException.class,
                () -> SparkEngine.on(spark).perGroup(job, csv, "group", null));
        assertEquals("column 'N', group 'b': 'x' is not a number", e.getMessage());
    }

    @Test
    void profilesAndBootstrapEqualTheLocalEngine() {
        FitJob job = FitJob.of("line.model", "param a = 1\nparam b = 0\nstate y = b\nder(y) = a\n")
                .withData("line.csv", "t,y\n0,2.31\n1,2.28\n2,3.19\n3,3.41\n4,4.12\n5,4.38\n6,5.21\n7,5.33\n8,6.07\n9,6.69\n");
        TaskResult opt = new LocalEngine(1).run(job, List.of(new StartTask(0, new double[] {1, 0})), null).get(0);
        SparkEngine engine = SparkEngine.on(spark);
        List<String> names = List.of("a", "b");
        assertEquals(outcomes(new LocalEngine(2).run(job, Tasks.profiles(job, opt.values(), opt.standardErrors(), 5, 3), null)),
                outcomes(SparkEngine.collect(engine.profiles(job, opt.values(), opt.standardErrors(), 5, 3), names)));
        assertEquals(outcomes(new LocalEngine(2).run(job, Tasks.bootstrap(job, opt.values(), 20, 9), null)),
                outcomes(SparkEngine.collect(engine.bootstrap(job, opt.values(), 20, 9), names)));
    }
}
