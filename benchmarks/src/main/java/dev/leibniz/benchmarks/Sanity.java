package dev.leibniz.benchmarks;

/**
 * Checks run once in a benchmark's setup, so that a time is never reported for a computation
 * that gives the wrong answer: each compares against an oracle that is not the code being
 * timed (a hand-written derivative, the plain-Java function). A failed check ends that
 * benchmark with the message; JMH goes on with the others.
 */
final class Sanity {
    private Sanity() {
    }

    /** {@code g} must be Rosenbrock's hand-written gradient at {@code x}, to 1e-12 relative. */
    static void checkGradient(String what, double[] g, double[] x) {
        double[] expected = new double[x.length];
        Rosenbrock.gradient(x, expected);
        check(what + " gradient of Rosenbrock", g, expected, 1e-12);
    }

    /** Entry by entry, |a − e| ≤ tol·max(1, |e|). */
    static void check(String what, double[] actual, double[] expected, double tol) {
        if (actual.length != expected.length) {
            throw new IllegalStateException(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1.0, Math.abs(expected[i])))) {
                throw new IllegalStateException(what + ": entry " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
