package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a batch on a pool of {@code threads} threads of this JVM: no Spark, no serialisation,
 * the default engine of the command line. The compiled job is shared by the threads
 * ({@link JobCache}); each task allocates its own optimizer state.
 */
public final class LocalEngine implements BatchEngine {
    private final int threads;

    /** An engine of {@code threads} ≥ 1 worker threads. */
    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new LeibnizException("the local engine needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
    }

    /** An engine with one thread per available processor. */
    public static LocalEngine allCores() {
        return new LocalEngine(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String name() {
        return "local[" + threads + "]";
    }

    @Override
    public List<TaskResult> run(FitJob job, List<? extends FitTask> tasks, Consumer<TaskResult> onDone) {
        if (threads == 1) {
            List<TaskResult> rows = new ArrayList<>();
            for (FitTask t : tasks) {
                rows.add(notify(TaskRunner.run(job, t), onDone));
            }
            return rows;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "leibniz-batch");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<TaskResult>> futures = new ArrayList<>();
            for (FitTask t : tasks) {
                futures.add(pool.submit(() -> notify(TaskRunner.run(job, t), onDone)));
            }
            List<TaskResult> rows = new ArrayList<>();
            for (Future<TaskResult> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeibnizException("the batch was interrupted");
        } catch (ExecutionException e) {
            throw new LeibnizException("a batch task failed outside its fit: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private final Object progressLock = new Object();

    private TaskResult notify(TaskResult r, Consumer<TaskResult> onDone) {
        if (onDone != null) {
            synchronized (progressLock) {
                onDone.accept(r);
            }
        }
        return r;
    }
}
