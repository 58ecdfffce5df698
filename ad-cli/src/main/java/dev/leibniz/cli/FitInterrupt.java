package dev.leibniz.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a fit: a request to stop, not an exit. While a fit runs,
 * the two signals are handled here instead of by the JVM's shutdown: the first one sets a flag
 * that the optimizer reads after every iteration, the fit ends with its best point so far, the
 * outputs are written as usual (marked interrupted) and the command exits 130. No shutdown hook
 * runs while the files are written, which is what made writing them fail with "Shutdown in
 * progress". A second signal, if the user will not wait, gets the JVM's default handling back.
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported (jdk.unsupported, exported) way to handle a
 * signal; where a signal cannot be handled (a JVM run with {@code -Xrs}), the default stays.
 */
final class FitInterrupt implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    /** The running fit's, for tests that raise a signal from a progress callback. */
    static volatile FitInterrupt current;

    private final List<Signal> handled = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String signal;

    /** Starts handling SIGINT and SIGTERM until {@link #close()}. */
    static FitInterrupt install() {
        FitInterrupt f = new FitInterrupt();
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                SignalHandler old = Signal.handle(s, f::onSignal);
                f.handled.add(s);
                f.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // the platform or the JVM's options reserve this signal: keep its default
            }
        }
        current = f;
        return f;
    }

    private void onSignal(Signal s) {
        if (signal != null) {
            restore(); // a second signal: the default handling, which ends the JVM
            Signal.raise(s);
            return;
        }
        signal = "SIG" + s.getName();
        requested.countDown();
    }

    /** Whether a signal asked the fit to stop (read by the optimizer after every iteration). */
    boolean requested() {
        return signal != null;
    }

    /** The signal that asked to stop ({@code SIGINT}), or null. */
    String signal() {
        return signal;
    }

    /** Waits until a signal has been handled (signal handlers run on their own thread). */
    boolean awaitRequested(long timeout, TimeUnit unit) throws InterruptedException {
        return requested.await(timeout, unit);
    }

    @Override
    public void close() {
        restore();
        if (current == this) {
            current = null;
        }
    }

    private synchronized void restore() {
        for (int i = 0; i < handled.size(); i++) {
            Signal.handle(handled.get(i), previous.get(i));
        }
        handled.clear();
        previous.clear();
    }
}
