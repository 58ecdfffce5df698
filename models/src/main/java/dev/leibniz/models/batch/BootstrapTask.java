package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.data.DataSet;
import java.util.SplittableRandom;

/**
 * One replicate of a residual bootstrap (Efron and Tibshirani, <i>An Introduction to the
 * Bootstrap</i>, 1993, §9.5): the model is simulated at the optimum θ̂, the residuals of each
 * data column on the loss's scale are centred and drawn with replacement, and the replicate's data
 * are the fitted values plus the drawn residuals — y* = μ̂ + e* for the sum of squares,
 * y* = μ̂·exp(e*) for the sum of squares of logs (multiplicative noise). The replicate is then
 * fitted from θ̂. The draws come from a generator seeded by {@code seed} alone, so a replicate
 * is the same on every engine.
 *
 * <p>Residual resampling keeps the design (the observation times) fixed, which is what a time
 * series needs: resampling whole rows would repeat times, which an ODE fit cannot take. It
 * assumes the residuals of a column are exchangeable (constant variance on the loss's scale).
 */
public record BootstrapTask(int index, long seed, double[] optimum) implements FitTask {
    public BootstrapTask {
        optimum = optimum.clone();
    }

    @Override
    public String kind() {
        return "bootstrap";
    }

    @Override
    public String label() {
        return "replicate " + index;
    }

    @Override
    public DataSet data(JobCache.Compiled job) {
        DataSet d = job.data();
        boolean logs = job.lossName().equals("logsse");
        if (!logs && !job.lossName().equals("sse")) {
            throw new LeibnizException("residual bootstrap needs the loss sse or logsse, got " + job.lossName());
        }
        int m = d.columnCount();
        int[] columns = new int[m];
        for (int c = 0; c < m; c++) {
            columns[c] = job.model().observableNames().indexOf(d.columns().get(c));
        }
        double[][] fitted = new double[d.rowCount()][m];
        job.simulator().simulate(optimum, d.times(), columns, fitted, null);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] values = new double[d.rowCount()][m];
        for (int c = 0; c < m; c++) {
            double[] e = residuals(d, c, fitted, logs);
            for (int k = 0; k < d.rowCount(); k++) {
                if (!d.isObserved(k, c)) {
                    values[k][c] = Double.NaN;
                    continue;
                }
                double draw = e[rnd.nextInt(e.length)];
                values[k][c] = logs ? fitted[k][c] * Math.exp(draw) : fitted[k][c] + draw;
            }
        }
        return DataSet.of(d.name() + " (replicate " + index + ")", d.times(), d.columns(), values);
    }

    /** The centred residuals of column {@code c} on the loss's scale (observed cells only). */
    private static double[] residuals(DataSet d, int c, double[][] fitted, boolean logs) {
        int n = 0;
        double[] e = new double[d.rowCount()];
        double mean = 0;
        for (int k = 0; k < d.rowCount(); k++) {
            if (d.isObserved(k, c)) {
                e[n] = logs ? Math.log(d.value(k, c)) - Math.log(fitted[k][c]) : d.value(k, c) - fitted[k][c];
                mean += e[n++];
            }
        }
        mean /= n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = e[i] - mean;
        }
        return out;
    }

    @Override
    public void configure(Calibrator c) {
        c.start(optimum);
    }

    @Override
    public double[] optimum() {
        return optimum.clone();
    }
}
