package dev.leibniz.sbml.petab;

import dev.leibniz.core.Var;

/**
 * Where a value of the model comes from in one condition: a number, or a row of the parameter
 * table (then x = unscale(θ_l) and dx/dθ_l = {@link Scale#derivative}).
 */
record Source(double constant, int parameter, Scale scale) {
    static Source of(double c) {
        return new Source(c, -1, Scale.LIN);
    }

    static Source parameter(int l, Scale scale) {
        return new Source(Double.NaN, l, scale);
    }

    boolean isParameter() {
        return parameter >= 0;
    }

    /** x given all table parameters θ on their scales. */
    double value(double[] theta) {
        return parameter < 0 ? constant : scale.unscale(theta[parameter]);
    }

    /** dx/dθ_l for l = {@link #parameter()}. */
    double derivative(double[] theta) {
        return scale.derivative(theta[parameter]);
    }

    /** x in a graph whose table parameters are {@code thetaVars} (already unscaled). */
    Var var(Var[] unscaled, Var anchor) {
        return parameter < 0 ? anchor.constant(constant) : unscaled[parameter];
    }
}
