package dev.leibniz.core.prim;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Subgradients;

/**
 * The scalar primitives applied to matrices element by element, with broadcasting (see
 * {@link Shapes}). An argument of shape {@code r×c} is read at element (i, j) of the output as
 * {@code x[i·rs + j·cs]} with row stride {@code rs = (r == 1 ? 0 : c)} and column stride
 * {@code cs = (c == 1 ? 0 : 1)}; the reverse kernels write their adjoint through the same
 * strides with {@code +=}, so a broadcast argument receives the sum over the elements it was
 * spread to — the "sum back to the argument's shape" of the reverse rule, with no extra pass.
 *
 * <p>The most frequent primitives of neural networks ({@code add}, {@code sub}, {@code mul},
 * {@code div}, {@code neg}, {@code square}, {@code exp}, {@code log}, {@code tanh},
 * {@code sigmoid}, {@code relu}) have their own loops; every other primitive goes through its
 * scalar rule once per element (a virtual call each, which the loops above avoid). The fast
 * loops compute exactly the scalar rules' numbers, with the same association (e.g. the sigmoid
 * VJP is {@code ḡ·(y·(1 − y))}, as {@code ḡ · sigmoid'} in the scalar engine), so a matrix and
 * the same elements run one by one through the scalar interpreter agree bit for bit.
 *
 * <p>The reverse kernels follow the one flow contract of every sweep ({@link Flow}): nothing
 * flows to an argument whose dependence is {@code NONE} (a comparison's operands, a
 * {@code select}'s condition), and a contribution {@code ḡ · ∂y/∂x} is exactly zero when either
 * factor is exactly zero, so the branch not taken by a {@code select} gets an exact zero rather
 * than 0·∞, and so does {@code relu}'s argument below 0 when an infinite adjoint reaches it.
 */
public final class Elementwise {
    private Elementwise() {
    }

    private static final int OTHER = 0;
    private static final int ADD = 1;
    private static final int SUB = 2;
    private static final int MUL = 3;
    private static final int DIV = 4;
    private static final int NEG = 5;
    private static final int SQUARE = 6;
    private static final int EXP = 7;
    private static final int LOG = 8;
    private static final int TANH = 9;
    private static final int SIGMOID = 10;
    private static final int RELU = 11;

    private static final int[] FAST = new int[Primitives.all().size()];

    static {
        FAST[Arithmetic.ADD.code()] = ADD;
        FAST[Arithmetic.SUB.code()] = SUB;
        FAST[Arithmetic.MUL.code()] = MUL;
        FAST[Arithmetic.DIV.code()] = DIV;
        FAST[Arithmetic.NEG.code()] = NEG;
        FAST[Arithmetic.SQUARE.code()] = SQUARE;
        FAST[Elementary.EXP.code()] = EXP;
        FAST[Elementary.LOG.code()] = LOG;
        FAST[Elementary.TANH.code()] = TANH;
        FAST[Elementary.SIGMOID.code()] = SIGMOID;
        FAST[Kinks.RELU.code()] = RELU;
    }

    private static int fast(Primitive p) {
        int c = p.code();
        return c < FAST.length ? FAST[c] : OTHER;
    }

    /** Evaluates a scalar primitive elementwise: {@code a.y = p(a.x…)} with broadcasting. */
    public static void forward(Primitive p, TensorArgs a) {
        switch (p.kind()) {
            case UNARY -> unary((UnaryPrimitive) p, a);
            case BINARY -> binary((BinaryPrimitive) p, a);
            default -> general(p, a);
        }
    }

    /** Accumulates the reverse rule of a scalar primitive applied elementwise. */
    public static void backward(Primitive p, TensorArgs a) {
        switch (p.kind()) {
            case UNARY -> {
                if (a.need[0] && Flow.flows(p.code(), 0)) {
                    unaryBack((UnaryPrimitive) p, a);
                }
            }
            case BINARY -> binaryBack((BinaryPrimitive) p, a);
            default -> generalBack(p, a);
        }
    }

