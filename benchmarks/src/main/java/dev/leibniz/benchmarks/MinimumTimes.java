package dev.leibniz.benchmarks;

import java.util.function.DoubleSupplier;
/**
 * Minimum-of-N timings of the issue 14 ratios, for a machine too loaded for JMH's averages: the
 * minimum of many calls is the time of a call that nothing interrupted, so the ratio of two
 * minima measured alternately in one JVM moves little when other processes share the cores
 * (JMH's averages moved by 2-10x during this work). Runs the same benchmark classes' methods.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.leibniz.benchmarks.MinimumTimes rosen|bruss|hvp|dynamic
 * </pre>
 */
public final class MinimumTimes {
    /** Where results go, so that the JIT cannot drop the calls. */
    static double sink;

    private MinimumTimes() {
    }

    /** The shortest of {@code reps} calls, in nanoseconds. */
    static long min(Runnable r, int reps) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /**
     * The shortest of up to {@code reps} calls after one warm-up call, in milliseconds; stops early
     * after about 20 s once two calls are timed (for operations of seconds, such as stiff solves).
     */
    static double minMillis(Runnable r, int reps) {
        r.run();
        long best = Long.MAX_VALUE;
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
            if (i >= 1 && System.nanoTime() - start > 20_000_000_000L) {
                break;
            }
        }
        return best / 1e6;
    }

    /** Minima of the base and the others, alternately, four rounds (the first three warm up); prints the last. */
    static void pair(String what, Runnable base, Runnable[] others, String[] names, int reps) {
        for (int round = 0; round < 4; round++) {   // interleaved rounds; the last is reported
            long b = min(base, reps);
            StringBuilder s = new StringBuilder(String.format("%s base %.2f us", what, b / 1e3));
            for (int k = 0; k < others.length; k++) {
                long o = min(others[k], reps);
                s.append(String.format("; %s %.2f us = %.2f", names[k], o / 1e3, (double) o / b));
            }
            if (round == 3) System.out.println(s);
        }
    }
    /** The define-by-run gradients (record, then one backward sweep) against their functions, with the tape's bytes per operation;
     * {@code vectorized} records the vectorized user code (one tape entry per whole-array operation). */
    static void dynamic() {
        for (int n : new int[] {10000, 1000000}) {
            CompiledGradientBenchmark c = new CompiledGradientBenchmark();
            c.n = n;
            c.setUp();
            pair("rosenbrock n=" + n, () -> sink += c.plainFunction(), new Runnable[] {() -> sink += c.dynamicGradient(), () -> sink += c.dynamicVectorizedGradient()},
                    new String[] {"dynamic", "vectorized"}, n == 10000 ? 1000 : 15);
        }
        for (int n : new int[] {32, 128}) {
            BrusselatorBenchmark c = new BrusselatorBenchmark();
            c.n = n;
            c.setUp();
            pair("brusselator N=" + n, () -> sink += c.plainRhs()[0], new Runnable[] {() -> sink += c.dynamicVjp(), () -> sink += c.dynamicVectorizedVjp()},
                    new String[] {"dynamic", "vectorized"}, n == 32 ? 1000 : 100);
        }
    }

    /** {@code rosen}: Rosenbrock n = 10⁴ and 10⁶; {@code bruss}: Brusselator N = 32 and 128; else the HVP. */
    public static void main(String[] a) {
        String which = a[0];
        if (which.equals("rosen")) {
            for (int n : new int[] {10000, 1000000}) {
                CompiledGradientBenchmark c = new CompiledGradientBenchmark();
                c.n = n;
                c.setUp();
                int reps = n == 10000 ? 2000 : 30;
                pair("rosenbrock n=" + n, () -> sink += c.plainFunction(),
                        new Runnable[] {() -> sink += c.compiledGradient(), () -> sink += c.handAdjoint()},
                        new String[] {"compiled", "hand"}, reps);
            }
        } else if (which.equals("bruss")) {
            for (int n : new int[] {32, 128}) {
                BrusselatorBenchmark c = new BrusselatorBenchmark();
                c.n = n;
                c.setUp();
                pair("brusselator N=" + n, () -> sink += c.plainRhs()[0], new Runnable[] {() -> sink += c.compiledVjp()},
                        new String[] {"compiled"}, n == 32 ? 2000 : 200);
            }
        } else if (which.equals("dynamic")) {
            dynamic();
        } else {
            HvpBenchmark h = new HvpBenchmark();
            h.n = 10000;
            h.setUp();
            pair("hvp n=10000", () -> sink += h.plainFunction(), new Runnable[] {() -> sink += h.compiledHvp()[0],
                () -> sink += h.compiledHvpAndGradient()[0]}, new String[] {"hvp", "hvp+gradient"}, 1000);
        }
        System.out.println("# " + sink);
    }
}
