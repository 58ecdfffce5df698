package dev.leibniz.core.compile.internal;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.TensorArgs;

/**
 * The elementwise loops of a binary primitive with broadcasting strides. A template:
 * {@link Specializer} copies this class once per primitive with {@link #P} bound to it; never
 * used as it is. The reverse loop visits the output's elements in row-major order and sends
 * {@code Flow.times(g, ∂a)} then {@code Flow.times(g, ∂b)}, as the scalar sweeps do per node.
 *
 * <p>When each argument either has the output's shape or is a single element (the common case:
 * two arrays of one shape, or an array and a scalar), both loops run over the flat element index
 * instead of rows and columns: an m×1 column would otherwise pay a row's setup for every element
 * (measured 3–8 ns per element, issue 14). The flat loops do the same operations in the same
 * order, so the bits are the same; a single-element argument's adjoint is summed in a register,
 * which adds the same terms in the same order as adding them to memory one by one.
 */
final class BinaryLoops extends Lifted {
    /** The placeholder the copies bind to one primitive's static field. */
    static final BinaryPrimitive P = null;

    @Override
    public void forward(TensorArgs a) {
        final int m = a.ys.rows();
        final int n = a.ys.cols();
        final double[] xa = a.x[0];
        final double[] xb = a.x[1];
        final double[] y = a.y;
        final int ars = rowStride(a.xs[0]);
        final int acs = colStride(a.xs[0]);
        final int brs = rowStride(a.xs[1]);
        final int bcs = colStride(a.xs[1]);
        final Subgradients pol = a.policy;
        final int size = m * n;
        final int sa = a.xs[0].size();
        final int sb = a.xs[1].size();
        if (size > 1 && (sa == size || sa == 1) && (sb == size || sb == 1)) {
            final int ao = a.xo[0];
            final int bo = a.xo[1];
            final int yo = a.yo;
            if (sa == size && sb == size) {
                for (int e = 0; e < size; e++) {
                    y[yo + e] = P.apply(xa[ao + e], xb[bo + e], pol);
                }
            } else if (sa == 1) {
                final double va = xa[ao];
                for (int e = 0; e < size; e++) {
                    y[yo + e] = P.apply(va, xb[bo + e], pol);
                }
            } else {
                final double vb = xb[bo];
                for (int e = 0; e < size; e++) {
                    y[yo + e] = P.apply(xa[ao + e], vb, pol);
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            final int ai = a.xo[0] + i * ars;
            final int bi = a.xo[1] + i * brs;
            final int yi = a.yo + i * n;
            for (int j = 0; j < n; j++) {
                y[yi + j] = P.apply(xa[ai + j * acs], xb[bi + j * bcs], pol);
            }
        }
    }

    @Override
    public void backward(TensorArgs a) {
        final boolean needA = a.need[0] && Flow.flows(P.code(), 0);
        final boolean needB = a.need[1] && Flow.flows(P.code(), 1);
        if (!needA && !needB) {
            return;
        }
        final int m = a.ys.rows();
        final int n = a.ys.cols();
        final int size = m * n;
        final int sa = a.xs[0].size();
        final int sb = a.xs[1].size();
        if (size > 1 && (sa == size || sa == 1) && (sb == size || sb == 1)) {
            flatBackward(a, needA, needB, size, sa, sb);
            return;
        }
        final double[] xa = a.x[0];
        final double[] xb = a.x[1];
        final double[] y = a.y;
        final double[] gy = a.gy;
        // a dummy target for an argument whose adjoint is not needed keeps the loop branch-free
        final double[] ga = needA ? a.gx[0] : new double[a.xs[0].size()];
        final double[] gb = needB ? a.gx[1] : new double[a.xs[1].size()];
        final int gao = needA ? a.gxo[0] : 0;
        final int gbo = needB ? a.gxo[1] : 0;
        final int xao = a.xo[0];
        final int xbo = a.xo[1];
        final int ars = rowStride(a.xs[0]);
        final int acs = colStride(a.xs[0]);
        final int brs = rowStride(a.xs[1]);
        final int bcs = colStride(a.xs[1]);
        final Subgradients pol = a.policy;
        for (int i = 0; i < m; i++) {
            final int ai = i * ars;
            final int bi = i * brs;
            final int gi = a.gyo + i * n;
            final int yi = a.yo + i * n;
            for (int j = 0; j < n; j++) {
                final double g = gy[gi + j];
                if (g == 0) {
                    continue;
                }
                final int ea = ai + j * acs;
                final int eb = bi + j * bcs;
                final double va = xa[xao + ea];
                final double vb = xb[xbo + eb];
                final double vy = y[yi + j];
                ga[gao + ea] += Flow.times(g, P.partialA(va, vb, vy, pol));
                gb[gbo + eb] += Flow.times(g, P.partialB(va, vb, vy, pol));
            }
        }
    }

    /** The reverse loop over the flat element index (see the class comment); {@code size > 1}. */
    private static void flatBackward(TensorArgs a, boolean needA, boolean needB, int size, int sa, int sb) {
        final double[] xa = a.x[0];
        final double[] xb = a.x[1];
        final double[] y = a.y;
        final double[] gy = a.gy;
        final double[] ga = a.gx[0];
        final double[] gb = a.gx[1];
        final int gao = a.gxo[0];
        final int gbo = a.gxo[1];
        final int xao = a.xo[0];
        final int xbo = a.xo[1];
        final int yo = a.yo;
        final int gyo = a.gyo;
        final Subgradients pol = a.policy;
        if (sa == size && sb == size) {
            for (int e = 0; e < size; e++) {
                final double g = gy[gyo + e];
                if (g == 0) {
                    continue;
                }
                final double va = xa[xao + e];
                final double vb = xb[xbo + e];
                final double vy = y[yo + e];
                if (needA) {
                    ga[gao + e] += Flow.times(g, P.partialA(va, vb, vy, pol));
                }
                if (needB) {
                    gb[gbo + e] += Flow.times(g, P.partialB(va, vb, vy, pol));
                }
            }
        } else if (sa == 1) {
            final double va = xa[xao];
            double acc = needA ? ga[gao] : 0.0;
            for (int e = 0; e < size; e++) {
                final double g = gy[gyo + e];
                if (g == 0) {
                    continue;
                }
                final double vb = xb[xbo + e];
                final double vy = y[yo + e];
                if (needA) {
                    acc += Flow.times(g, P.partialA(va, vb, vy, pol));
                }
                if (needB) {
                    gb[gbo + e] += Flow.times(g, P.partialB(va, vb, vy, pol));
                }
            }
            if (needA) {
                ga[gao] = acc;
            }
        } else {
            final double vb = xb[xbo];
            double acc = needB ? gb[gbo] : 0.0;
            for (int e = 0; e < size; e++) {
                final double g = gy[gyo + e];
                if (g == 0) {
                    continue;
                }
                final double va = xa[xao + e];
                final double vy = y[yo + e];
                if (needA) {
                    ga[gao + e] += Flow.times(g, P.partialA(va, vb, vy, pol));
                }
                if (needB) {
                    acc += Flow.times(g, P.partialB(va, vb, vy, pol));
                }
            }
            if (needB) {
                gb[gbo] = acc;
            }
        }
    }
}
