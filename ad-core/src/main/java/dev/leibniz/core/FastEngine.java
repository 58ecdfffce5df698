package dev.leibniz.core;

import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Leaves;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.UnaryPrimitive;

/**
 * The same forward and reverse loops as {@link Engine}, with the primitives that dominate real
 * graphs (leaves, + − × ÷, negation, square, exp, log, sin, cos, tanh) evaluated inline.
 *
 * <p>Why: in the reference loops every node is a call through the {@link Primitive} object,
 * a megamorphic virtual call the JIT cannot inline, which costs more than the arithmetic
 * itself. Here a small dense table maps each op code to a case of one {@code switch}, and the
 * case does the arithmetic directly. Every other primitive still goes through its own rules.
 * The inline formulas are exactly the primitives' own ({@code FastEngineTest} checks that
 * results are bit-for-bit those of {@link Engine}); anomaly detection always uses the
 * reference loops.
 */
final class FastEngine {
    private FastEngine() {
    }

    private static final int INPUT = 0;
    private static final int CONSTANT = 1;
    private static final int ADD = 2;
    private static final int SUB = 3;
    private static final int MUL = 4;
    private static final int DIV = 5;
    private static final int NEG = 6;
    private static final int SQUARE = 7;
    private static final int EXP = 8;
    private static final int LOG = 9;
    private static final int SIN = 10;
    private static final int COS = 11;
    private static final int TANH = 12;
    private static final int OTHER_UNARY = 13;
    private static final int OTHER_BINARY = 14;
    private static final int GENERAL = 15;

    private static final Primitive[] PRIMS = Primitives.all().toArray(new Primitive[0]);
    /** Op code → case of the switch. */
    private static final int[] CASE = new int[PRIMS.length];

    static {
        for (int c = 0; c < PRIMS.length; c++) {
            Primitive p = PRIMS[c];
            CASE[c] = p == Leaves.INPUT ? INPUT
                    : p == Leaves.CONSTANT ? CONSTANT
                    : p == Arithmetic.ADD ? ADD
                    : p == Arithmetic.SUB ? SUB
                    : p == Arithmetic.MUL ? MUL
                    : p == Arithmetic.DIV ? DIV
                    : p == Arithmetic.NEG ? NEG
                    : p == Arithmetic.SQUARE ? SQUARE
                    : p == Elementary.EXP ? EXP
                    : p == Elementary.LOG ? LOG
                    : p == Elementary.SIN ? SIN
                    : p == Elementary.COS ? COS
                    : p == Elementary.TANH ? TANH
                    : p.kind() == Primitive.Kind.UNARY ? OTHER_UNARY
                    : p.kind() == Primitive.Kind.BINARY ? OTHER_BINARY
                    : GENERAL;
        }
    }

    static void forward(Engine.Nodes t, double[] inputs, double[] v, Subgradients pol, double[] scratch) {
        final int[] op = t.op();
        final int[] as = t.argStart();
        final int[] ap = t.argPool();
        final double[] cp = t.constPool();
        for (int i = 0, n = t.size(); i < n; i++) {
            int code = op[i];
            int s = as[i];
            switch (CASE[code]) {
                case INPUT -> v[i] = inputs[(int) cp[ap[s]]];
                case CONSTANT -> v[i] = cp[ap[s]];
                case ADD -> v[i] = v[ap[s]] + v[ap[s + 1]];
                case SUB -> v[i] = v[ap[s]] - v[ap[s + 1]];
                case MUL -> v[i] = v[ap[s]] * v[ap[s + 1]];
                case DIV -> v[i] = v[ap[s]] / v[ap[s + 1]];
                case NEG -> v[i] = -v[ap[s]];
                case SQUARE -> {
                    double x = v[ap[s]];
                    v[i] = x * x;
                }
                case EXP -> v[i] = Math.exp(v[ap[s]]);
                case LOG -> v[i] = Math.log(v[ap[s]]);
                case SIN -> v[i] = Math.sin(v[ap[s]]);
                case COS -> v[i] = Math.cos(v[ap[s]]);
                case TANH -> v[i] = Math.tanh(v[ap[s]]);
                case OTHER_UNARY -> v[i] = ((UnaryPrimitive) PRIMS[code]).apply(v[ap[s]], t.param(i), pol);
                case OTHER_BINARY -> v[i] = ((BinaryPrimitive) PRIMS[code]).apply(v[ap[s]], v[ap[s + 1]], pol);
                default -> {
                    int k = t.arity(i);
                    double[] x = k <= scratch.length ? scratch : new double[k];
                    for (int j = 0; j < k; j++) {
                        x[j] = v[ap[s + j]];
                    }
                    v[i] = PRIMS[code].apply(x, k, t.param(i), pol);
                }
            }
        }
    }

