package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * The Solow–Swan growth model in capital per effective worker, twin of
 * {@code examples/solow-swan.model}:
 *
 * <pre>
 *   k' = s·A·k^α − δ·k,   k(0) = k₀,   output y = A·k^α
 * </pre>
 *
 * with technology A = 1 fixed; parameters the saving rate s ∈ (0, 1), the capital share
 * α ∈ (0, 1), the effective depreciation δ &gt; 0 and k₀ &gt; 0. Being a Bernoulli equation it has
 * the closed form {@link #closedForm}.
 */
public final class SolowSwan extends JavaModel {
    public static final double A = 1.0;

    public SolowSwan() {
        super("solow-swan", List.of(between("s", 0.2, 0, 1), between("alpha", 0.33, 0, 1), positive("delta", 0.05),
                positive("k0", 1.0)), List.of("k"), List.of("y"), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var k = y[0];
        return new Var[] {p[0].mul(k.pow(p[1])).mul(A).sub(p[2].mul(k))};
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        return new Var[] {p[3]};
    }

    @Override
    public Var[] outputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        return new Var[] {y[0].pow(p[1]).mul(A)};
    }

    /** k(t) = [(k₀^{1−α} − sA/δ)·e^{−δ(1−α)t} + sA/δ]^{1/(1−α)}. */
    public static double closedForm(double[] theta, double t) {
        double s = theta[0], alpha = theta[1], delta = theta[2], k0 = theta[3];
        double ss = s * A / delta;
        return Math.pow((Math.pow(k0, 1 - alpha) - ss) * Math.exp(-delta * (1 - alpha) * t) + ss, 1 / (1 - alpha));
    }

    /** The steady state k* = (sA/δ)^{1/(1−α)}. */
    public static double steadyState(double[] theta) {
        return Math.pow(theta[0] * A / theta[2], 1 / (1 - theta[1]));
    }
}
