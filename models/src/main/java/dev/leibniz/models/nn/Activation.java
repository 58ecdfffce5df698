package dev.leibniz.models.nn;

import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.UnaryPrimitive;

/**
 * The elementwise nonlinearity after a layer's affine map: a name for one of ad-core's unary
 * primitives (or none), whose declaration gives its value and derivatives.
 */
public enum Activation {
    IDENTITY(null), TANH(Elementary.TANH), SIGMOID(Elementary.SIGMOID), RELU(Kinks.RELU);

    /** The primitive applied elementwise; null for the identity. */
    private final UnaryPrimitive primitive;

    Activation(UnaryPrimitive primitive) {
        this.primitive = primitive;
    }

    public Var apply(Var x) {
        return primitive == null ? x : x.graph().apply(primitive, x);
    }
}
