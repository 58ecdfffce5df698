package dev.leibniz.core;

/**
 * Thrown when code being traced into a static graph asks a symbolic variable for its number.
 * While tracing there is no number yet: the graph is built once and run later for many inputs.
 * Data-dependent branches must be written with {@link Var#select(Var, Var, Var)} so that both
 * branches are part of the graph.
 */
public class TracedValueException extends LeibnizException {
    public TracedValueException(String message) {
        super(message);
    }
}
