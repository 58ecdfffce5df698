package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.data.DataSet;
import java.util.List;
import java.util.Random;

/**
 * Data simulated from known parameters, for checking that a calibration recovers them. The
 * noise is drawn from {@link java.util.Random} with a fixed seed, so the data — and therefore
 * the fit — are reproducible.
 */
public final class SyntheticData {
    /** The noise added to each simulated value μ. */
    public enum NoiseKind {
        /** y = μ. */
        NONE,
        /** y = μ + σ·ε, ε ~ N(0, 1). */
        ADDITIVE,
        /** y = μ·exp(σ·ε): log-normal, for the sum of squares of logs. */
        MULTIPLICATIVE,
        /** y ~ Poisson(μ) (σ unused), for the Poisson deviance. */
        POISSON
    }

    private SyntheticData() {
    }

    /** Noise-free data. */
    public static DataSet exact(Simulator sim, double[] theta, double[] times, List<String> columns) {
        return simulate(sim, theta, times, columns, NoiseKind.NONE, 0, 0);
    }

    /**
     * Simulates the named observables at {@code times} and adds noise.
     *
     * @param sigma the noise scale (see {@link NoiseKind})
     * @param seed  the random seed
     */
    public static DataSet simulate(Simulator sim, double[] theta, double[] times, List<String> columns, NoiseKind noise,
                                   double sigma, long seed) {
        int[] idx = new int[columns.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = sim.observableNames().indexOf(columns.get(c));
            if (idx[c] < 0) {
                throw new LeibnizException("'" + columns.get(c) + "' is not observable; the model has "
                        + sim.observableNames());
            }
        }
        double[][] values = new double[times.length][idx.length];
        sim.simulate(theta, times, idx, values, null);
        Random rnd = new Random(seed);
        for (double[] row : values) {
            for (int c = 0; c < row.length; c++) {
                switch (noise) {
                    case ADDITIVE -> row[c] += sigma * rnd.nextGaussian();
                    case MULTIPLICATIVE -> row[c] *= Math.exp(sigma * rnd.nextGaussian());
                    case POISSON -> row[c] = poisson(row[c], rnd);
                    default -> { }
                }
            }
        }
        return DataSet.of("synthetic", times, columns, values);
    }

    /** A Poisson draw by inversion (Knuth's product method for small means, normal approximation above 500). */
    private static double poisson(double mean, Random rnd) {
        if (!(mean >= 0)) {
            throw new LeibnizException("a Poisson mean must be >= 0, got " + mean);
        }
        if (mean > 500) {
            return Math.max(0, Math.rint(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = -1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k;
    }

    /** Evenly spaced times {@code from, from + step, …} ({@code count} of them). */
    public static double[] times(double from, double step, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = from + i * step;
        }
        return t;
    }
}
