package dev.leibniz.forward;

import dev.leibniz.core.LeibnizException;

/**
 * A seed (tangent direction), a point or an output buffer has the wrong length for the graph it
 * is used with: a tangent seed needs one entry per input and lane, a Hessian-vector product one
 * entry per input. The message names the expected and the given length.
 */
public class SeedLengthException extends LeibnizException {
    public SeedLengthException(String message) {
        super(message);
    }

    /** Throws unless {@code array} has exactly {@code expected} entries. */
    static void check(double[] array, int expected, String what) {
        if (array == null) {
            throw new SeedLengthException(what + " is null; expected " + expected + " value" + (expected == 1 ? "" : "s"));
        }
        if (array.length != expected) {
            throw new SeedLengthException(what + " has " + array.length + " value" + (array.length == 1 ? "" : "s")
                    + ", expected " + expected);
        }
    }
}
