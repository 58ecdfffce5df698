package dev.leibniz.models.nn;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron: dense layers of the given widths, the hidden ones with one activation,
 * the last one affine (its outputs are logits or regression values). Layer k's parameters are
 * {@code <name>.<k>.W} and {@code <name>.<k>.b}.
 */
public final class Mlp {
    private final List<Dense> layers = new ArrayList<>();

    /**
     * @param widths input width, hidden widths…, output width (at least two numbers)
     */
    public Mlp(String name, Activation hidden, int... widths) {
        if (widths.length < 2) {
            throw new LeibnizException("an MLP needs an input and an output width, got " + widths.length + " widths");
        }
        for (int k = 0; k + 1 < widths.length; k++) {
            boolean last = k + 2 == widths.length;
            layers.add(new Dense(name + "." + k, widths[k], widths[k + 1], last ? Activation.IDENTITY : hidden));
        }
    }

    public void declare(Parameters p, SplittableRandom random) {
        for (Dense d : layers) {
            d.declare(p, random);
        }
    }

    public Var apply(Bindings p, Var x) {
        Var h = x;
        for (Dense d : layers) {
            h = d.apply(p, h);
        }
        return h;
    }

    public List<Dense> layers() {
        return List.copyOf(layers);
    }
}
