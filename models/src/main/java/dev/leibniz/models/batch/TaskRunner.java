package dev.leibniz.models.batch;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one {@link FitTask} of a {@link FitJob} and turns whatever happens into a
 * {@link TaskResult}: the fit's numbers, or a failed row carrying the error's message. This is
 * the only code that runs on an executor, whichever engine sends the task there; the job is
 * compiled at most once per JVM ({@link JobCache}).
 */
public final class TaskRunner {
    private static final String HOST = hostName();

    private TaskRunner() {
    }

    /** Runs {@code task}; never throws for a failing fit (an {@link Error} still propagates). */
    public static TaskResult run(FitJob job, FitTask task) {
        long start = System.nanoTime();
        List<String> names = List.of();
        try {
            JobCache.Compiled c = JobCache.compiled(job);
            names = c.model().parameterNames();
            Calibrator cal = job.calibrator(c.simulator(), task.data(c));
            task.configure(cal);
            FitResult r = cal.fit();
            boolean finite = Double.isFinite(r.loss());
            return TaskResult.builder().task(task.index(), task.kind(), task.label())
                    .status(finite ? TaskResult.OK : TaskResult.FAILED,
                            finite ? null : "the fit ended with a non-finite loss (" + r.loss() + ")")
                    .parameters(names, r.values(), r.standardErrors()).loss(r.loss()).observations(r.observations())
                    .iterations(r.iterations()).converged(r.converged()).ranFor(seconds(start), HOST).build();
        } catch (RuntimeException e) {
            return failed(task, names, e, start);
        }
    }

    /** The row of a task that threw {@code e}: NaN numbers, the message (or the exception's class when it has none). */
    static TaskResult failed(FitTask task, List<String> names, RuntimeException e, long start) {
        double[] nan = new double[names.size()];
        Arrays.fill(nan, Double.NaN);
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return TaskResult.builder().task(task.index(), task.kind(), task.label()).status(TaskResult.FAILED, message)
                .parameters(names, nan, nan).ranFor(seconds(start), HOST).build();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    /** host/pid of this JVM: executors on one machine (local-cluster) are told apart by their process id. */
    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
