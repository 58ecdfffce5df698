package dev.leibniz.models.nn;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A vanilla (Elman) recurrent cell on a batch: {@code h' = tanh(x·Wx + h·Wh + b)} with x of shape
 * batch×in and h batch×hidden. Parameters {@code <name>.Wx} (in×hidden), {@code <name>.Wh}
 * (hidden×hidden), {@code <name>.b} (1×hidden).
 *
 * <p>Unrolled over a sequence ({@link #unroll}), the same three parameter nodes are used at every
 * step, so backpropagation through time is plain reverse mode: each step adds its share to Wx̄,
 * Wh̄ and b̄ (the fan-out sum).
 */
public final class RnnCell {
    private final String name;
    private final int in;
    private final int hidden;

    public RnnCell(String name, int in, int hidden) {
        this.name = name;
        this.in = in;
        this.hidden = hidden;
    }

    public void declare(Parameters p, SplittableRandom random) {
        p.addGlorot(name + ".Wx", in, hidden, random);
        p.addGlorot(name + ".Wh", hidden, hidden, random);
        p.addConstant(name + ".b", new Shape(1, hidden), 0.0);
    }

    /** One step: the next hidden state. */
    public Var step(Bindings p, Var x, Var h) {
        return x.matmul(p.get(name + ".Wx")).add(h.matmul(p.get(name + ".Wh"))).add(p.get(name + ".b")).tanh();
    }

    /** The hidden states after each input of the sequence, starting from {@code h0}. */
    public List<Var> unroll(Bindings p, List<Var> xs, Var h0) {
        List<Var> hs = new ArrayList<>(xs.size());
        Var h = h0;
        for (Var x : xs) {
            h = step(p, x, h);
            hs.add(h);
        }
        return hs;
    }

    public int hidden() {
        return hidden;
    }
}
