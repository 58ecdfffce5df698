package dev.leibniz.models.batch;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.data.DataSet;
import java.io.Serializable;

/**
 * One fit of a batch: which data, from where, with what held fixed. A task is small and
 * serialisable (it travels to a Spark executor) and fully determined by its fields, so running
 * it anywhere gives the same {@link TaskResult}: any randomness it needs comes from a seed it
 * carries ({@link Seeds#of}), never from a shared generator.
 */
public sealed interface FitTask extends Serializable permits StartTask, GroupTask, ProfileTask, BootstrapTask {
    /** The task's position in its batch (the row order of the results). */
    int index();

    /** What kind of task: start, group, profile or bootstrap. */
    String kind();

    /** Which start, group, grid point or replicate, for people. */
    String label();

    /** The data this task fits, given the compiled job (whose data may be null). */
    DataSet data(JobCache.Compiled job);

    /** Sets the task's start point and anything it holds fixed. */
    void configure(Calibrator c);
}
