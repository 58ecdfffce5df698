package dev.leibniz.ode;

import dev.leibniz.ode.internal.Stepper;
import java.util.Arrays;
import java.util.List;

/**
 * The zero-crossing side of an {@link EventRun}: the event conditions g_j(t, y), the sign each
 * had at the last accepted point, and the range each covered (for the message when one never
 * fires).
 *
 * <p><b>Sign bookkeeping.</b> Each condition keeps the sign it had at the last accepted point
 * (zero keeps the previous sign), so that a condition sitting exactly at zero after its own event
 * (the ball on the ground at its bounce) does not fire again until it has left and come back; a
 * reset that moves a condition away from zero sets its sign afresh. A condition that crosses
 * and crosses back within one step is not seen (as in every step-based event detection).
 */
final class CrossingWatch {
    /** The earliest crossing in a step: thrown out of the driver's observer to end the segment there. */
    static final class Hit extends RuntimeException {
        final int event;
        final double tau;
        final double[] u;

        Hit(int event, double tau, double[] u) {
            super(null, null, false, false);
            this.event = event;
            this.tau = tau;
            this.u = u;
        }
    }

    private final List<Event> events;
    /** g_j as a graph, null for an event without a condition (a time event). */
    private final PointGraph[] conditions;
    private final double[] params;
    private final double[] signs;
    private final double[] gMin;
    private final double[] gMax;

    CrossingWatch(List<Event> events, PointGraph[] conditions, double[] params) {
        this.events = events;
        this.conditions = conditions;
        this.params = params;
        int e = events.size();
        this.signs = new double[e];
        this.gMin = new double[e];
        this.gMax = new double[e];
        Arrays.fill(gMin, Double.POSITIVE_INFINITY);
        Arrays.fill(gMax, Double.NEGATIVE_INFINITY);
    }

    private double g(int j, double t, double[] u) {
        return conditions[j].value(t, u, params)[0];
    }

    /** The conditions' signs at the start (after the events at t0). */
    void start(double t0, double[] u) {
        for (int j = 0; j < events.size(); j++) {
            if (conditions[j] != null) {
                double g0 = g(j, t0, u);
                signs[j] = Math.signum(g0);
                gMin[j] = Math.min(gMin[j], g0);
                gMax[j] = Math.max(gMax[j], g0);
            }
        }
    }

    /**
     * Checks a step from (t, y) to (tNew, yNew) for crossings in each condition's direction and
     * locates them on the step's dense output ({@link Crossing}); the earliest one ends the
     * segment, thrown as a {@link Hit}. Without one, the signs advance to tNew.
     */
    void watch(Stepper stepper, double t, double h, double tNew, double[] y, double[] yNew, double[] probe) {
        Hit best = null;
        double[] newSigns = new double[signs.length];
        for (int j = 0; j < events.size(); j++) {
            if (conditions[j] == null) {
                continue;
            }
            double gNew = g(j, tNew, yNew);
            gMin[j] = Math.min(gMin[j], gNew);
            gMax[j] = Math.max(gMax[j], gNew);
            double sNew = Math.signum(gNew);
            newSigns[j] = sNew == 0 || Double.isNaN(sNew) ? signs[j] : sNew;
            int dir = events.get(j).direction();
            boolean crossed = signs[j] != 0 && sNew != 0 && sNew != signs[j] && (dir == 0 || dir == sNew);
            if (crossed) {
                final int event = j;
                double tau = Crossing.locate((tc, yc) -> g(event, tc, yc), stepper, t, h, tNew, y, yNew, probe,
                        signs[j]);
                if (best == null || tau < best.tau) {
                    best = new Hit(j, tau, probe.clone());
                }
            }
        }
        if (best != null) {
            throw best;
        }
        System.arraycopy(newSigns, 0, signs, 0, signs.length);
    }

    /**
     * The signs after event j's jump to yPlus at t: afresh where the reset moved a condition off
     * zero; a condition left at zero by its own crossing is on the far side.
     */
    void afterJump(int j, double t, double[] yPlus) {
        for (int c = 0; c < events.size(); c++) {
            if (conditions[c] != null) {
                double s = Math.signum(g(c, t, yPlus));
                if (s != 0) {
                    signs[c] = s;
                } else if (c == j) {
                    signs[c] = -signs[c];
                }
            }
        }
    }

    /** The error for condition j, which never fired on [start, tEnd], with the range it covered. */
    EventException neverFired(int j, double start, double tEnd) {
        return EventException.neverFired(events.get(j), start, tEnd, gMin[j], gMax[j]);
    }
}
