package dev.leibniz.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Random expression graphs for property tests of the reverse mode: 1–4 inputs, 5–40 operations
 * of the smooth primitives, arguments drawn from all earlier nodes (so shared subexpressions and
 * fan-out are common), each operation used only where it is smooth.
 *
 * <p>An expression is realized at its evaluation point while it is drawn. Every candidate
 * operation is evaluated with Hipparchus {@link DerivativeStructure}s of order 3 and kept only
 * if its arguments lie inside its domain with a margin (log and sqrt of at least 0.1, divisors
 * of at least 0.25 in magnitude, tan away from its poles, …) and its value and all its
 * derivatives up to order 3 are at most {@value #BOUND} in magnitude; otherwise the node becomes
 * {@code neg} of its first argument, which keeps every bound. The bounds are what make the
 * oracles' tolerances provable: a finite-difference step of 1e-5 stays inside every domain, and
 * its truncation error is at most h²/6·{@value #BOUND}.
 *
 * <p>The same expression is built three ways from one description: as a Leibniz graph (traced
 * through the {@link Var} API), as code run on a {@link Recorder}, and as Hipparchus derivative
 * structures, the independent oracle.
 */
public final class RandomExpressions {
    private RandomExpressions() {
    }

    /** Largest magnitude of any node value or derivative (up to order 3) in an expression. */
    public static final double BOUND = 100;

    /** The smooth operations an expression is made of; arity −1 means 2–4 arguments. */
    public enum Op {
        CONST(0), ADD(2), SUB(2), MUL(2), DIV(2), NEG(1), SQUARE(1), POWI(1), POW(2),
        SQRT(1), EXP(1), LOG(1), LOG1P(1), EXPM1(1), SIN(1), COS(1), TAN(1), TANH(1),
        SIGMOID(1), SOFTPLUS(1), HYPOT(2), LOGSUMEXP(-1), SOFTMAX_XENT(-1);

        final int arity;

        Op(int arity) {
            this.arity = arity;
        }
    }

    /** One operation on earlier nodes (inputs are nodes 0 … inputs−1). */
    public record Node(Op op, int[] args, double param) {
    }

    /** A drawn expression, its evaluation point and its outputs (node indices). */
    public static final class Expression {
        private final int inputs;
        private final List<Node> nodes;
        private final double[] point;
        private final int[] outputs;
        private final double largest;

        Expression(int inputs, List<Node> nodes, double[] point, int[] outputs, double largest) {
            this.inputs = inputs;
            this.nodes = List.copyOf(nodes);
            this.point = point;
            this.outputs = outputs;
            this.largest = largest;
        }

        public int inputCount() {
            return inputs;
        }

        /** Number of operations (inputs not counted). */
        public int operationCount() {
            return nodes.size();
        }

        public double[] point() {
            return point.clone();
        }

        public int[] outputs() {
            return outputs.clone();
        }

        /** The largest magnitude of a node value or derivative, ≤ {@link #BOUND}. */
        public double largestMagnitude() {
            return largest;
        }

        public String[] inputNames() {
            String[] names = new String[inputs];
            for (int i = 0; i < inputs; i++) {
                names[i] = "x" + i;
            }
            return names;
        }

        /** Runs the expression on variables (traced or recorded); returns every node's variable. */
        public Var[] apply(Var[] in) {
            Var[] v = Arrays.copyOf(in, inputs + nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                v[inputs + i] = applyNode(nodes.get(i), v, in[0]);
            }
            return v;
        }

        /** The expression as a static Leibniz graph with outputs f0, f1, …. */
        public Graph graph() {
            GraphBuilder b = GraphBuilder.tracing();
            Var[] in = new Var[inputs];
            for (int i = 0; i < inputs; i++) {
                in[i] = b.input("x" + i);
            }
            Var[] v = apply(in);
            String[] names = new String[outputs.length];
            int[] ids = new int[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                names[j] = "f" + j;
                ids[j] = v[outputs[j]].node();
            }
            return b.build(names, ids);
        }

        /** Value and derivatives of every node at {@code x}, by Hipparchus, up to {@code order}. */
        public DerivativeStructure[] derivatives(int order, double[] x) {
            DSFactory f = new DSFactory(inputs, order);
            DerivativeStructure[] d = new DerivativeStructure[inputs + nodes.size()];
            for (int i = 0; i < inputs; i++) {
                d[i] = f.variable(i, x[i]);
            }
            for (int i = 0; i < nodes.size(); i++) {
                d[inputs + i] = derivative(f, nodes.get(i), d);
            }
            return d;
        }

        /** Which inputs have a path to output {@code j}. */
        public boolean[] reaches(int j) {
            boolean[] reach = new boolean[inputs + nodes.size()];
            reach[outputs[j]] = true;
            for (int i = reach.length - 1; i >= inputs; i--) {
                if (reach[i]) {
                    for (int a : nodes.get(i - inputs).args()) {
                        reach[a] = true;
                    }
                }
            }
            return Arrays.copyOf(reach, inputs);
        }

        /** True when some node is an argument more than once (a shared subexpression). */
        public boolean hasFanOut() {
            int[] uses = new int[inputs + nodes.size()];
            for (Node n : nodes) {
                for (int a : n.args()) {
                    if (++uses[a] > 1) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("expression at ").append(Arrays.toString(point))
                    .append(", outputs ").append(Arrays.toString(outputs)).append('\n');
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                sb.append("  %").append(inputs + i).append(" = ").append(n.op()).append(' ')
                        .append(n.param() != 0 ? n.param() + " " : "").append(Arrays.toString(n.args())).append('\n');
            }
            return sb.toString();
        }
    }

    /** Expressions with one output. */
    public static Arbitrary<Expression> expressions() {
        return expressions(1);
    }

    /** Expressions with the given number of outputs (the last node, then random earlier nodes). */
    public static Arbitrary<Expression> expressions(int outputs) {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(5, 40),
                Arbitraries.longs()).as((n, m, seed) -> realize(n, m, outputs, seed));
    }

    /** Draws an expression; the same arguments always give the same expression. */
    public static Expression realize(int inputs, int operations, int outputs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = -2 + 4 * r.nextDouble();
        }
        DSFactory f = new DSFactory(inputs, 3);
        List<DerivativeStructure> d = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            d.add(f.variable(i, x[i]));
        }
        List<Node> nodes = new ArrayList<>();
        double largest = 2;
        Op[] ops = Op.values();
        for (int i = 0; i < operations; i++) {
            int size = inputs + i;
            Op op = ops[r.nextInt(ops.length)];
            int arity = op.arity >= 0 ? op.arity : r.nextInt(2, 5);
            int[] args = new int[arity];
            for (int k = 0; k < arity; k++) {
                // half the time the newest node (deep chains), else any earlier one (fan-out)
                args[k] = r.nextBoolean() ? size - 1 : r.nextInt(size);
            }
            double param = switch (op) {
                case CONST -> Math.rint(-20 + 40 * r.nextDouble()) / 8;
                case POWI -> r.nextInt(-2, 5);
                case SOFTMAX_XENT -> r.nextInt(arity);
                default -> 0;
            };
            Node node = new Node(op, args, param);
            DerivativeStructure[] all = d.toArray(new DerivativeStructure[0]);
            DerivativeStructure value = inDomain(node, all) ? derivative(f, node, all) : null;
            if (value == null || magnitude(value) > BOUND) {
                node = new Node(Op.NEG, new int[] {args.length > 0 ? args[0] : size - 1}, 0);
                value = derivative(f, node, all);
            }
            nodes.add(node);
            d.add(value);
            largest = Math.max(largest, magnitude(value));
        }
        int total = inputs + operations;
        int[] outs = new int[outputs];
        outs[0] = total - 1;
        for (int j = 1; j < outputs; j++) {
            outs[j] = r.nextInt(total - 1);
        }
        return new Expression(inputs, nodes, x, outs, largest);
    }

    private static double magnitude(DerivativeStructure d) {
        double m = 0;
        for (double c : d.getAllDerivatives()) {
            m = Math.max(m, Math.abs(c));
        }
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    /** The margins that keep a finite-difference step inside each operation's domain. */
    private static boolean inDomain(Node n, DerivativeStructure[] d) {
        double a = n.args().length > 0 ? d[n.args()[0]].getValue() : 0;
        double b = n.args().length > 1 ? d[n.args()[1]].getValue() : 0;
        return switch (n.op()) {
            case DIV -> Math.abs(b) >= 0.25;
            case POWI -> n.param() >= 0 || Math.abs(a) >= 0.3;
            case POW -> a >= 0.2 && Math.abs(b) <= 3;
            case SQRT, LOG -> a >= 0.1;
            case LOG1P -> a >= -0.8;
            case TAN -> Math.abs(Math.cos(a)) >= 0.3;
            case HYPOT -> Math.hypot(a, b) >= 0.1;
            default -> true;
        };
    }

    private static Var applyNode(Node n, Var[] v, Var any) {
        int[] a = n.args();
        return switch (n.op()) {
            case CONST -> any.constant(n.param());
            case ADD -> v[a[0]].add(v[a[1]]);
            case SUB -> v[a[0]].sub(v[a[1]]);
            case MUL -> v[a[0]].mul(v[a[1]]);
            case DIV -> v[a[0]].div(v[a[1]]);
            case NEG -> v[a[0]].neg();
            case SQUARE -> v[a[0]].square();
            case POWI -> v[a[0]].pow((int) n.param());
            case POW -> v[a[0]].pow(v[a[1]]);
            case SQRT -> v[a[0]].sqrt();
            case EXP -> v[a[0]].exp();
            case LOG -> v[a[0]].log();
            case LOG1P -> v[a[0]].log1p();
            case EXPM1 -> v[a[0]].expm1();
            case SIN -> v[a[0]].sin();
            case COS -> v[a[0]].cos();
            case TAN -> v[a[0]].tan();
            case TANH -> v[a[0]].tanh();
            case SIGMOID -> v[a[0]].sigmoid();
            case SOFTPLUS -> v[a[0]].softplus();
            case HYPOT -> v[a[0]].hypot(v[a[1]]);
            case LOGSUMEXP -> Var.logsumexp(gather(v, a));
            case SOFTMAX_XENT -> Var.softmaxCrossEntropy((int) n.param(), gather(v, a));
        };
    }

    private static Var[] gather(Var[] v, int[] a) {
        Var[] xs = new Var[a.length];
        for (int k = 0; k < a.length; k++) {
            xs[k] = v[a[k]];
        }
        return xs;
    }

    /** The oracle: each operation by its textbook formula on Hipparchus derivative structures. */
    private static DerivativeStructure derivative(DSFactory f, Node n, DerivativeStructure[] d) {
        int[] a = n.args();
        return switch (n.op()) {
            case CONST -> f.constant(n.param());
            case ADD -> d[a[0]].add(d[a[1]]);
            case SUB -> d[a[0]].subtract(d[a[1]]);
            case MUL -> d[a[0]].multiply(d[a[1]]);
            case DIV -> d[a[0]].divide(d[a[1]]);
            case NEG -> d[a[0]].negate();
            case SQUARE -> d[a[0]].multiply(d[a[0]]);
            case POWI -> d[a[0]].pow((int) n.param());
            case POW -> d[a[0]].pow(d[a[1]]);
            case SQRT -> d[a[0]].sqrt();
            case EXP -> d[a[0]].exp();
            case LOG -> d[a[0]].log();
            case LOG1P -> d[a[0]].log1p();
            case EXPM1 -> d[a[0]].expm1();
            case SIN -> d[a[0]].sin();
            case COS -> d[a[0]].cos();
            case TAN -> d[a[0]].tan();
            case TANH -> d[a[0]].tanh();
            case SIGMOID -> d[a[0]].negate().exp().add(1).reciprocal();
            case SOFTPLUS -> d[a[0]].exp().log1p(); // arguments are at most BOUND: e^100 does not overflow
            case HYPOT -> d[a[0]].hypot(d[a[1]]);
            case LOGSUMEXP -> logSumExp(f, d, a);
            case SOFTMAX_XENT -> logSumExp(f, d, a).subtract(d[a[(int) n.param()]]);
        };
    }

    private static DerivativeStructure logSumExp(DSFactory f, DerivativeStructure[] d, int[] a) {
        DerivativeStructure s = f.constant(0);
        for (int k : a) {
            s = s.add(d[k].exp());
        }
        return s.log();
    }
}
