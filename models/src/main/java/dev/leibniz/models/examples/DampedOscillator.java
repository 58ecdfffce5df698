package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * The damped harmonic oscillator x'' + 2ζω x' + ω² x = 0 as a first-order system, twin of
 * {@code examples/damped-oscillator.model}:
 *
 * <pre>
 *   x' = v,   v' = −ω² x − 2ζω v,   x(0) = x₀, v(0) = v₀
 * </pre>
 *
 * Parameters ω &gt; 0, ζ ∈ (0, 1) (under-damped), x₀, v₀. Closed form: see {@link #closedForm}.
 */
public final class DampedOscillator extends JavaModel {
    public DampedOscillator() {
        super("damped-oscillator", List.of(positive("omega", 2.0), between("zeta", 0.1, 0, 1), free("x0", 1.0),
                free("v0", 0.0)), List.of("x", "v"), List.of(), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var omega = p[0], zeta = p[1];
        return new Var[] {y[1], omega.square().mul(y[0]).neg().sub(zeta.mul(omega).mul(y[1]).mul(2.0))};
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        return new Var[] {p[2], p[3]};
    }

    /**
     * x(t) for 0 &lt; ζ &lt; 1: {@code e^{−ζωt}(x₀ cos ω_d t + (v₀ + ζω x₀)/ω_d · sin ω_d t)} with
     * {@code ω_d = ω√(1 − ζ²)}.
     */
    public static double closedForm(double[] theta, double t) {
        double omega = theta[0], zeta = theta[1], x0 = theta[2], v0 = theta[3];
        double wd = omega * Math.sqrt(1 - zeta * zeta);
        return Math.exp(-zeta * omega * t) * (x0 * Math.cos(wd * t) + (v0 + zeta * omega * x0) / wd * Math.sin(wd * t));
    }
}
