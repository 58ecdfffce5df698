package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * Goodwin's growth cycle (1967), twin of {@code examples/goodwin.model}: the wage share u and the
 * employment rate v chase each other like prey and predator,
 *
 * <pre>
 *   u' = u·(ρ·v − γ − α)              real wages grow with employment (linear Phillips curve)
 *   v' = v·((1 − u)/σ − α − β)        employment grows with profits reinvested
 * </pre>
 *
 * with productivity growth α = 0.02 and labour-force growth β = 0.01 fixed (only γ + α and
 * α + β are identifiable), and parameters γ, ρ, σ and the initial u₀, v₀. The interior
 * equilibrium {@link #equilibrium} is v* = (α + γ)/ρ, u* = 1 − σ(α + β).
 */
public final class Goodwin extends JavaModel {
    public static final double ALPHA = 0.02;
    public static final double BETA = 0.01;

    public Goodwin() {
        super("goodwin", List.of(positive("gamma", 0.5), positive("rho", 0.6), positive("sigma", 3.0),
                between("u0", 0.85, 0, 1), between("v0", 0.9, 0, 1)), List.of("u", "v"), List.of(), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var u = y[0], v = y[1];
        Var gamma = p[0], rho = p[1], sigma = p[2];
        Var du = u.mul(rho.mul(v).sub(gamma).sub(ALPHA));
        Var dv = v.mul(b.constant(1.0).sub(u).div(sigma).sub(ALPHA + BETA));
        return new Var[] {du, dv};
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        return new Var[] {p[3], p[4]};
    }

    /** (u*, v*) for parameters γ, ρ, σ (the initial values are ignored). */
    public static double[] equilibrium(double[] theta) {
        return new double[] {1 - theta[2] * (ALPHA + BETA), (ALPHA + theta[0]) / theta[1]};
    }
}
