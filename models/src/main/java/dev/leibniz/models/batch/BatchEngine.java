package dev.leibniz.models.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the tasks of a batch run: a thread pool on this machine ({@link LocalEngine}) or a Spark
 * cluster (module leibniz-spark). Every engine runs each task through {@link TaskRunner}, so the
 * rows are the same, bit for bit, whichever engine and however many workers; only the time and
 * host columns differ.
 */
public interface BatchEngine extends AutoCloseable {
    /**
     * Runs every task of {@code job} and returns one row per task in task order; {@code onDone}
     * (null: none) hears of each row as it finishes, on the caller's thread or a worker's, one
     * call at a time.
     */
    List<TaskResult> run(FitJob job, List<? extends FitTask> tasks, Consumer<TaskResult> onDone);

    /**
     * One fit per group of the table in {@code file}, grouped by {@code groupColumn}. The default
     * reads a CSV file with {@link GroupTable}; an engine that reads more formats (Spark: Parquet)
     * overrides it and gives the same rows for the same table.
     */
    default List<TaskResult> perGroup(FitJob job, Path file, String groupColumn, Consumer<TaskResult> onDone) {
        return run(job, Tasks.perGroup(GroupTable.read(file, groupColumn)), onDone);
    }

    /** Writes {@code rows} as a Parquet table into the directory {@code dir} if this engine can; false if not. */
    default boolean writeParquet(List<TaskResult> rows, Path dir) {
        return false;
    }

    /** A short description for reports: "local[2]", "spark local[4]". */
    String name();

    @Override
    default void close() {
    }
}
