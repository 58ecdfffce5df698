package dev.leibniz.core.optim;

import dev.leibniz.core.LeibnizException;

/**
 * An optimizer was misconfigured (a learning rate that is not positive, a β outside [0, 1)),
 * misused (the parameter vector changed length between steps) or met a non-finite objective
 * value or gradient where it cannot recover. The message names the quantity and, for a run, the
 * iteration.
 */
public class OptimizationException extends LeibnizException {
    public OptimizationException(String message) {
        super(message);
    }
}
