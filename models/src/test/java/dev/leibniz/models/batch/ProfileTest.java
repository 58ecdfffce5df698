package dev.leibniz.models.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Profile likelihoods. On a model linear in its parameters the sum of squares is exactly
 * quadratic, so the profile interval must equal θ̂ ± z·SE with SE from the closed-form least
 * squares (the oracle, computed here from the data, not by the code under test). On lynx–hare
 * the profiles are compared with the Wald intervals of the fit.
 */
class ProfileTest {
    static final double Z = 1.959963984540054; // sqrt(chi2_1(0.95)), the normal 97.5 % quantile

    @Test
    void profileOfAQuadraticLossIsTheWaldInterval() {
        double[] t = BatchFixtures.LINE_T;
        double[] y = BatchFixtures.LINE_Y;
        int n = t.length;
        double tm = 0;
        double ym = 0;
        for (int k = 0; k < n; k++) {
            tm += t[k] / n;
            ym += y[k] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            sxx += (t[k] - tm) * (t[k] - tm);
            sxy += (t[k] - tm) * (y[k] - ym);
        }
        double a = sxy / sxx;
        double b = ym - a * tm;
        double sse = 0;
        for (int k = 0; k < n; k++) {
            sse += Math.pow(y[k] - b - a * t[k], 2);
        }
        double seA = Math.sqrt(sse / (n - 2) / sxx);
        double seB = Math.sqrt(sse / (n - 2) * (1.0 / n + tm * tm / sxx));

        FitJob job = BatchFixtures.line();
        TaskResult opt = new LocalEngine(1).run(job, List.of(new StartTask(0, new double[] {1, 0})), null).get(0);
        assertEquals(a, opt.value("a"), 1e-9);
        assertEquals(sse, opt.loss(), 1e-9);
        List<ProfileTask> tasks = Tasks.profiles(job, opt.values(), opt.standardErrors(), 41, 3);
        assertEquals(82, tasks.size());
        List<TaskResult> rows = new LocalEngine(2).run(job, tasks, null);
        double delta = Intervals.profileThreshold(opt.loss(), n, 2, true, 0.95);
        Intervals.Interval ia = Intervals.profile(rows, "a", opt.value("a"), opt.loss(), delta);
        Intervals.Interval ib = Intervals.profile(rows, "b", opt.value("b"), opt.loss(), delta);
        // linear interpolation between grid points 0.15 SE apart: error below h^2/(8z) = 0.0015 SE
        assertEquals(a - Z * seA, ia.lo(), 0.002 * seA);
        assertEquals(a + Z * seA, ia.hi(), 0.002 * seA);
        assertEquals(b - Z * seB, ib.lo(), 0.002 * seB);
        assertEquals(b + Z * seB, ib.hi(), 0.002 * seB);
    }

    /**
     * Lynx–hare: every profile closes within ±3 SE, and each profile interval agrees with the
     * Wald interval θ̂ ± z·SE to within a fifth of its half-width — the likelihood is close to
     * quadratic near the optimum, but not exactly, and the profile says how far.
     */
    @Test
    void lynxHareProfilesAreNearlyWald() {
        FitJob job = BatchFixtures.lynxHare();
        TaskResult opt = new LocalEngine(1).run(job, List.of(new StartTask(0, new double[] {0.5, 0.025, 0.8, 0.025, 30, 4})), null).get(0);
        List<TaskResult> rows = new LocalEngine(2).run(job, Tasks.profiles(job, opt.values(), opt.standardErrors(), 9, 3), null);
        assertTrue(rows.stream().allMatch(TaskResult::ok));
        double delta = Intervals.profileThreshold(opt.loss(), opt.observations(), 6, true, 0.95);
        for (String p : opt.parameterNames()) {
            Intervals.Interval i = Intervals.profile(rows, p, opt.value(p), opt.loss(), delta);
            double se = opt.standardError(p);
            assertTrue(i.closed(), p + " " + i);
            assertEquals(opt.value(p) - Z * se, i.lo(), 0.2 * Z * se, p);
            assertEquals(opt.value(p) + Z * se, i.hi(), 0.2 * Z * se, p);
        }
    }
}
