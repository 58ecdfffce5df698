package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.UnaryPrimitive;

/**
 * The elementwise loops of a unary primitive (argument and output of one shape). A template:
 * {@link Specializer} copies this class once per primitive with {@link #P} bound to it; never
 * used as it is.
 */
final class UnaryLoops extends Lifted {
    /** The placeholder the copies bind to one primitive's static field. */
    static final UnaryPrimitive P = null;

    @Override
    public void forward(TensorArgs a) {
        final double[] x = a.x[0];
        final double[] y = a.y;
        final int xo = a.xo[0];
        final int yo = a.yo;
        final int size = a.ys.size();
        final double param = a.param;
        final Subgradients pol = a.policy;
        for (int e = 0; e < size; e++) {
            y[yo + e] = P.apply(x[xo + e], param, pol);
        }
    }

    @Override
    public void backward(TensorArgs a) {
        if (!a.need[0] || !Flow.flows(P.code(), 0)) {
            return;
        }
        final double[] x = a.x[0];
        final double[] y = a.y;
        final double[] gy = a.gy;
        final double[] gx = a.gx[0];
        final int xo = a.xo[0];
        final int yo = a.yo;
        final int gyo = a.gyo;
        final int gxo = a.gxo[0];
        final int size = a.ys.size();
        final double param = a.param;
        final Subgradients pol = a.policy;
        final double c = P.constantPartial(0);
        if (c == c) {
            for (int e = 0; e < size; e++) {
                double g = gy[gyo + e];
                if (g != 0) {
                    gx[gxo + e] += Flow.times(g, c);
                }
            }
            return;
        }
        for (int e = 0; e < size; e++) {
            double g = gy[gyo + e];
            if (g != 0) {
                gx[gxo + e] += Flow.times(g, P.derivative(x[xo + e], y[yo + e], param, pol));
            }
        }
    }
}
