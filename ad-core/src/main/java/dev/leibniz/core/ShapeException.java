package dev.leibniz.core;

/**
 * The shapes of a primitive's arguments do not fit together: detected when the node is appended,
 * so a wrong matrix product fails where it is written, not deep inside an evaluation. The message
 * names the primitive and every shape involved, e.g.
 * {@code shape mismatch in 'matmul': 2x3 and 4x5 (inner dimensions 3 and 4 differ)}.
 */
public class ShapeException extends GraphException {
    public ShapeException(String message) {
        super(message);
    }

    /** A mismatch between two argument shapes of {@code primitive}, with the rule that failed. */
    public static ShapeException mismatch(String primitive, Shape a, Shape b, String why) {
        return new ShapeException("shape mismatch in '" + primitive + "': " + a + " and " + b
                + (why == null ? "" : " (" + why + ")"));
    }

    /** An argument shape that {@code primitive} cannot take, with the reason. */
    public static ShapeException invalid(String primitive, Shape a, String why) {
        return new ShapeException("invalid shape in '" + primitive + "': " + a + " (" + why + ")");
    }
}
