package dev.leibniz.core.compile.internal;

import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.TensorArgs;

/**
 * The elementwise loops of a primitive of any number of arguments ({@code select}, the variadic
 * {@code logsumexp}, …): each output element gathers its point through the broadcast strides and
 * calls the primitive's general rules. Slower than the specialized loops (a virtual call per
 * element), for the few primitives that need it.
 */
final class GeneralLoops extends Lifted {
    private final Primitive p;

    GeneralLoops(Primitive p) {
        this.p = p;
    }

    private static void strides(TensorArgs a) {
        for (int k = 0; k < a.n; k++) {
            a.rowStride[k] = rowStride(a.xs[k]);
            a.colStride[k] = colStride(a.xs[k]);
        }
    }

    private static void gather(TensorArgs a, int i, int j) {
        for (int k = 0; k < a.n; k++) {
            a.point[k] = a.x[k][a.xo[k] + i * a.rowStride[k] + j * a.colStride[k]];
        }
    }

    @Override
    public void forward(TensorArgs a) {
        strides(a);
        final int m = a.ys.rows();
        final int n = a.ys.cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                gather(a, i, j);
                a.y[a.yo + i * n + j] = p.apply(a.point, a.n, a.param, a.policy);
            }
        }
    }

    @Override
    public void backward(TensorArgs a) {
        strides(a);
        final int code = p.code();
        final int m = a.ys.rows();
        final int n = a.ys.cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double g = a.gy[a.gyo + i * n + j];
                if (g == 0) {
                    continue;
                }
                gather(a, i, j);
                double y = a.y[a.yo + i * n + j];
                for (int k = 0; k < a.n; k++) {
                    if (a.need[k] && Flow.flows(code, k)) {
                        a.gx[k][a.gxo[k] + i * a.rowStride[k] + j * a.colStride[k]]
                                += Flow.times(g, p.partial(k, a.point, a.n, y, a.param, a.policy));
                    }
                }
            }
        }
    }
}
