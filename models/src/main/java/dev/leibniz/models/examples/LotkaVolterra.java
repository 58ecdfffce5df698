package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * Lotka–Volterra predator–prey model, the Java twin of {@code examples/lotka-volterra.model}:
 *
 * <pre>
 *   hare' = α·hare − β·hare·lynx
 *   lynx' = δ·hare·lynx − γ·lynx
 * </pre>
 *
 * Parameters α, β, γ, δ and the initial populations hare₀, lynx₀, all positive. Its orbits are
 * closed: V = δ·hare − γ ln hare + β·lynx − α ln lynx is conserved.
 */
public final class LotkaVolterra extends JavaModel {
    public LotkaVolterra() {
        super("lotka-volterra", List.of(positive("alpha", 0.5), positive("beta", 0.025), positive("gamma", 0.8),
                positive("delta", 0.025), positive("hare0", 30), positive("lynx0", 4)), List.of("hare", "lynx"),
                List.of(), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var hare = y[0], lynx = y[1];
        Var alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        return new Var[] {
            alpha.mul(hare).sub(beta.mul(hare).mul(lynx)),
            delta.mul(hare).mul(lynx).sub(gamma.mul(lynx))};
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        return new Var[] {p[4], p[5]};
    }

    /** The conserved quantity V(hare, lynx) at parameters θ. */
    public static double invariant(double[] theta, double hare, double lynx) {
        return theta[3] * hare - theta[2] * Math.log(hare) + theta[1] * lynx - theta[0] * Math.log(lynx);
    }
}
