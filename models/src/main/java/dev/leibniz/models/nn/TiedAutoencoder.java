package dev.leibniz.models.nn;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import java.util.SplittableRandom;

/**
 * An autoencoder whose decoder reuses the encoder's weights transposed (tied weights):
 *
 * <pre>
 * h = act(X·W + b_enc)        encoder, W of shape in×code
 * X̂ = h·Wᵀ + b_dec            decoder, the same W
 * </pre>
 *
 * W is one node used twice, so reverse mode gives it the sum of both uses:
 * {@code W̄ = Xᵀ·(Ḡ_h ⊙ act') + (Ḡ_X̂ᵀ·h)} — the encoder path plus the transpose of the decoder's
 * weight gradient. Half the parameters of an untied autoencoder, and the decoder cannot drift
 * away from the encoder. Parameters {@code <name>.W}, {@code <name>.benc}, {@code <name>.bdec}.
 */
public final class TiedAutoencoder {
    private final String name;
    private final int in;
    private final int code;
    private final Activation activation;

    public TiedAutoencoder(String name, int in, int code, Activation activation) {
        this.name = name;
        this.in = in;
        this.code = code;
        this.activation = activation;
    }

    public void declare(Parameters p, SplittableRandom random) {
        p.addGlorot(name + ".W", in, code, random);
        p.addConstant(name + ".benc", new Shape(1, code), 0.0);
        p.addConstant(name + ".bdec", new Shape(1, in), 0.0);
    }

    public Var encode(Bindings p, Var x) {
        return activation.apply(x.matmul(p.get(name + ".W")).add(p.get(name + ".benc")));
    }

    public Var decode(Bindings p, Var h) {
        return h.matmul(p.get(name + ".W").transpose()).add(p.get(name + ".bdec"));
    }

    public Var reconstruct(Bindings p, Var x) {
        return decode(p, encode(p, x));
    }

    /** Mean squared reconstruction error over all elements. */
    public Var loss(Bindings p, Var x) {
        return reconstruct(p, x).sub(x).square().mean();
    }
}
