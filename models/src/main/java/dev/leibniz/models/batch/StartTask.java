package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.data.DataSet;

/** One start of a multi-start fit: the job's data from the point {@code start} (every parameter, model order). */
public record StartTask(int index, double[] start) implements FitTask {
    public StartTask {
        start = start.clone();
    }

    @Override
    public String kind() {
        return "start";
    }

    @Override
    public String label() {
        return "start " + index;
    }

    @Override
    public DataSet data(JobCache.Compiled job) {
        if (job.data() == null) {
            throw new LeibnizException("a multi-start fit needs data in its job");
        }
        return job.data();
    }

    @Override
    public void configure(Calibrator c) {
        c.start(start);
    }

    @Override
    public double[] start() {
        return start.clone();
    }
}
