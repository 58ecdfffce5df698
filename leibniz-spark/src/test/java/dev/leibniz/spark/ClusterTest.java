package dev.leibniz.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.Intervals;
import dev.leibniz.models.batch.LocalEngine;
import dev.leibniz.models.batch.StartDesign;
import dev.leibniz.models.batch.TaskResult;
import dev.leibniz.models.batch.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The acceptance run of issue 18, in the {@code spark-cluster} Maven profile (slow: three Spark
 * sessions, 4 × 64 fits): 64 Sobol starts on lynx–hare under the local engine, Spark
 * {@code local[1]}, {@code local[2]} and {@code local-cluster[2,1,1024]} — two executors in
 * separate JVMs, so the job and the tasks really are serialised — give the same rows bit for
 * bit and the reference best loss 2.0186612.
 *
 * <p>local-cluster launches executors with {@code SPARK_HOME/jars} on their class path; the
 * profile points SPARK_HOME at {@code target/spark-home}, made here with an empty {@code jars}
 * directory, and the executors get this JVM's class path as {@code spark.executor.extraClassPath}.
 */
@Tag("cluster")
class ClusterTest {
    @Test
    void sixtyFourStartsAreTheSameOnEveryEngine() throws IOException {
        FitJob job = SparkEngineTest.lynxHare();
        List<String> names = List.of("alpha", "beta", "gamma", "delta", "hare0", "lynx0");
        List<TaskResult> local = new LocalEngine(2).run(job, Tasks.multiStart(job, 64, StartDesign.SOBOL, 0), null);
        assertEquals("2.0186612", String.format(java.util.Locale.ROOT, "%.8g", Intervals.best(local).loss()));
        List<String> expected = SparkEngineTest.outcomes(local);
        for (String master : List.of("local[1]", "local[2]", "local-cluster[2,1,1024]")) {
            SparkSession spark = session(master);
            try {
                List<TaskResult> rows = SparkEngine.collect(SparkEngine.on(spark).multiStart(job, 64, StartDesign.SOBOL, 0),
                        names);
                assertEquals(expected, SparkEngineTest.outcomes(rows), master);
                if (master.startsWith("local-cluster")) {
                    Set<String> hosts = rows.stream().map(TaskResult::host).collect(Collectors.toSet());
                    String driver = "/" + ProcessHandle.current().pid();
                    assertTrue(hosts.stream().noneMatch(h -> h.endsWith(driver)), "ran in the driver: " + hosts);
                    assertEquals(2, hosts.size(), "two executor JVMs: " + hosts);
                }
            } finally {
                spark.stop();
            }
        }
    }

    static SparkSession session(String master) throws IOException {
        Path home = Path.of(System.getenv().getOrDefault("SPARK_HOME", "target/spark-home"));
        Files.createDirectories(home.resolve("jars"));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return SparkSession.builder().master(master).appName("leibniz-cluster-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.extraClassPath", cp).getOrCreate();
    }
}
