package dev.leibniz.forward;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Random expression graphs over every scalar primitive of ad-core, each evaluable on any number
 * type through {@link ExprOps}: as an ad-core {@link Graph} (the code under test) and directly
 * on Hipparchus or Commons Math derivative types (the oracles).
 *
 * <p>Operations with a restricted domain are wrapped so that every expression is smooth and
 * finite at every point: {@code log(1 + a²)}, {@code sqrt(0.5 + a²)}, {@code a / (1.5 + sin b)},
 * {@code exp(sin a)}, {@code (1 + a²)^tanh(b)}, {@code tan(sin(a)/2)}. The kinks (relu, abs,
 * max, min, select) are included; random points are off the kinks with probability one.
 */
final class RandomForwardGraphs {
    private RandomForwardGraphs() {
    }

    enum Op {
        INPUT, CONST, ADD, SUB, MUL, DIV, NEG, SQUARE, POWI, POW, SQRT, EXP, LOG, LOG1P, EXPM1, SIN, COS, TAN,
        TANH, SIGMOID, SOFTPLUS, RELU, ABS, MAX, MIN, HYPOT, SELECT, LOGSUMEXP
    }

    private static final Op[] INNER = java.util.Arrays.copyOfRange(Op.values(), 2, Op.values().length);

    /** A node of a random expression. */
    record Expr(Op op, double c, int n, Expr[] kids) {
        <T> T eval(ExprOps<T> o, T[] x) {
            return switch (op) {
                case INPUT -> x[n];
                case CONST -> o.constant(c);
                case ADD -> o.add(k(0, o, x), k(1, o, x));
                case SUB -> o.sub(k(0, o, x), k(1, o, x));
                case MUL -> o.mul(k(0, o, x), k(1, o, x));
                case DIV -> o.div(k(0, o, x), o.add(o.constant(1.5), o.sin(k(1, o, x))));
                case NEG -> o.neg(k(0, o, x));
                case SQUARE -> o.square(k(0, o, x));
                case POWI -> o.powi(k(0, o, x), n);
                case POW -> o.pow(o.add(o.constant(1.0), o.square(k(0, o, x))), o.tanh(k(1, o, x)));
                case SQRT -> o.sqrt(o.add(o.constant(0.5), o.square(k(0, o, x))));
                case EXP -> o.exp(o.sin(k(0, o, x)));
                case LOG -> o.log(o.add(o.constant(1.0), o.square(k(0, o, x))));
                case LOG1P -> o.log1p(o.square(k(0, o, x)));
                case EXPM1 -> o.expm1(o.sin(k(0, o, x)));
                case SIN -> o.sin(k(0, o, x));
                case COS -> o.cos(k(0, o, x));
                case TAN -> o.tan(o.mul(o.constant(0.5), o.sin(k(0, o, x))));
                case TANH -> o.tanh(k(0, o, x));
                case SIGMOID -> o.sigmoid(k(0, o, x));
                case SOFTPLUS -> o.softplus(k(0, o, x));
                case RELU -> o.relu(k(0, o, x));
                case ABS -> o.abs(k(0, o, x));
                case MAX -> o.max(k(0, o, x), k(1, o, x));
                case MIN -> o.min(k(0, o, x), k(1, o, x));
                case HYPOT -> o.hypot(k(0, o, x), k(1, o, x));
                case SELECT -> o.selectGreater(k(0, o, x), k(1, o, x), k(2, o, x), k(3, o, x));
                case LOGSUMEXP -> o.logsumexp(k(0, o, x), k(1, o, x), k(2, o, x));
            };
        }

        private <T> T k(int i, ExprOps<T> o, T[] x) {
            return kids[i].eval(o, x);
        }

        @Override
        public String toString() {
            return switch (op) {
                case INPUT -> "x" + n;
                case CONST -> Double.toString(c);
                default -> op.name().toLowerCase() + (op == Op.POWI ? "^" + n : "")
                        + java.util.Arrays.toString(kids).replace('[', '(').replace(']', ')');
            };
        }
    }

    private static int arity(Op op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, POW, MAX, MIN, HYPOT -> 2;
            case LOGSUMEXP -> 3;
            case SELECT -> 4;
            default -> 1;
        };
    }

    /** A random expression of the given depth over inputs x0 … x(n−1). */
    static Expr expr(Random rnd, int n, int depth) {
        if (depth == 0 || rnd.nextInt(6) == 0) {
            if (rnd.nextInt(5) == 0) {
                return new Expr(Op.CONST, Math.round((rnd.nextDouble() * 4 - 2) * 8) / 8.0, 0, new Expr[0]);
            }
            return new Expr(Op.INPUT, 0, rnd.nextInt(n), new Expr[0]);
        }
        Op op = INNER[rnd.nextInt(INNER.length)];
        Expr[] kids = new Expr[arity(op)];
        for (int i = 0; i < kids.length; i++) {
            kids[i] = expr(rnd, n, depth - 1);
        }
        return new Expr(op, 0, op == Op.POWI ? 2 + rnd.nextInt(2) : 0, kids);
    }

    /** Several outputs over shared inputs, and the graph of them all. */
    record Case(int n, Expr[] outputs, Graph graph) {
        /** Evaluates every output on the given number type. */
        <T> T[] eval(ExprOps<T> o, T[] x, IntFunction<T[]> array) {
            T[] out = array.apply(outputs.length);
            for (int j = 0; j < outputs.length; j++) {
                out[j] = outputs[j].eval(o, x);
            }
            return out;
        }

        @Override
        public String toString() {
            return "n = " + n + ", outputs " + java.util.Arrays.toString(outputs);
        }
    }

    /** n inputs, m random outputs of the given depth, and the traced graph. */
    static Case random(Random rnd, int n, int m, int depth) {
        Expr[] outs = new Expr[m];
        for (int j = 0; j < m; j++) {
            outs[j] = expr(rnd, n, depth);
        }
        return new Case(n, outs, graph(n, outs));
    }

    static Graph graph(int n, Expr... outputs) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        ExprOps.VarOps ops = new ExprOps.VarOps(b);
        Map<String, Var> out = new LinkedHashMap<>();
        for (int j = 0; j < outputs.length; j++) {
            out.put("f" + j, outputs[j].eval(ops, x));
        }
        return b.build(out);
    }

    /** A random point with coordinates in [−2, 2]. */
    static double[] point(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * 4 - 2;
        }
        return x;
    }

    /** |a − b| ≤ tol·max(1, |a|, |b|): relative for large values, absolute near zero. */
    static boolean close(double a, double b, double tol) {
        if (a == b) {
            return true;
        }
        return Math.abs(a - b) <= tol * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }
}
