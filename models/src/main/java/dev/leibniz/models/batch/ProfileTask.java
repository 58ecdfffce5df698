package dev.leibniz.models.batch;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.data.DataSet;

/**
 * One point of a profile likelihood: parameter {@code parameter} held at {@code value}, the
 * others fitted from the optimum {@code optimum} (every parameter, model order). Starting each
 * grid point from the optimum rather than from its neighbour keeps points independent, so they
 * can run anywhere in any order.
 */
public record ProfileTask(int index, String parameter, double value, double[] optimum) implements FitTask {
    public ProfileTask {
        optimum = optimum.clone();
    }

    @Override
    public String kind() {
        return "profile";
    }

    @Override
    public String label() {
        return parameter;
    }

    @Override
    public DataSet data(JobCache.Compiled job) {
        return job.data();
    }

    @Override
    public void configure(Calibrator c) {
        c.start(optimum).start(parameter, value).fix(parameter);
    }

    @Override
    public double[] optimum() {
        return optimum.clone();
    }
}
