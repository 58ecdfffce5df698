package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * How the start points of a multi-start fit fill the unit cube [0, 1)ᵈ (then mapped into the
 * parameters' ranges by {@link SamplingBox}). Both designs cover the cube far more evenly than
 * independent uniform draws, so fewer starts find every basin.
 *
 * <ul>
 *   <li>{@link #LATIN_HYPERCUBE}: each axis cut into n equal slices, each slice holding exactly one
 *       point, at a uniform position inside it, slices paired across axes by random permutations
 *       (McKay, Beckman and Conover, Technometrics 21, 1979). Random, so it takes a seed.</li>
 *   <li>{@link #SOBOL}: the Sobol low-discrepancy sequence (Joe and Kuo direction numbers, by
 *       Hipparchus), skipping its first point (the origin, a corner of the box). Deterministic:
 *       the seed is ignored.</li>
 * </ul>
 */
public enum StartDesign {
    LATIN_HYPERCUBE {
        @Override
        public double[][] points(int n, int dimension, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[][] u = new double[n][dimension];
            for (int d = 0; d < dimension; d++) {
                int[] slice = permutation(n, rnd);
                for (int i = 0; i < n; i++) {
                    // strictly inside the slice, so no point lies on the box's faces
                    double w;
                    do {
                        w = rnd.nextDouble();
                    } while (w == 0.0);
                    u[i][d] = (slice[i] + w) / n;
                }
            }
            return u;
        }
    },
    SOBOL {
        @Override
        public double[][] points(int n, int dimension, long seed) {
            SobolSequenceGenerator g = new SobolSequenceGenerator(dimension);
            g.nextVector(); // the origin
            double[][] u = new double[n][];
            for (int i = 0; i < n; i++) {
                u[i] = g.nextVector();
            }
            return u;
        }
    };

    /** {@code n} points of the unit cube of the given dimension. */
    public abstract double[][] points(int n, int dimension, long seed);

    /** A design by name: lhs (or latin-hypercube) or sobol, case-insensitive. */
    public static StartDesign byName(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "lhs", "latin-hypercube" -> LATIN_HYPERCUBE;
            case "sobol" -> SOBOL;
            default -> throw new LeibnizException("unknown start design '" + name + "'; valid: lhs, sobol");
        };
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
