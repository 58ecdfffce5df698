package dev.leibniz.ode;

/**
 * An event of a {@link HybridProblem} went wrong; the message starts with the event's label (a
 * model file's {@code file:line:column: the event 'when h < 0'}). An event that never fires is bad
 * input (its condition, level or direction is wrong: {@link Reason#INVALID_INPUT}); a reset that
 * gives a non-finite state or a tangential crossing is a computation failure at the event's time.
 */
public final class EventException extends OdeException {
    EventException(String message, Reason reason, double time, String component) {
        super(message, reason, time, Double.NaN, component);
    }

    /**
     * A zero crossing that never fired is almost always a wrong level, direction or state, and the
     * solve would silently be the one without it: say so, with the range its condition covered
     * ({@code gMin > gMax} when it was never evaluated).
     */
    static EventException neverFired(Event ev, double start, double tEnd, double gMin, double gMax) {
        String dir = ev.direction() < 0 ? "fall through" : ev.direction() > 0 ? "rise through" : "cross";
        String range = gMin <= gMax ? "; it stayed between " + num(gMin) + " and " + num(gMax)
                + " at the start and the steps' ends" : "";
        return new EventException(ev.label() + " never fired on [" + num(start) + ", " + num(tEnd)
                + "]: its condition did not " + dir + " zero" + range + "; check its expression and direction, or"
                + " solve over a longer time", OdeException.Reason.INVALID_INPUT, tEnd, null);
    }

    /** An integer as one, else six significant digits without trailing zeros. */
    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String g = String.format(java.util.Locale.ROOT, "%.6g", v);
        return g.contains("e") ? g : g.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    @Override
    public boolean isComputationFailure() {
        return reason() != Reason.INVALID_INPUT;
    }
}
