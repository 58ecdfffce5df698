package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.ExecutionMode;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One compiled program shared by several threads, each with its own workspace reused across
 * calls (the way {@code ThroughputBenchmark} uses it): every gradient has the interpreter's bits,
 * computed beforehand on one thread.
 */
class ConcurrentGradientTest {

    @Test
    void threadsWithTheirOwnWorkspacesGetTheInterpretersBits() throws Exception {
        int n = 200;
        int points = 24;
        Graph g = RepeatedBlocksTest.rosenbrock(n);
        Program interpreter = g.compile();
        double[][] x = new double[points][n];
        double[][] expected = new double[points][n];
        double[] values = new double[points];
        for (int p = 0; p < points; p++) {
            for (int i = 0; i < n; i++) {
                x[p][i] = Math.sin(1.0 + p * n + i);
            }
            values[p] = interpreter.valueAndGradient(interpreter.newWorkspace(), x[p], expected[p], EvalOptions.DEFAULT);
        }
        Program compiled = Program.compile(g, ExecutionMode.COMPILED);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                results.add(pool.submit(() -> {
                    Workspace w = compiled.newWorkspace();
                    double[][] out = new double[points][];
                    for (int round = 0; round < 20; round++) {
                        for (int q = 0; q < points; q++) {
                            int p = (q + offset * 5) % points;
                            double[] grad = new double[n];
                            double value = compiled.valueAndGradient(w, x[p], grad, EvalOptions.DEFAULT);
                            assertEquals(Double.doubleToLongBits(values[p]), Double.doubleToLongBits(value));
                            out[p] = grad;
                        }
                    }
                    return out;
                }));
            }
            for (Future<double[][]> f : results) {
                double[][] got = f.get();
                for (int p = 0; p < points; p++) {
                    assertArrayEquals(expected[p], got[p], "point " + p);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
