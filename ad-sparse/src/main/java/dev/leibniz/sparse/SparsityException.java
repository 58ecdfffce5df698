package dev.leibniz.sparse;

import dev.leibniz.core.LeibnizException;

/**
 * Sparse differentiation was used wrongly: a pattern, coloring or point whose size does not fit
 * the graph or matrix it is used with, a non-square or non-symmetric pattern where a Hessian
 * pattern is required, or a malformed pattern. The message names both sizes.
 */
public class SparsityException extends LeibnizException {
    public SparsityException(String message) {
        super(message);
    }
}
