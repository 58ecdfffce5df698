package dev.leibniz.core.prim;

/**
 * How a primitive's output depends on one of its inputs, element by element. This is the only
 * fact sparsity detection needs from a primitive.
 */
public enum Dependence {
    /** The partial derivative is identically zero (comparisons, step functions, a select's condition). */
    NONE,
    /** The partial derivative is locally constant: no second derivative through this input. */
    LINEAR,
    /** The partial derivative depends on the inputs. */
    NONLINEAR
}
