package dev.leibniz.models.examples;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.List;

/**
 * The SIR epidemic model (Kermack &amp; McKendrick 1927), twin of {@code examples/sir.model}, in a
 * population of N = 1000:
 *
 * <pre>
 *   S' = −β S I / N,   I' = β S I / N − γ I,   R' = γ I,    S₀ = N − I₀, I₀, R₀ = 0
 * </pre>
 *
 * Parameters β (contact rate), γ (recovery rate) and I₀. Output {@code incidence} = β S I / N,
 * the new infections per day. S + I + R = N is conserved.
 */
public final class Sir extends JavaModel {
    public static final double N = 1000;

    public Sir() {
        super("sir", List.of(positive("beta", 0.4), positive("gamma", 0.1), between("I0", 2, 0, N)),
                List.of("S", "I", "R"), List.of("incidence"), 0.0);
    }

    @Override
    public Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p) {
        Var infection = infection(y, p);
        Var recovery = p[1].mul(y[1]);
        return new Var[] {infection.neg(), infection.sub(recovery), recovery};
    }

    private static Var infection(Var[] y, Var[] p) {
        return p[0].mul(y[0]).mul(y[1]).div(N);
    }

    @Override
    public Var[] initialValues(GraphBuilder b, Var[] p) {
        return new Var[] {b.constant(N).sub(p[2]), p[2], b.constant(0.0)};
    }

    @Override
    public Var[] outputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        return new Var[] {infection(y, p)};
    }
}
