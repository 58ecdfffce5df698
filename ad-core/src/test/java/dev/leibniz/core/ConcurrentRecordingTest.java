package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Recorders on different threads share the generated loops of fused elementwise runs (one cache
 * for the JVM, filled by whichever thread meets a run first): every thread, each with its own
 * recorder, recording programs of several sizes and shapes out of step with the others, gets the
 * bits one thread gets alone, and those agree with the closed forms.
 */
class ConcurrentRecordingTest {
    private static final int THREADS = 6;
    private static final int[] ROSENBROCK_SIZES = {2, 6, 64, 1000, 4097 * 2};
    private static final int[] GRID_SIZES = {3, 5, 16, 33};

    /** f(u) = Σ (L u)², L the periodic five-point Laplacian on an n×n grid, written with rolls. */
    static Var stencil(Var column, int n) {
        Var u = column.reshape(n, n);
        Var lap = u.roll(1, 0).add(u.roll(-1, 0)).add(u.roll(1, 1)).add(u.roll(-1, 1))
                .sub(u.constant(4.0).mul(u));
        return lap.square().sumAll();
    }

    /** L u on the n×n grid stored row by row. */
    static double[] laplacian(double[] u, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i * n + j] = u[Math.floorMod(i - 1, n) * n + j] + u[Math.floorMod(i + 1, n) * n + j]
                        + u[i * n + Math.floorMod(j - 1, n)] + u[i * n + Math.floorMod(j + 1, n)] - 4.0 * u[i * n + j];
            }
        }
        return l;
    }

    private static double[] point(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? -1.2 : 1.0) + 0.3 * Math.sin(0.7 * i + phase);
        }
        return x;
    }

    private static List<double[]> slots() {
        List<double[]> l = new ArrayList<>();
        for (int i = 0; i < ROSENBROCK_SIZES.length + GRID_SIZES.length; i++) {
            l.add(null);
        }
        return l;
    }

    /**
     * Value then gradient of each program on one recorder, entry q for program q; the programs
     * are recorded starting at {@code start} (each thread starts elsewhere).
     */
    private static List<double[]> runInto(Recorder rec, int start) {
        List<double[]> out = slots();
        int programs = out.size();
        for (int p = 0; p < programs; p++) {
            int q = (p + start) % programs;
            rec.clear();
            double[] x;
            Var loss;
            if (q < ROSENBROCK_SIZES.length) {
                x = point(ROSENBROCK_SIZES[q], q);
                loss = VectorizedRecordingTest.rosenbrock(rec.parameter("x", x));
            } else {
                int n = GRID_SIZES[q - ROSENBROCK_SIZES.length];
                x = point(n * n, q);
                loss = stencil(rec.parameter("u", x), n);
            }
            double[] g = new double[x.length];
            double value = rec.valueAndGradient(loss, g);
            double[] entry = new double[g.length + 1];
            entry[0] = value;
            System.arraycopy(g, 0, entry, 1, g.length);
            out.set(q, entry);
        }
        return out;
    }

    @Test
    void oneThreadAloneMatchesTheClosedForms() {
        List<double[]> alone = runInto(new Recorder(), 0);
        for (int q = 0; q < ROSENBROCK_SIZES.length; q++) {
            double[] x = point(ROSENBROCK_SIZES[q], q);
            double[] got = alone.get(q);
            assertEquals(VectorizedRecordingTest.rosenbrock(x), got[0], 1e-12 * Math.abs(got[0]));
            for (int i = 0; i + 1 < x.length; i += 2) {
                double a = x[i + 1] - x[i] * x[i];
                double de = -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
                double dd = 200.0 * a;
                assertEquals(de, got[1 + i], 1e-12 * (1 + Math.abs(de)), "∂f/∂x" + i);
                assertEquals(dd, got[2 + i], 1e-12 * (1 + Math.abs(dd)), "∂f/∂x" + (i + 1));
            }
        }
        for (int k = 0; k < GRID_SIZES.length; k++) {
            int n = GRID_SIZES[k];
            int q = ROSENBROCK_SIZES.length + k;
            double[] u = point(n * n, q);
            double[] lu = laplacian(u, n);
            double f = 0;
            for (double v : lu) {
                f += v * v;
            }
            double[] grad = laplacian(lu, n);            // ∇ Σ (Lu)² = 2 Lᵀ L u, and L is symmetric
            double[] got = alone.get(q);
            assertEquals(f, got[0], 1e-12 * f);
            for (int i = 0; i < n * n; i++) {
                assertEquals(2.0 * grad[i], got[1 + i], 1e-11 * (1 + Math.abs(grad[i])), "∂f/∂u" + i + " on " + n + "×" + n);
            }
        }
    }

    @Test
    void recordersOnSixThreadsGetTheBitsOfOneThread() throws Exception {
        List<double[]> alone = runInto(new Recorder(), 0);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    start.await();
                    Recorder rec = new Recorder();             // one recorder per thread, reused
                    int checked = 0;
                    for (int rep = 0; rep < 20; rep++) {
                        List<double[]> got = runInto(rec, offset + rep);
                        for (int q = 0; q < got.size(); q++) {
                            double[] want = alone.get(q);
                            double[] have = got.get(q);
                            assertEquals(want.length, have.length);
                            for (int i = 0; i < want.length; i++) {
                                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(have[i]),
                                        "program " + q + ", entry " + i + ", thread offset " + offset);
                            }
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                assertEquals(20 * (ROSENBROCK_SIZES.length + GRID_SIZES.length), f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
