package dev.leibniz.models.nn;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A long short-term memory cell (Hochreiter &amp; Schmidhuber 1997, with a forget gate) on a
 * batch. The four gates come from one product of the stacked weights, then are sliced apart:
 *
 * <pre>
 * z = x·Wx + h·Wh + b                     (batch × 4·hidden)
 * i = σ(z[:, 0:H])   f = σ(z[:, H:2H])   g = tanh(z[:, 2H:3H])   o = σ(z[:, 3H:4H])
 * c' = f ⊙ c + i ⊙ g
 * h' = o ⊙ tanh(c')
 * </pre>
 *
 * Parameters {@code <name>.Wx} (in×4H), {@code <name>.Wh} (H×4H), {@code <name>.b} (1×4H), the
 * forget-gate part of b initialised to 1 so that the cell remembers by default (Jozefowicz et
 * al. 2015). One product for all four gates instead of four keeps the matrix kernels large;
 * the slices cost a copy each and their reverse rules scatter back into one adjoint.
 */
public final class LstmCell {
    /** The state carried from step to step. */
    public record State(Var h, Var c) {
    }

    private final String name;
    private final int in;
    private final int hidden;

    public LstmCell(String name, int in, int hidden) {
        this.name = name;
        this.in = in;
        this.hidden = hidden;
    }

    public void declare(Parameters p, SplittableRandom random) {
        p.addGlorot(name + ".Wx", in, 4 * hidden, random);
        p.addGlorot(name + ".Wh", hidden, 4 * hidden, random);
        double[] b = new double[4 * hidden];
        java.util.Arrays.fill(b, hidden, 2 * hidden, 1.0);
        p.add(name + ".b", new Shape(1, 4 * hidden), b);
    }

    /** One step from state s on input x. */
    public State step(Bindings p, Var x, State s) {
        int h = hidden;
        Var z = x.matmul(p.get(name + ".Wx")).add(s.h().matmul(p.get(name + ".Wh"))).add(p.get(name + ".b"));
        Var i = z.sliceCols(0, h).sigmoid();
        Var f = z.sliceCols(h, 2 * h).sigmoid();
        Var g = z.sliceCols(2 * h, 3 * h).tanh();
        Var o = z.sliceCols(3 * h, 4 * h).sigmoid();
        Var c = f.mul(s.c()).add(i.mul(g));
        return new State(o.mul(c.tanh()), c);
    }

    /** The states after each input of the sequence, starting from {@code s0}. */
    public List<State> unroll(Bindings p, List<Var> xs, State s0) {
        List<State> states = new ArrayList<>(xs.size());
        State s = s0;
        for (Var x : xs) {
            s = step(p, x, s);
            states.add(s);
        }
        return states;
    }

    /** The zero state for a batch, as constants of the graph of {@code like}. */
    public State zeroState(Var like, int batch) {
        Var zero = like.constant(0.0).broadcastTo(new Shape(batch, hidden));
        return new State(zero, zero);
    }

    public int hidden() {
        return hidden;
    }
}
