package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Confidence intervals from batch results, three ways:
 *
 * <ul>
 *   <li><b>Wald</b>: θ̂ ± t·SE with t the (1+level)/2 quantile of Student's t with n − p degrees
 *       of freedom (the Gauss–Newton standard errors of a least-squares fit);</li>
 *   <li><b>profile likelihood</b>: the values of θᵢ whose profile loss L_p(θᵢ) (the others
 *       refitted) stays below L̂ + Δ, with Δ = χ²₁(level)·L̂/(n − p) for a sum of squares (the
 *       noise variance estimated at the optimum, so where L_p is quadratic the interval is
 *       θ̂ ± z·SE, the Wald interval with the normal quantile) and Δ = χ²₁(level) for a deviance;
 *       the crossing is interpolated linearly between grid points, and a side where the profile
 *       never crosses within the grid is reported as open (±∞);</li>
 *   <li><b>bootstrap percentile</b>: the (1−level)/2 and (1+level)/2 empirical quantiles of the
 *       replicates' estimates.</li>
 * </ul>
 */
public final class Intervals {
    private Intervals() {
    }

    /** An interval [lo, hi]; ±∞ on a side the method could not close. */
    public record Interval(double lo, double hi) {
        public boolean contains(double x) {
            return lo <= x && x <= hi;
        }

        public boolean closed() {
            return Double.isFinite(lo) && Double.isFinite(hi);
        }
    }

    /** The Wald interval of {@code parameter} from a successful row. */
    public static Interval wald(TaskResult r, String parameter, int fittedParameters, double level) {
        double t = new TDistribution(r.observations() - fittedParameters).inverseCumulativeProbability((1 + level) / 2);
        double se = r.standardError(parameter);
        double v = r.value(parameter);
        return new Interval(v - t * se, v + t * se);
    }

    /** The loss increase Δ that bounds a profile interval (see the class comment). */
    public static double profileThreshold(double optimumLoss, int observations, int fittedParameters,
                                          boolean leastSquares, double level) {
        double chi2 = new ChiSquaredDistribution(1).inverseCumulativeProbability(level);
        return leastSquares ? chi2 * optimumLoss / (observations - fittedParameters) : chi2;
    }

    /**
     * The profile interval of {@code parameter} from the profile rows of it (any order; failed
     * rows are skipped), the optimum value and loss, and the threshold Δ.
     */
    public static Interval profile(List<TaskResult> rows, String parameter, double optimumValue, double optimumLoss,
                                   double threshold) {
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {optimumValue, optimumLoss});
        for (TaskResult r : rows) {
            if (r.ok() && r.kind().equals("profile") && r.label().equals(parameter)) {
                pts.add(new double[] {r.value(parameter), r.loss()});
            }
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        int centre = 0;
        while (pts.get(centre)[0] != optimumValue) {
            centre++;
        }
        double level = optimumLoss + threshold;
        return new Interval(crossing(pts, centre, -1, level), crossing(pts, centre, +1, level));
    }

    /** Walking from the optimum in direction {@code step}, the first place the profile reaches {@code level}. */
    private static double crossing(List<double[]> pts, int centre, int step, double level) {
        for (int k = centre; k + step >= 0 && k + step < pts.size(); k += step) {
            double[] a = pts.get(k);
            double[] b = pts.get(k + step);
            if (b[1] >= level) {
                return a[0] + (level - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
            }
        }
        return step < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The bootstrap percentile interval of {@code parameter} over the successful replicate rows. */
    public static Interval percentile(List<TaskResult> rows, String parameter, double level) {
        double[] v = rows.stream().filter(TaskResult::ok).mapToDouble(r -> r.value(parameter)).sorted().toArray();
        if (v.length < 2) {
            throw new LeibnizException("a bootstrap interval needs at least 2 successful replicates, got " + v.length);
        }
        return new Interval(quantile(v, (1 - level) / 2), quantile(v, (1 + level) / 2));
    }

    /** The q-quantile of sorted values, interpolated linearly (type 7 of Hyndman and Fan 1996, R's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The row with the least loss among the successful ones, or null when none succeeded. */
    public static TaskResult best(List<TaskResult> rows) {
        return rows.stream().filter(TaskResult::ok).min((a, b) -> Double.compare(a.loss(), b.loss())).orElse(null);
    }
}
