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
}