    static void backward(Engine.Nodes t, double[] v, double[] g, boolean[] reach, Subgradients pol, double[] scratch) {
        final int[] op = t.op();
        final int[] as = t.argStart();
        final int[] ap = t.argPool();
        for (int i = t.size() - 1; i >= 0; i--) {
            if (!reach[i]) {
                continue;
            }
            int code = op[i];
            int s = as[i];
            int c = CASE[code];
            if (c == INPUT || c == CONSTANT) {
                continue;
            }
            double gi = g[i];
            int a = ap[s];
            reach[a] = true;
            if (c == GENERAL) {
                general(t, i, code, s, v, g, reach, pol, scratch);
                continue;
            }
            if (c == ADD || c == SUB || c == MUL || c == DIV || c == OTHER_BINARY) {
                int b = ap[s + 1];
                reach[b] = true;
                if (gi == 0) {
                    continue;
                }
                switch (c) {
                    case ADD -> {
                        g[a] += gi;
                        g[b] += gi;
                    }
                    case SUB -> {
                        g[a] += gi;
                        g[b] -= gi;
                    }
                    case MUL -> {
                        double va = v[a];
                        g[a] += gi * v[b];
                        g[b] += gi * va;
                    }
                    case DIV -> {
                        double vb = v[b];
                        g[a] += gi * (1.0 / vb);
                        g[b] += gi * (-v[i] / vb);
                    }
                    default -> {
                        BinaryPrimitive p = (BinaryPrimitive) PRIMS[code];
                        double pa = p.partialA(v[a], v[b], v[i], pol);
                        double pb = p.partialB(v[a], v[b], v[i], pol);
                        g[a] += gi * pa;
                        g[b] += gi * pb;
                    }
                }
                continue;
            }
            if (gi == 0) {
                continue;
            }
            switch (c) {
                case NEG -> g[a] -= gi;
                case SQUARE -> g[a] += gi * (2.0 * v[a]);
                case EXP -> g[a] += gi * v[i];
                case LOG -> g[a] += gi * (1.0 / v[a]);
                case SIN -> g[a] += gi * Math.cos(v[a]);
                case COS -> g[a] += gi * -Math.sin(v[a]);
                case TANH -> {
                    double y = v[i];
                    g[a] += gi * (1.0 - y * y);
                }
                default -> g[a] += gi * ((UnaryPrimitive) PRIMS[code]).derivative(v[a], v[i], t.param(i), pol);
            }
        }
    }

    private static void general(Engine.Nodes t, int i, int code, int s, double[] v, double[] g, boolean[] reach,
                                Subgradients pol, double[] scratch) {
        int k = t.arity(i);
        int[] ap = t.argPool();
        for (int j = 0; j < k; j++) {
            reach[ap[s + j]] = true;
        }
        double gi = g[i];
        if (gi == 0) {
            return;
        }
        double[] x = k <= scratch.length ? scratch : new double[k];
        for (int j = 0; j < k; j++) {
            x[j] = v[ap[s + j]];
        }
        Primitive p = PRIMS[code];
        double param = t.param(i);
        for (int j = 0; j < k; j++) {
            g[ap[s + j]] += gi * p.partial(j, x, k, v[i], param, pol);
        }
    }

    /**
     * The value of one unary node, with the inline formulas of {@link #forward}: used by a
     * recording builder, which evaluates each node as it is appended.
     */
    static double apply1(int code, double x, double param, Subgradients pol) {
        return switch (CASE[code]) {
            case NEG -> -x;
            case SQUARE -> x * x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            default -> ((UnaryPrimitive) PRIMS[code]).apply(x, param, pol);
        };
    }

