package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The progress listener, the best-so-far snapshot and cooperative stopping, for every strategy
 * alike. The oracle is the fit's own record of what it did (iterations, loss history, returned
 * parameters) against what the listener saw, plus the start values for a fit stopped at once.
 */
class ProgressTest {
    static final List<String> NAMES = List.of("A", "k", "a", "b");

    static Calibrator curve() {
        return OptimizersTest.curve();
    }

    @Test
    void listenerSeesEveryIterationOfEveryStrategy() {
        for (String name : Optimizers.names()) {
            List<Progress> seen = new ArrayList<>();
            Calibrator c = curve().optimizer(Optimizers.byName(name, 40));
            c.onIteration(p -> {
                assertSame(p, c.bestSoFar(), "the snapshot is published before the listener is called");
                seen.add(p);
            });
            FitResult r = c.fit();
            assertEquals(r.iterations() + 1, seen.size(), name);
            assertTrue(r.iterations() >= 3, name + " took " + r.iterations() + " iterations");
            double[] history = r.lossHistory();
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < seen.size(); k++) {
                Progress p = seen.get(k);
                assertEquals(k, p.iteration(), name);
                assertEquals(history[k], p.loss(), 0.0, name);
                assertEquals(NAMES, p.parameterNames());
                min = Math.min(min, p.loss());
                assertEquals(min, p.bestLoss(), 0.0, name + ": best loss is the running minimum");
                assertArrayEquals(seen.get(p.bestIteration()).parameters(), p.bestParameters(), 0.0, name);
                if (k > 0) {
                    assertTrue(p.bestLoss() <= seen.get(k - 1).bestLoss(), name + ": best loss never increases");
                }
            }
            Progress last = seen.get(seen.size() - 1);
            assertSame(last, c.bestSoFar());
            assertArrayEquals(r.values(), last.bestParameters(), 0.0, name + ": the fit returns the best point");
            assertEquals(last.bestParameters()[0], last.best("A"), 0.0);
        }
    }

    /** Stopping after iteration 3 returns the best of iterations 0–3, not converged, reason "interrupted". */
    @Test
    void stopRequestReturnsTheBestSoFar() {
        for (String name : Optimizers.names()) {
            List<Progress> seen = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            FitResult r = curve().optimizer(Optimizers.byName(name, 40)).onIteration(p -> {
                seen.add(p);
                stop.set(p.iteration() == 3);
            }).stopWhen(stop::get).fit();
            assertFalse(r.converged(), name);
            assertEquals("interrupted", r.reason(), name);
            assertEquals(3, r.iterations(), name);
            assertEquals(4, seen.size(), name);
            assertEquals(4, r.lossHistory().length, name);
            Progress last = seen.get(3);
            assertArrayEquals(last.bestParameters(), r.values(), 0.0, name);
            assertEquals(last.bestLoss(), r.loss(), 1e-12 * last.bestLoss(), name);
            assertTrue(r.loss() < r.lossHistory()[0], name + " made progress before it stopped");
        }
    }

    /** A stop requested from the start returns the starting values after iteration 0. */
    @Test
    void immediateStopReturnsTheStart() {
        for (String name : Optimizers.names()) {
            FitResult r = curve().optimizer(Optimizers.byName(name, 40)).stopWhen(() -> true).fit();
            assertEquals("interrupted", r.reason(), name);
            assertEquals(0, r.iterations(), name);
            assertArrayEquals(new double[] {1.0, -0.1, 0, 0}, r.values(), 1e-15, name);
        }
    }

    /** Interrupting the fitting thread stops the fit the same way, and leaves the flag set for the caller. */
    @Test
    void threadInterruptStopsTheFit() {
        try {
            FitResult r = curve().optimizer(new LbfgsOptimizer()).onIteration(p -> {
                if (p.iteration() == 2) {
                    Thread.currentThread().interrupt();
                }
            }).fit();
            assertEquals("interrupted", r.reason());
            assertEquals(2, r.iterations());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is not swallowed");
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * The command-line scenario: the fit runs on one thread; another (a shutdown hook) reads the
     * best-so-far snapshot and asks the fit to stop. Latches make the interleaving deterministic:
     * the fitting thread pauses in its listener at iteration 2 until the other thread has read
     * the snapshot and raised the flag.
     */
    @Test
    void anotherThreadReadsTheBestSoFarAndStopsTheFit() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.CountDownLatch atTwo = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch flagged = new java.util.concurrent.CountDownLatch(1);
        Calibrator c = curve().optimizer(new LbfgsOptimizer()).stopWhen(stop::get).onIteration(p -> {
            if (p.iteration() == 2) {
                atTwo.countDown();
                try {
                    flagged.await();
                } catch (InterruptedException e) {
                    throw new LeibnizException("interrupted while waiting");
                }
            }
        });
        FitResult[] result = new FitResult[1];
        Thread fitting = new Thread(() -> result[0] = c.fit());
        fitting.start();
        atTwo.await();
        Progress seen = c.bestSoFar();
        stop.set(true);
        flagged.countDown();
        fitting.join(10_000);
        assertFalse(fitting.isAlive());
        assertEquals(2, seen.iteration());
        assertEquals("interrupted", result[0].reason());
        assertEquals(2, result[0].iterations());
        assertArrayEquals(seen.bestParameters(), result[0].values(), 0.0);
    }

    /** The snapshot is immutable: changing the arrays it hands out changes nothing. */
    @Test
    void snapshotsAreImmutable() {
        Calibrator c = curve();
        assertNull(c.bestSoFar());
        c.maxIterations(3).fit();
        Progress p = c.bestSoFar();
        double before = p.bestParameters()[1];
        p.bestParameters()[1] = 99;
        p.parameters()[1] = 99;
        assertEquals(before, p.bestParameters()[1], 0.0);
        assertThrows(UnsupportedOperationException.class, () -> p.parameterNames().set(0, "x"));
        assertThrows(LeibnizException.class, () -> p.best("nope"));
    }

    /** A listener's exception aborts the fit with that exception. */
    @Test
    void listenerExceptionsPropagate() {
        LeibnizException e = assertThrows(LeibnizException.class, () -> curve().onIteration(p -> {
            throw new LeibnizException("listener failed");
        }).fit());
        assertEquals("listener failed", e.getMessage());
    }
}
