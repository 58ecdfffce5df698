package dev.leibniz.cli;

import dev.leibniz.models.batch.FitJob;
import dev.leibniz.models.batch.JobCache;
import dev.leibniz.models.batch.LocalEngine;
import dev.leibniz.models.batch.StartTask;
import dev.leibniz.models.batch.TaskResult;
import java.util.List;

/** The fit that profile and bootstrap start from: one fit from the model file's initial guesses, on this machine. */
final class OptimumFit {
    private OptimumFit() {
    }

    /** The optimum; a failed fit is a computation failure with its message. */
    static TaskResult of(FitJob job) {
        double[] start = JobCache.compiled(job).model().initialParameterValues();
        TaskResult r = new LocalEngine(1).run(job, List.of(new StartTask(0, start)), null).get(0);
        if (!r.ok()) {
            throw new ComputationFailedException("the fit to the data failed: " + r.error());
        }
        return r;
    }

    /** How many parameters the job fits. */
    static int fitted(FitJob job) {
        return JobCache.compiled(job).model().parameterCount() - job.fixed().size();
    }
}
