package dev.leibniz.models.nn;

import dev.leibniz.core.Var;

/** The elementwise nonlinearity after a layer's affine map. */
public enum Activation {
    IDENTITY, TANH, SIGMOID, RELU;

    public Var apply(Var x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case RELU -> x.relu();
        };
    }
}
