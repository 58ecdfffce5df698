package dev.leibniz.models.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.data.DataSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    /**
     * A residual-bootstrap replicate's data are the fitted line plus residuals drawn from the
     * centred residuals of the fit: each replicate residual is one of them (checked against the
     * closed-form fit), the draws differ between replicates, and a replicate is the same whenever
     * it is made.
     */
    @Test
    void replicatesAreFittedValuesPlusDrawnResiduals() {
        FitJob job = BatchFixtures.line();
        double[] t = BatchFixtures.LINE_T;
        double[] y = BatchFixtures.LINE_Y;
        TaskResult opt = new LocalEngine(1).run(job, List.of(new StartTask(0, new double[] {1, 0})), null).get(0);
        double a = opt.value("a");
        double b = opt.value("b");
        double[] e = new double[t.length];
        double mean = 0;
        for (int k = 0; k < t.length; k++) {
            e[k] = y[k] - (b + a * t[k]);
            mean += e[k] / t.length;
        }
        List<BootstrapTask> tasks = Tasks.bootstrap(job, opt.values(), 3, 99);
        JobCache.Compiled c = JobCache.compiled(job);
        DataSet d0 = tasks.get(0).data(c);
        DataSet d1 = tasks.get(1).data(c);
        for (int k = 0; k < t.length; k++) {
            double drawn = d0.value(k, 0) - (b + a * t[k]);
            double m = mean;
            assertTrue(Arrays.stream(e).anyMatch(x -> Math.abs(x - m - drawn) < 1e-9), "residual " + drawn);
        }
        assertNotEquals(Arrays.toString(d0.column(0)), Arrays.toString(d1.column(0)));
        assertEquals(Arrays.toString(d0.column(0)), Arrays.toString(Tasks.bootstrap(job, opt.values(), 3, 99).get(0).data(c).column(0)));
    }

    /**
     * For a straight line the residual bootstrap's standard deviation of the slope is
     * sqrt((n−2)/n)·SE (the centred residuals have variance SSE/n, not SSE/(n−2)). With 400
     * replicates the sampling error of a standard deviation is about 1/sqrt(800) = 3.5 %, so
     * 12 % is a 3.4-sigma tolerance.
     */
    @Test
    void bootstrapSpreadMatchesTheClosedForm() {
        FitJob job = BatchFixtures.line();
        TaskResult opt = new LocalEngine(1).run(job, List.of(new StartTask(0, new double[] {1, 0})), null).get(0);
        List<TaskResult> rows = new LocalEngine(2).run(job, Tasks.bootstrap(job, opt.values(), 400, 2024), null);
        assertTrue(rows.stream().allMatch(TaskResult::ok));
        double[] slopes = rows.stream().mapToDouble(r -> r.value("a")).toArray();
        double m = Arrays.stream(slopes).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(slopes).map(x -> (x - m) * (x - m)).sum() / (slopes.length - 1));
        int n = BatchFixtures.LINE_T.length;
        double expected = Math.sqrt((n - 2.0) / n) * opt.standardError("a");
        assertEquals(expected, sd, 0.12 * expected);
        Intervals.Interval ci = Intervals.percentile(rows, "a", 0.95);
        assertTrue(ci.contains(opt.value("a")));
    }

    @Test
    void residualBootstrapRefusesThePoissonDeviance() {
        FitJob job = BatchFixtures.line().withLoss("poisson");
        TaskResult r = new LocalEngine(1).run(job, Tasks.bootstrap(job, new double[] {0.5, 2}, 1, 1), null).get(0);
        assertEquals(TaskResult.FAILED, r.status());
        assertEquals("residual bootstrap needs the loss sse or logsse, got poisson", r.error());
    }
}
