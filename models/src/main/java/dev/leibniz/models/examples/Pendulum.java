package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.ode.Solution;
import java.util.List;

/**
 * The frictionless pendulum, twin of {@code examples/pendulum.model}:
 *
 * <pre>
 *   θ' = ω,   ω' = −(g/L)·sin θ,   θ(0) = θ₀, ω(0) = ω₀
 * </pre>
 *
 * with g = 9.81 m/s² fixed; parameters the length L &gt; 0, θ₀ ∈ (−π, π) and ω₀. The energy per
 * unit mass {@code E = ½L²ω² + gL(1 − cos θ)} is conserved by the equations but not exactly by a
 * Runge–Kutta solver: {@link #energyDrift} measures how far a solution strays.
 */
public final class Pendulum extends JavaModel {
    public static final double G = 9.81;

    public Pendulum() {
        super("pendulum", List.of(positive("L", 1.0), between("theta0", 1.0, -Math.PI, Math.PI), free("omega0", 0.0)),
                List.of("theta", "omega"), List.of("energy"), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        return new Var[] {y[1], y[0].sin().mul(G).div(p[0]).neg()};
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        return new Var[] {p[1], p[2]};
    }

    /** The energy E(θ, ω) as an output, so it can be observed and plotted. */
    @Override
    public Var[] outputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var length = p[0];
        return new Var[] {length.square().mul(y[1].square()).div(2.0)
                .add(length.mul(G).mul(b.constant(1.0).sub(y[0].cos())))};
    }

    /** E = ½L²ω² + gL(1 − cos θ), per unit mass. */
    public static double energy(double length, double theta, double omega) {
        return 0.5 * length * length * omega * omega + G * length * (1 - Math.cos(theta));
    }

    /** max_k |E(t_k) − E(0)| / E(0) over a solution's output times. */
    public static double energyDrift(double[] params, Solution s) {
        double e0 = energy(params[0], params[1], params[2]);
        double drift = 0;
        for (int k = 0; k < s.size(); k++) {
            drift = Math.max(drift, Math.abs(energy(params[0], s.value(k, 0), s.value(k, 1)) - e0) / e0);
        }
        return drift;
    }
}
