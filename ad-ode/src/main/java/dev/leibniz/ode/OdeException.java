package dev.leibniz.ode;

import dev.leibniz.core.LeibnizException;

/**
 * A problem could not be set up or solved. Solver failures are explicit and name where they
 * happened: the {@link #reason()}, the {@link #time()} reached, the {@link #stepSize()} tried and,
 * for non-finite values, the first non-finite {@link #component()} by name (a state such as
 * {@code "lynx"}, a sensitivity such as {@code "d lynx/d alpha"}, an adjoint such as
 * {@code "adjoint of lynx"}). A solver never returns NaN silently.
 */
public class OdeException extends LeibnizException {
    /** Why solving failed. */
    public enum Reason {
        /** The problem, the options or the output times are invalid. */
        INVALID_INPUT,
        /** The step size the error control asks for fell below the resolution of t. */
        STEP_SIZE_UNDERFLOW,
        /** The step budget ({@link SolverOptions#maxSteps()}) was used up before the last output time. */
        TOO_MANY_STEPS,
        /** A state became NaN or infinite. */
        NON_FINITE_STATE,
        /** A sensitivity or adjoint became NaN or infinite. */
        NON_FINITE_SENSITIVITY,
        /** The implicit method's linear system was singular. */
        SINGULAR_MATRIX
    }

    private final Reason reason;
    private final double time;
    private final double stepSize;
    private final String component;

    /** An invalid-input error (no time or step attached). */
    public OdeException(String message) {
        this(message, Reason.INVALID_INPUT, Double.NaN, Double.NaN, null);
    }

    public OdeException(String message, Reason reason, double time, double stepSize, String component) {
        super(message);
        this.reason = reason;
        this.time = time;
        this.stepSize = stepSize;
        this.component = component;
    }

    public Reason reason() {
        return reason;
    }

    /** The time reached when solving failed (NaN for invalid input). */
    public double time() {
        return time;
    }

    /** The step size tried when solving failed (NaN for invalid input). */
    public double stepSize() {
        return stepSize;
    }

    /** Name of the first non-finite component, or {@code null}. */
    public String component() {
        return component;
    }

    @Override
    public boolean isComputationFailure() {
        return true;
    }
}