    // ---------------------------------------------------------------- unary: same shape in and out

    private static void unary(UnaryPrimitive p, TensorArgs a) {
        final double[] x = a.x[0];
        final double[] y = a.y;
        final int xo = a.xo[0];
        final int yo = a.yo;
        final int size = a.ys.size();
        switch (fast(p)) {
            case NEG -> {
                for (int e = 0; e < size; e++) {
                    y[yo + e] = -x[xo + e];
                }
            }
            case SQUARE -> {
                for (int e = 0; e < size; e++) {
                    double v = x[xo + e];
                    y[yo + e] = v * v;
                }
            }
            case EXP -> {
                for (int e = 0; e < size; e++) {
                    y[yo + e] = Math.exp(x[xo + e]);
                }
            }
            case LOG -> {
                for (int e = 0; e < size; e++) {
                    y[yo + e] = Math.log(x[xo + e]);
                }
            }
            case TANH -> {
                for (int e = 0; e < size; e++) {
                    y[yo + e] = Math.tanh(x[xo + e]);
                }
            }
            case SIGMOID -> {
                for (int e = 0; e < size; e++) {
                    y[yo + e] = Elementary.sigmoid(x[xo + e]);
                }
            }
            case RELU -> {
                final Subgradients pol = a.policy;
                for (int e = 0; e < size; e++) {
                    // the declaration itself (a constant receiver the JIT inlines): NaN stays NaN
                    y[yo + e] = Kinks.RELU.apply(x[xo + e], 0.0, pol);
                }
            }
            default -> {
                final double param = a.param;
                final Subgradients pol = a.policy;
                for (int e = 0; e < size; e++) {
                    y[yo + e] = p.apply(x[xo + e], param, pol);
                }
            }
        }
    }