    /** The value of one binary node, with the inline formulas of {@link #forward}. */
    static double apply2(int code, double a, double b, Subgradients pol) {
        return switch (CASE[code]) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            default -> ((BinaryPrimitive) PRIMS[code]).apply(a, b, pol);
        };
    }

    /**
     * {@link #backward} over the compact tape of a recording ({@link RecordingTape}): the same
     * cases and the same formulas, with each operation's arguments decoded from its word.
     */
    static void backward(RecordingTape t, double[] g, boolean[] reach, Subgradients pol, double[] scratch) {
        final long[] word = t.word;
        final double[] v = t.values;
        for (int i = t.size - 1; i >= 0; i--) {
            if (!reach[i]) {
                continue;
            }
            long w = word[i];
            int code = RecordingTape.op(w);
            int c = CASE[code];
            if (c == INPUT || c == CONSTANT) {
                continue;
            }
            if (c == GENERAL) {
                general(t, i, w, g, reach, pol, scratch);
                continue;
            }
            double gi = g[i];
            int a = RecordingTape.fieldA(w);
            reach[a] = true;
            if (c == ADD || c == SUB || c == MUL || c == DIV || c == OTHER_BINARY) {
                int b = RecordingTape.fieldB(w);
                reach[b] = true;
                if (gi == 0) {
                    continue;
                }
                switch (c) {
                    case ADD -> {
                        g[a] += gi;
                        g[b] += gi;
                    }
                    case SUB -> {
                        g[a] += gi;
                        g[b] -= gi;
                    }
                    case MUL -> {
                        double va = v[a];
                        g[a] += gi * v[b];
                        g[b] += gi * va;
                    }
                    case DIV -> {
                        double vb = v[b];
                        g[a] += gi * (1.0 / vb);
                        g[b] += gi * (-v[i] / vb);
                    }
                    default -> {
                        BinaryPrimitive p = (BinaryPrimitive) PRIMS[code];
                        double pa = p.partialA(v[a], v[b], v[i], pol);
                        double pb = p.partialB(v[a], v[b], v[i], pol);
                        g[a] += gi * pa;
                        g[b] += gi * pb;
                    }
                }
                continue;
            }
            if (gi == 0) {
                continue;
            }
            switch (c) {
                case NEG -> g[a] -= gi;
                case SQUARE -> g[a] += gi * (2.0 * v[a]);
                case EXP -> g[a] += gi * v[i];
                case LOG -> g[a] += gi * (1.0 / v[a]);
                case SIN -> g[a] += gi * Math.cos(v[a]);
                case COS -> g[a] += gi * -Math.sin(v[a]);
                case TANH -> {
                    double y = v[i];
                    g[a] += gi * (1.0 - y * y);
                }
                default -> {
                    double param = Engine.HAS_PARAM[code] ? t.constPool[RecordingTape.fieldB(w)] : 0.0;
                    g[a] += gi * ((UnaryPrimitive) PRIMS[code]).derivative(v[a], v[i], param, pol);
                }
            }
        }
    }

    private static void general(RecordingTape t, int i, long w, double[] g, boolean[] reach, Subgradients pol,
                                double[] scratch) {
        int offset = RecordingTape.fieldA(w);
        int k = RecordingTape.fieldB(w);
        int code = RecordingTape.op(w);
        int[] ap = t.argPool;
        for (int j = 0; j < k; j++) {
            reach[ap[offset + j]] = true;
        }
        double gi = g[i];
        if (gi == 0) {
            return;
        }
        double[] v = t.values;
        double[] x = k <= scratch.length ? scratch : new double[k];
        for (int j = 0; j < k; j++) {
            x[j] = v[ap[offset + j]];
        }
        Primitive p = PRIMS[code];
        double param = Engine.HAS_PARAM[code] ? t.constPool[ap[offset + k]] : 0.0;
        for (int j = 0; j < k; j++) {
            g[ap[offset + j]] += gi * p.partial(j, x, k, v[i], param, pol);
        }
    }
}
