package dev.leibniz.core.contract;

import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Shapes;

/**
 * Where the primitive's node {@code z} sits in the graph of a {@link Case}. Each embedding puts
 * the node in a situation where back ends have been seen to disagree.
 */
public enum Embedding {
    /** {@code f = z}: the primitive alone, its output the graph's output. */
    ALONE {
        @Override
        Var wrap(Var z, Var[] xs) {
            return z;
        }
    },
    /**
     * {@code f = sqrt(relu(−exp(z))) + z}. The argument of {@code relu} is negative (for every z
     * above −745, where exp does not underflow), so {@code relu'} is an exact 0 while the adjoint
     * arriving from {@code sqrt} at 0 is +∞: a zero partial meets an infinite adjoint, and the
     * flow contract ({@code Flow.times}) says the contribution is exactly 0, so ∂f/∂z = 1 and the
     * arguments of z get z's own partials (issue 13, defect 10: {@code sqrt(relu(x)) + x} at x = −1).
     */
    UNDER_SQRT_RELU {
        @Override
        Var wrap(Var z, Var[] xs) {
            return z.exp().neg().relu().sqrt().add(z);
        }
    },
    /**
     * {@code f = select(1, 0.5, z)}: z is the branch not taken. Its adjoint is exactly 0 whatever
     * the cotangent (also +∞), so nothing may reach z's arguments — not 0·∞ = NaN.
     */
    UNTAKEN_SELECT_BRANCH {
        @Override
        Var wrap(Var z, Var[] xs) {
            return Var.select(z.constant(1.0), z.constant(0.5), z);
        }
    },
    /**
     * {@code f = z·∞ + x0} (x0 summed when its shape does not broadcast to z's): z receives an
     * infinite adjoint for every nonzero cotangent while x0 keeps a path of its own, so every
     * reverse sweep — also those seeded with 1 — meets ∞ times z's partials, and an edge with no
     * dependence (a comparison's operands, a step's argument) must receive nothing (issue 13,
     * defect 1: {@code select(x > 0, 1, 2)·∞ + x} at x = 1 has df/dx = 1).
     */
    SCALED_BY_INFINITY {
        @Override
        Var wrap(Var z, Var[] xs) {
            Var x0 = xs[0];
            Var direct = Shapes.broadcastsTo(x0.shape(), z.shape()) ? x0 : x0.sumAll();
            return z.mul(z.constant(Double.POSITIVE_INFINITY)).add(direct);
        }
    };

    /** The graph output built around the primitive's node {@code z} (in z's builder) over the inputs {@code xs}. */
    abstract Var wrap(Var z, Var[] xs);
}
