package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A compiled program is immutable: concurrent evaluations give exactly the sequential results. */
class ProgramConcurrencyTest {
    private static final int THREADS = 8;
    private static final int POINTS = 400;

    @Test
    void eightThreadsGetExactlyTheSequentialResults() throws Exception {
        // a fixed random expression with every kind of node (unary, binary, n-ary reductions)
        RandomExpressions.Expression e = RandomExpressions.realize(4, 40, 2, 20240611L);
        Program p = e.graph().compile();
        SplittableRandom r = new SplittableRandom(7);
        double[][] points = new double[POINTS][];
        double[][] values = new double[POINTS][];
        double[][] gradients = new double[POINTS][];
        double[][] vjps = new double[POINTS][];
        double[] base = e.point();
        for (int k = 0; k < POINTS; k++) {
            double[] x = base.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += r.nextDouble(-1e-3, 1e-3);
            }
            points[k] = x;
            values[k] = p.evaluate(x);
            gradients[k] = p.gradient(x).toArray();
            vjps[k] = p.vjp(x, new double[] {1.0, -0.5});
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 37;
                done.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int rep = 0; rep < 3; rep++) {
                        for (int j = 0; j < POINTS; j++) {
                            int k = (j + offset) % POINTS; // threads walk the points out of step
                            assertArrayEquals(values[k], p.evaluate(points[k]), 0.0);
                            assertArrayEquals(gradients[k], p.gradient(points[k]).toArray(), 0.0);
                            assertArrayEquals(vjps[k], p.vjp(points[k], new double[] {1.0, -0.5}), 0.0);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                assertEquals(3 * POINTS, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
