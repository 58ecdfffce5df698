package dev.leibniz.ode;

import dev.leibniz.ode.internal.Stepper;

/**
 * Locates a zero crossing of an event condition inside an accepted step, on the step's dense
 * output: the Illinois variant of false position (superlinear, and never stuck at one end as
 * plain false position is), falling back to bisection when the secant leaves the bracket, down to
 * a few ulps of t. It returns the first point found on the far side of zero — so the state it
 * hands to the reset has already crossed, and the condition restarted there does not see the same
 * crossing again.
 */
final class Crossing {
    /** g(t, y) along the step. */
    @FunctionalInterface
    interface Condition {
        double at(double t, double[] y);
    }

    private Crossing() {
    }

    /**
     * τ in (t, tNew] where g leaves the side {@code from} (±1), with the state there in {@code at}.
     *
     * @param y    the state at t (the dense output's start)
     * @param yNew the state at tNew
     */
    static double locate(Condition g, Stepper stepper, double t, double h, double tNew, double[] y, double[] yNew,
                         double[] at, double from) {
        double a = t;
        double b = tNew;
        double ga = g.at(t, y);
        double gb = g.at(tNew, yNew);
        int side = 0;
        for (int it = 0; it < 200 && b - a > 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))); it++) {
            double c = Math.signum(ga) == from ? b - gb * (b - a) / (gb - ga) : Double.NaN;
            if (!(c > a && c < b)) {
                c = 0.5 * (a + b);
            }
            stepper.interpolate((c - t) / h, t, y, h, at);
            double gc = g.at(c, at);
            if (Math.signum(gc) == from) {
                a = c;
                ga = gc;
                if (side == 1) {
                    gb *= 0.5;
                }
                side = 1;
            } else {
                b = c;
                gb = gc;
                if (side == -1) {
                    ga *= 0.5;
                }
                side = -1;
                if (gc == 0) {
                    break;
                }
            }
        }
        if (b == tNew) {
            System.arraycopy(yNew, 0, at, 0, at.length);
        } else {
            stepper.interpolate((b - t) / h, t, y, h, at);
        }
        return b;
    }
}
