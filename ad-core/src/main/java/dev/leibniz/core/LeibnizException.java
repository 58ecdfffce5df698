package dev.leibniz.core;

/**
 * Root of Leibniz's own exception hierarchy. Bad input never surfaces as a
 * {@code NullPointerException} or {@code ArrayIndexOutOfBoundsException}: it is caught where it
 * enters and reported with one of these, whose message names what is wrong and where.
 */
public class LeibnizException extends RuntimeException {
    public LeibnizException(String message) {
        super(message);
    }

    public LeibnizException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when a computation failed on valid input (a solver gave up, a value became
     * non-finite), false when the input itself is bad. Command-line tools map the first to exit
     * status 1 and the second to 2.
     */
    public boolean isComputationFailure() {
        return false;
    }
}