    private static void unaryBack(UnaryPrimitive p, TensorArgs a) {
        final double[] x = a.x[0];
        final double[] y = a.y;
        final double[] gy = a.gy;
        final double[] gx = a.gx[0];
        final int xo = a.xo[0];
        final int yo = a.yo;
        final int gyo = a.gyo;
        final int gxo = a.gxo[0];
        final int size = a.ys.size();
        switch (fast(p)) {
            case NEG -> {
                for (int e = 0; e < size; e++) {
                    double g = gy[gyo + e];
                    if (g != 0) {
                        gx[gxo + e] -= g;
                    }
                }
            }
            case TANH -> {
                for (int e = 0; e < size; e++) {
                    double g = gy[gyo + e];
                    if (g != 0) {
                        double v = y[yo + e];
                        gx[gxo + e] += Flow.times(g, 1.0 - v * v);
                    }
                }
            }
            case SIGMOID -> {
                for (int e = 0; e < size; e++) {
                    double g = gy[gyo + e];
                    if (g != 0) {
                        double v = y[yo + e];
                        // ḡ · sigmoid'(x) with sigmoid' = y(1 − y) formed first, as the scalar rule
                        gx[gxo + e] += Flow.times(g, v * (1.0 - v));
                    }
                }
            }
            case RELU -> {
                final Subgradients pol = a.policy;
                for (int e = 0; e < size; e++) {
                    double g = gy[gyo + e];
                    if (g != 0) {
                        gx[gxo + e] += Flow.times(g, Kinks.step(x[xo + e], pol));
                    }
                }
            }
            default -> {
                final double param = a.param;
                final Subgradients pol = a.policy;
                for (int e = 0; e < size; e++) {
                    double g = gy[gyo + e];
                    if (g != 0) {
                        gx[gxo + e] += Flow.times(g, p.derivative(x[xo + e], y[yo + e], param, pol));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- binary: broadcasting strides

    private static int rowStride(Shape s) {
        return s.rows() == 1 ? 0 : s.cols();
    }

    private static int colStride(Shape s) {
        return s.cols() == 1 ? 0 : 1;
    }

    private static void binary(BinaryPrimitive p, TensorArgs a) {
        final int m = a.ys.rows();
        final int n = a.ys.cols();
        final double[] xa = a.x[0];
        final double[] xb = a.x[1];
        final double[] y = a.y;
        final int ars = rowStride(a.xs[0]);
        final int acs = colStride(a.xs[0]);
        final int brs = rowStride(a.xs[1]);
        final int bcs = colStride(a.xs[1]);
        final int op = fast(p);
        final Subgradients pol = a.policy;
        for (int i = 0; i < m; i++) {
            final int ai = a.xo[0] + i * ars;
            final int bi = a.xo[1] + i * brs;
            final int yi = a.yo + i * n;
            switch (op) {
                case ADD -> {
                    for (int j = 0; j < n; j++) {
                        y[yi + j] = xa[ai + j * acs] + xb[bi + j * bcs];
                    }
                }
                case SUB -> {
                    for (int j = 0; j < n; j++) {
                        y[yi + j] = xa[ai + j * acs] - xb[bi + j * bcs];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < n; j++) {
                        y[yi + j] = xa[ai + j * acs] * xb[bi + j * bcs];
                    }
                }
                case DIV -> {
                    for (int j = 0; j < n; j++) {
                        y[yi + j] = xa[ai + j * acs] / xb[bi + j * bcs];
                    }
                }
                default -> {
                    for (int j = 0; j < n; j++) {
                        y[yi + j] = p.apply(xa[ai + j * acs], xb[bi + j * bcs], pol);
                    }
                }
            }
        }
    }

    private static void binaryBack(BinaryPrimitive p, TensorArgs a) {
        final int code = p.code();
        final boolean needA = a.need[0] && Flow.flows(code, 0);
        final boolean needB = a.need[1] && Flow.flows(code, 1);
        if (!needA && !needB) {
            return;
        }
        final int m = a.ys.rows();
        final int n = a.ys.cols();
        final double[] xa = a.x[0];
        final double[] xb = a.x[1];
        final double[] y = a.y;
        final double[] gy = a.gy;
        // a dummy target for an argument whose adjoint is not needed keeps the loops branch-free
        final double[] ga = needA ? a.gx[0] : new double[a.xs[0].size()];
        final double[] gb = needB ? a.gx[1] : new double[a.xs[1].size()];
        final int gao = needA ? a.gxo[0] : 0;
        final int gbo = needB ? a.gxo[1] : 0;
        final int ars = rowStride(a.xs[0]);
        final int acs = colStride(a.xs[0]);
        final int brs = rowStride(a.xs[1]);
        final int bcs = colStride(a.xs[1]);
        final int op = fast(p);
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
                switch (op) {
                    case ADD -> {
                        ga[gao + ea] += g;
                        gb[gbo + eb] += g;
                    }
                    case SUB -> {
                        ga[gao + ea] += g;
                        gb[gbo + eb] -= g;
                    }
                    case MUL -> {
                        ga[gao + ea] += Flow.times(g, xb[a.xo[1] + eb]);
                        gb[gbo + eb] += Flow.times(g, xa[a.xo[0] + ea]);
                    }
                    default -> {
                        double va = xa[a.xo[0] + ea];
                        double vb = xb[a.xo[1] + eb];
                        double vy = y[yi + j];
                        if (needA) {
                            ga[gao + ea] += Flow.times(g, p.partialA(va, vb, vy, pol));
                        }
                        if (needB) {
                            gb[gbo + eb] += Flow.times(g, p.partialB(va, vb, vy, pol));
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- any arity (select, variadic logsumexp …)

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

    private static void general(Primitive p, TensorArgs a) {
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

    private static void generalBack(Primitive p, TensorArgs a) {
        final long noFlow = Flow.noFlowMask(p.code());
        strides(a);
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
                    if (a.need[k] && (noFlow & (1L << Math.min(k, 63))) == 0) {
                        a.gx[k][a.gxo[k] + i * a.rowStride[k] + j * a.colStride[k]]
                                += Flow.times(g, p.partial(k, a.point, a.n, y, a.param, a.policy));
                    }
                }
            }
        }
    }
}
