package dev.leibniz.models.nn;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import java.util.SplittableRandom;

/**
 * A fully connected layer on a batch: {@code Y = act(X·W + b)} for X of shape batch×in, W in×out
 * and the bias row b (1×out) broadcast to every row. Its parameters are {@code <name>.W} and
 * {@code <name>.b}. The reverse pass is two matrix products (W̄ = Xᵀ·Ḡ, X̄ = Ḡ·Wᵀ) and the
 * column sums of Ḡ for b̄ — the sum that undoes the broadcast.
 */
public final class Dense {
    private final String name;
    private final int in;
    private final int out;
    private final Activation activation;

    public Dense(String name, int in, int out, Activation activation) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.activation = activation;
    }

    /** Declares W (Glorot) and b (zeros). */
    public void declare(Parameters p, SplittableRandom random) {
        p.addGlorot(name + ".W", in, out, random);
        p.addConstant(name + ".b", new Shape(1, out), 0.0);
    }

    public Var apply(Bindings p, Var x) {
        return activation.apply(x.matmul(p.get(name + ".W")).add(p.get(name + ".b")));
    }

    public int inputs() {
        return in;
    }

    public int outputs() {
        return out;
    }
}
