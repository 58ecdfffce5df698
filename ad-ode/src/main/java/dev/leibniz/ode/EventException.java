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

    @Override
    public boolean isComputationFailure() {
        return reason() != Reason.INVALID_INPUT;
    }
}
