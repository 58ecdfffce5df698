package dev.leibniz.models.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded table of many groups of logistic growth, each group with its own known parameters,
 * for checking per-group fits: N(t) = K / (1 + (K/N₀ − 1)·e^(−r·t)) (the closed form of
 * {@code examples/logistic.model}, so the data do not come from the solver under test),
 * observed at t = 0, 1, …, {@code points} − 1 with additive Gaussian noise of standard deviation
 * {@code sigma}. Group g's parameters are drawn uniformly — r ∈ [0.4, 1.2], K ∈ [60, 140],
 * N₀ ∈ [3, 8] — and its noise from a generator seeded by {@link Seeds#of}(seed, g), so a group's
 * data do not depend on how many groups are made.
 */
public final class SyntheticGroups {
    /** The parameters' names, in the model file's order. */
    public static final List<String> PARAMETERS = List.of("r", "K", "N0");

    private final long seed;
    private final int groups;
    private final int points;
    private final double sigma;

    public SyntheticGroups(int groups, int points, double sigma, long seed) {
        this.groups = groups;
        this.points = points;
        this.sigma = sigma;
        this.seed = seed;
    }

    /** The true parameters (r, K, N₀) of group {@code g}. */
    public double[] truth(int g) {
        SplittableRandom rnd = new SplittableRandom(Seeds.of(seed, g));
        return new double[] {0.4 + 0.8 * rnd.nextDouble(), 60 + 80 * rnd.nextDouble(), 3 + 5 * rnd.nextDouble()};
    }

    /** The name of group {@code g}. */
    public static String name(int g) {
        return String.format(Locale.ROOT, "g%04d", g);
    }

    /** The table of every group. */
    public GroupTable table() {
        List<GroupTable.Group> gs = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            gs.add(group(g));
        }
        return GroupTable.of(List.of("N"), gs);
    }

    private GroupTable.Group group(int g) {
        double[] p = truth(g);
        // the noise continues the stream that drew the parameters
        SplittableRandom rnd = new SplittableRandom(Seeds.of(seed, g));
        rnd.nextDouble();
        rnd.nextDouble();
        rnd.nextDouble();
        double[] t = new double[points];
        double[][] v = new double[points][1];
        for (int k = 0; k < points; k++) {
            t[k] = k;
            v[k][0] = logistic(p, k) + sigma * gaussian(rnd);
        }
        return new GroupTable.Group(name(g), t, v);
    }

    /** N(t) in closed form. */
    public static double logistic(double[] p, double t) {
        return p[1] / (1 + (p[1] / p[2] - 1) * Math.exp(-p[0] * t));
    }

    /** A standard normal draw (Marsaglia's polar method). */
    private static double gaussian(SplittableRandom rnd) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Writes the table as CSV: group,t,N. */
    public void write(Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# logistic growth, " + groups + " groups, sigma " + sigma + ", seed " + seed
                    + " (dev.leibniz.models.batch.SyntheticGroups)\n");
            w.write("group,t,N\n");
            for (GroupTable.Group g : table().groups()) {
                for (int k = 0; k < g.times().length; k++) {
                    w.write(g.name() + "," + g.times()[k] + "," + g.values()[k][0] + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
