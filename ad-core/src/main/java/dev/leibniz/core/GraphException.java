package dev.leibniz.core;

/** A graph was built or used wrongly: wrong arity, unknown name, variable from another graph, shape mismatch. */
public class GraphException extends LeibnizException {
    public GraphException(String message) {
        super(message);
    }
}
